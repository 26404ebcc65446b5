"""Invented team members: Vietnamese names and phone numbers from fixed lists.

The names are drawn with a seeded generator, so that every run makes the same
people; none is meant to be a real person. The middle names leave out "Anh",
so that the demo never makes up a namesake of the real signer of the report.
"""

import random
from dataclasses import dataclass

from hocvuso.teams.models import Affiliation, Role

# Common in the northern delta, Nguyễn most of all.
SURNAMES = (
    ["Nguyễn"] * 8
    + ["Trần"] * 3
    + ["Phạm"] * 3
    + ["Vũ"] * 3
    + ["Đỗ", "Đỗ", "Bùi", "Bùi", "Hoàng", "Lê", "Đặng", "Ngô", "Đinh", "Phan", "Lương", "Nhữ"]
    + ["Mạc", "Đào", "Trịnh"]
)
MIDDLE = {
    "male": ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Xuân", "Tiến", "Đình"],
    "female": ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Phương", "Hồng", "Thùy", "Kim"],
}
GIVEN = {
    "male": [
        "Hùng", "Dũng", "Tuấn", "Long", "Nam", "Thắng", "Cường", "Hải", "Sơn", "Trung",
        "Hiếu", "Quân", "Khánh", "Phong", "Đạt", "Huy", "Tùng", "Lâm", "Thịnh", "Bình",
        "Toàn", "Kiên", "Duy", "Công", "Tài", "Hưng", "Mạnh", "Khoa",
    ],
    "female": [
        "Hương", "Lan", "Hà", "Trang", "Linh", "Huyền", "Thảo", "Mai", "Hằng", "Yến",
        "Nhung", "Oanh", "Dung", "Thủy", "Hạnh", "Loan", "Giang", "Hoa", "Nga", "Vân",
        "Nhàn", "Liên", "Duyên", "Quyên",
    ],
}  # fmt: skip
MOBILE_PREFIXES = ["090", "091", "093", "094", "096", "097", "098"]


@dataclass(frozen=True)
class Person:
    full_name: str
    phone: str
    affiliation: str
    position: str
    role: str
    publish_phone: bool


class PeopleMaker:
    """Makes people with names and phone numbers that never repeat."""

    def __init__(self, seed: str):
        self.rng = random.Random(seed)
        self.names: set[str] = set()
        self.phones: set[str] = set()

    def name(self, gender: str | None = None) -> str:
        while True:
            chosen = gender or self.rng.choice(["male", "female"])
            name = " ".join(
                [
                    self.rng.choice(SURNAMES),
                    self.rng.choice(MIDDLE[chosen]),
                    self.rng.choice(GIVEN[chosen]),
                ]
            )
            if name not in self.names:
                self.names.add(name)
                return name

    def phone(self) -> str:
        while True:
            phone = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**7):07d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def person(self, role: str, affiliation: str, position: str) -> Person:
        # The women's union has women in it. Leaders and deputies agreed to
        # have their number on the public page.
        gender = "female" if affiliation == Affiliation.WOMEN_UNION else None
        return Person(
            full_name=self.name(gender),
            phone=self.phone(),
            affiliation=affiliation,
            position=position,
            role=role,
            publish_phone=role != Role.MEMBER,
        )


# The commune team draws on the youth union, teachers, young officials and the
# police, as the report says. (role, affiliation, position)
COMMUNE_TEAM = [
    (Role.LEADER, Affiliation.OFFICIAL, "Công chức Văn hóa - Xã hội, UBND xã"),
    (Role.DEPUTY, Affiliation.YOUTH_UNION, "Bí thư Đoàn xã"),
    (Role.MEMBER, Affiliation.YOUTH_UNION, "Phó Bí thư Đoàn xã"),
    (Role.MEMBER, Affiliation.OFFICIAL, "Công chức Trung tâm Phục vụ hành chính công xã"),
    (Role.MEMBER, Affiliation.OFFICIAL, "Chuyên viên Văn phòng HĐND và UBND xã"),
    (Role.MEMBER, Affiliation.YOUTH_UNION, "Đoàn viên, viên chức Trung tâm Dịch vụ sự nghiệp công"),
    (Role.MEMBER, Affiliation.POLICE, "Cán bộ Công an xã"),
    (Role.MEMBER, Affiliation.TEACHER, "Giáo viên Trường THCS Chí Minh"),
    (Role.MEMBER, Affiliation.TEACHER, "Giáo viên Trường Tiểu học Trung Lăng"),
    (Role.MEMBER, Affiliation.WOMEN_UNION, "Cán bộ Hội Liên hiệp Phụ nữ xã"),
]

# Those of the commune team who take turns on duty at the centre, Monday to
# Friday in office hours: the officials and the youth union, not the teachers
# (they teach) nor the policeman (on his own duty).
DUTY_AFFILIATIONS = {Affiliation.OFFICIAL, Affiliation.YOUTH_UNION}

# The rapid-response team: a new leader and two telecom technicians, with two
# members of the commune team serving in both (indexes into COMMUNE_TEAM).
RAPID_TEAM_NEW = [
    (Role.LEADER, Affiliation.OFFICIAL, "Công chức phụ trách chuyển đổi số, UBND xã"),
    (Role.MEMBER, Affiliation.TELECOM, "Nhân viên kỹ thuật Viettel Hải Phòng"),
    (Role.MEMBER, Affiliation.TELECOM, "Nhân viên kỹ thuật VNPT Hải Phòng"),
]
RAPID_TEAM_FROM_COMMUNE = [(6, Role.DEPUTY), (2, Role.MEMBER)]

# Village teams: a leader, a deputy, then one to four members.
VILLAGE_LEADERS = [
    (Affiliation.VILLAGE_OFFICER, "Trưởng {village}"),
    (Affiliation.YOUTH_UNION, "Bí thư Chi đoàn {village}"),
]
VILLAGE_DEPUTIES = [
    (Affiliation.YOUTH_UNION, "Bí thư Chi đoàn {village}"),
    (Affiliation.WOMEN_UNION, "Chi hội trưởng Phụ nữ {village}"),
    (Affiliation.VILLAGE_OFFICER, "Phó trưởng {village}"),
]
VILLAGE_MEMBERS = [
    (Affiliation.YOUTH_UNION, "Đoàn viên Chi đoàn {village}"),
    (Affiliation.YOUTH_UNION, "Đoàn viên Chi đoàn {village}"),
    (Affiliation.WOMEN_UNION, "Hội viên Chi hội Phụ nữ {village}"),
    (Affiliation.VETERANS, "Chi hội Cựu chiến binh {village}"),
    (Affiliation.TEACHER, "Giáo viên, cư trú tại {village}"),
    (Affiliation.VOLUNTEER, "Tổ bảo vệ an ninh, trật tự cơ sở {village}"),
    (Affiliation.VOLUNTEER, "Tình nguyện viên"),
]


def commune_team(maker: PeopleMaker) -> list[Person]:
    return [maker.person(*row) for row in COMMUNE_TEAM]


def rapid_team_newcomers(maker: PeopleMaker) -> list[Person]:
    return [maker.person(*row) for row in RAPID_TEAM_NEW]


def village_team(maker: PeopleMaker, village: str) -> list[Person]:
    rng = maker.rng
    size = rng.randint(3, 6)
    leader = rng.choice(VILLAGE_LEADERS)
    deputy = rng.choice([d for d in VILLAGE_DEPUTIES if d[1] != leader[1]])
    members = rng.sample(VILLAGE_MEMBERS, size - 2)
    rows = [(Role.LEADER, *leader), (Role.DEPUTY, *deputy)]
    rows += [(Role.MEMBER, *member) for member in members]
    return [maker.person(role, aff, pos.format(village=village)) for role, aff, pos in rows]
