"""The plan of the national demo, made without touching the database.

Every commune draws its own records from a generator seeded with its official code
(`commune_rng`), so that a commune's villages, people and visits are the same on every run,
whichever provinces are loaded with it and in whatever order. Everything is invented: no
village, person or count describes a real commune.

The village kinds follow how each region names its villages: bản in the north-west, xóm
beside thôn in the north-east and in the north-central provinces, buôn beside thôn in the
Central Highlands, ấp and khu phố in the south, tổ dân phố in the wards elsewhere. The regions
are keyed by the official province codes of the 2025 reform (`vietnam-provinces`).
"""

import datetime
import random
from dataclasses import dataclass

from hocvuso.learning.models import LearnerGroup
from hocvuso.outreach.models import Channel
from hocvuso.support.models import AgeBand, Gender, Outcome, Place
from hocvuso.teams.models import Affiliation, Role
from hocvuso.units.models import Kind

from .city_records import COMMUNE_TEAM, VILLAGE_NAMES
from .city_records import VILLAGE_TEAM as CITY_VILLAGE_TEAM
from .people import PeopleMaker

SEED = "hocvuso-demo-nation-2026"
# The year of visits: from the day the new communes began, 01/07/2025, to 30/06/2026.
YEAR_START = datetime.date(2025, 7, 1)
YEAR_END = datetime.date(2026, 6, 30)
TEAMS_FROM = datetime.date(2025, 7, 15)
VISITS_PER_COMMUNE = 50_000_000 / 3_321  # at scale 1: 50 million over the 3,321 communes
# How busy a commune is, by kind: wards see more people, the island zones fewer; the
# factors keep the national mean at one.
VISIT_FACTOR = {Kind.XA: 0.935, Kind.PHUONG: 1.25, Kind.DAC_KHU: 0.6}
ACTIVITIES = (30, 90)  # a commune's outreach activities in the year, at scale 1
CLASSES = (6, 24)  # its digital classes

# Village kinds by region, for a xã (and an đặc khu), with their weights; the wards' kind.
NORTH_WEST, NORTH_EAST, DELTA, NORTH_CENTRAL, CENTRAL, HIGHLANDS, SOUTH = range(7)
REGION_OF_PROVINCE = {
    **dict.fromkeys([11, 12, 14, 15], NORTH_WEST),
    **dict.fromkeys([4, 8, 19, 20, 25], NORTH_EAST),
    **dict.fromkeys([1, 22, 24, 31, 33, 37, 38], DELTA),
    **dict.fromkeys([40, 42], NORTH_CENTRAL),
    **dict.fromkeys([44, 46, 48, 51, 56], CENTRAL),
    **dict.fromkeys([52, 66, 68], HIGHLANDS),
    **dict.fromkeys([75, 79, 80, 82, 86, 91, 92, 96], SOUTH),
}
RURAL_KINDS = {
    NORTH_WEST: {Kind.BAN: 55, Kind.THON: 45},
    NORTH_EAST: {Kind.THON: 50, Kind.XOM: 35, Kind.BAN: 15},
    DELTA: {Kind.THON: 90, Kind.XOM: 10},
    NORTH_CENTRAL: {Kind.XOM: 55, Kind.THON: 45},
    CENTRAL: {Kind.THON: 100},
    HIGHLANDS: {Kind.THON: 70, Kind.BUON: 30},
    SOUTH: {Kind.AP: 100},
}
URBAN_KIND = {SOUTH: Kind.KHU_PHO}  # elsewhere a ward's villages are tổ dân phố
VILLAGE_COUNT = {Kind.XA: (10, 38), Kind.PHUONG: (8, 40), Kind.DAC_KHU: (4, 14)}
# Own names of villages by kind; a kind without names numbers its villages.
OWN_NAMES = {
    Kind.THON: VILLAGE_NAMES,
    Kind.XOM: VILLAGE_NAMES,
    Kind.BAN: [
        "Na Sang", "Huổi Lóng", "Pá Khoang", "Co Mạ", "Nậm Ty", "Phiêng Lanh", "Hua Pe",
        "Nà Tấu", "Pom Lót", "Tà Cơn", "Khong Hẳn", "Mường Tinh", "Noong Bua", "Chiềng Ly",
        "Huổi Chan", "Nà Lư", "Pa Cưởm", "Lả Mường", "Nậm Khăm", "Bó Mạy",
    ],
    Kind.BUON: [
        "Ea Kmăt", "Kô Siêr", "Trấp", "Ako Dhông", "Ea Bông", "Cuôr Đăng", "Tơ Lơ", "Ea Tul",
        "Dliê Ya", "Krông Jing", "Phơ", "Ea Sar",
    ],
    Kind.AP: [
        "Tân Thành", "Bình Hòa", "Phú Lợi", "Long Hưng", "Mỹ Thạnh", "An Thạnh", "Hòa Lợi",
        "Thới Bình", "Tân Phú", "Vĩnh Lợi", "Phước Lộc", "Thạnh Mỹ", "Bình Thạnh", "Long Bình",
        "Hưng Lợi", "Mỹ Hòa", "Tân Qui", "Phú Thạnh",
    ],
}  # fmt: skip
KIND_TITLES = {
    Kind.THON: "Thôn",
    Kind.XOM: "Xóm",
    Kind.BAN: "Bản",
    Kind.BUON: "Buôn",
    Kind.AP: "Ấp",
    Kind.TO_DAN_PHO: "Tổ dân phố",
    Kind.KHU_PHO: "Khu phố",
}

RAPID_TEAM = [
    (Role.LEADER, Affiliation.OFFICIAL, "Công chức phụ trách chuyển đổi số"),
    (Role.DEPUTY, Affiliation.POLICE, "Cán bộ Công an"),
    (Role.MEMBER, Affiliation.TELECOM, "Nhân viên kỹ thuật doanh nghiệp viễn thông"),
    (Role.MEMBER, Affiliation.TELECOM, "Nhân viên kỹ thuật doanh nghiệp viễn thông"),
    (Role.MEMBER, Affiliation.YOUTH_UNION, "Đoàn viên"),
    (Role.MEMBER, Affiliation.TELECOM, "Nhân viên ngân hàng"),
]
# The demo city's village team, and a teacher living in the village.
VILLAGE_TEAM = [
    *CITY_VILLAGE_TEAM,
    (Role.MEMBER, Affiliation.TEACHER, "Giáo viên, cư trú tại {village}"),
]
TEAM_SIZES = {"commune": (8, 12), "rapid": (4, 6), "village": (4, 7)}

CHANNELS = [Channel.LOUDSPEAKER, Channel.BULLETIN_BOARD, Channel.SOCIAL_MEDIA,
            Channel.VILLAGE_MEETING, Channel.ZALO, Channel.PORTAL, Channel.SCHOOL]  # fmt: skip
ACTIVITY_TITLES = [
    "Tuyên truyền phong trào “Bình dân học vụ số”",
    "Hướng dẫn đăng ký, kích hoạt tài khoản định danh điện tử mức 2",
    "Cảnh báo các thủ đoạn lừa đảo trên không gian mạng",
    "Hướng dẫn nộp hồ sơ trên Cổng dịch vụ công quốc gia",
    "Vận động thanh toán không dùng tiền mặt",
    "Hướng dẫn cài đặt, sử dụng Sổ sức khỏe điện tử",
]
CLASS_TOPICS = [
    "Sử dụng điện thoại thông minh an toàn, đăng ký và kích hoạt VNeID",
    "Nộp hồ sơ, thanh toán trực tuyến trên Cổng dịch vụ công quốc gia",
    "Nhận diện lừa đảo trực tuyến, an toàn trên không gian mạng",
    "Thanh toán không dùng tiền mặt, mã QR cho hộ kinh doanh",
    "Học kỹ năng số trên nền tảng Bình dân học vụ số",
    "Kỹ năng số cơ bản cho cán bộ, công chức",
]

# Days off in the year (Quốc khánh, Tết dương lịch, Tết Bính Ngọ, Giỗ Tổ, 30/4 and 1/5).
HOLIDAYS = {
    datetime.date(2025, 9, 1),
    datetime.date(2025, 9, 2),
    datetime.date(2026, 1, 1),
    *(datetime.date(2026, 2, 14) + datetime.timedelta(days=d) for d in range(9)),
    datetime.date(2026, 4, 27),
    datetime.date(2026, 4, 30),
    datetime.date(2026, 5, 1),
}
TET = datetime.date(2026, 2, 17)

# The visit draws: each visit is one 64-bit draw cut into fields, each field looked up in a
# table where a value appears as often as its weight (a table of 2^k entries), which is
# several times quicker than `random.choices` per field; 50 million visits call for it.
PLACES = {Place.SERVICE_CENTRE: 70, Place.CULTURAL_HOUSE: 14, Place.HOME: 8, Place.ONLINE: 5,
          Place.SCHOOL: 3}  # fmt: skip
GENDERS = {Gender.FEMALE: 53, Gender.MALE: 45, Gender.UNKNOWN: 2}
AGE_BANDS = {
    AgeBand.UNDER_18: 4,
    AgeBand.FROM_18_TO_39: 30,
    AgeBand.FROM_40_TO_59: 36,
    AgeBand.FROM_60: 26,
    AgeBand.UNKNOWN: 4,
}
OUTCOMES = {Outcome.DONE: 91, Outcome.PARTLY: 6, Outcome.REFERRED: 3}
NOTES = {
    Outcome.DONE: "",
    Outcome.PARTLY: "Thiếu giấy tờ, hẹn bổ sung",
    Outcome.REFERRED: "Chuyển bộ phận một cửa xử lý",
}
# The national catalogue only: a province's own apps are the province's to add.
SERVICES = {
    "dvc-filing": 30,
    "vneid-activate": 15,
    "login-recovery": 12,
    "health-book": 11,
    "dvc-lookup": 9,
    "qr-payment": 8,
    "vneid-register": 6,
    "dvc-payment": 5,
    "anti-fraud": 5,
    "other": 2,
}
COMPANION = {"dvc-filing": "dvc-payment", "vneid-register": "vneid-activate",
             "qr-payment": "anti-fraud"}  # fmt: skip


def table(weights: dict, size: int) -> list:
    """`size` entries in which each key appears in proportion to its weight."""
    total = sum(weights.values())
    out = []
    for key, weight in weights.items():
        out += [key] * round(size * weight / total)
    out = (out + [max(weights, key=weights.get)] * size)[:size]
    return out


def year_days() -> list[tuple[datetime.date, float]]:
    """The working days of the year (Monday to Saturday, no holidays) and how busy each is:
    Saturdays half, the movement growing month by month, more before Tết and in October
    (Ngày chuyển đổi số quốc gia, 10/10)."""
    days, day, month = [], YEAR_START, 0
    while day <= YEAR_END:
        if day not in HOLIDAYS and day.weekday() < 6:
            month = (day.year - YEAR_START.year) * 12 + day.month - YEAR_START.month
            weight = (0.5 if day.weekday() == 5 else 1.0) * (0.8 + 0.04 * month)
            if day.month == 10 or (day.month == 2 and day < TET):
                weight *= 1.25
            days.append((day, weight))
        day += datetime.timedelta(days=1)
    return days


@dataclass
class Tables:
    """The lookup tables of the visit draws, built once per load."""

    day: list[int]  # 4096 entries: an index into `days`
    days: list[datetime.date]
    place: list[str]  # 256
    gender: list[str]  # 64
    age: list[str]  # 64
    outcome: list[str]  # 128
    service: list[str]  # 256

    @classmethod
    def build(cls) -> "Tables":
        days = year_days()
        return cls(
            day=table({i: w for i, (_, w) in enumerate(days)}, 4096),
            days=[d for d, _ in days],
            place=table(PLACES, 256),
            gender=table(GENDERS, 64),
            age=table(AGE_BANDS, 64),
            outcome=table(OUTCOMES, 128),
            service=table(SERVICES, 256),
        )


def commune_rng(code: str, what: str) -> random.Random:
    """The generator of one kind of record of one commune, seeded with its official code."""
    return random.Random(f"{SEED}-{code}-{what}")


@dataclass
class PlannedVillage:
    number: int
    kind: str
    name: str
    short_name: str


def plan_villages(code: str, commune_kind: str, province_code: int) -> list[PlannedVillage]:
    rng = commune_rng(code, "villages")
    region = REGION_OF_PROVINCE.get(province_code, DELTA)
    count = rng.randint(*VILLAGE_COUNT.get(commune_kind, VILLAGE_COUNT[Kind.XA]))
    villages, used = [], set()
    for number in range(1, count + 1):
        if commune_kind == Kind.PHUONG:
            kind = URBAN_KIND.get(region, Kind.TO_DAN_PHO)
        else:
            weights = RURAL_KINDS[region]
            kind = rng.choices(list(weights), list(weights.values()))[0]
        names = [n for n in OWN_NAMES.get(kind, ()) if (kind, n) not in used]
        # Half the villages that could have an own name are numbered, as many are.
        own = rng.choice(names) if names and rng.random() < 0.5 else None
        short_name = own or ("số " if kind == Kind.TO_DAN_PHO else "") + str(number)
        used.add((kind, own))
        villages.append(
            PlannedVillage(number, kind, f"{KIND_TITLES[kind]} {short_name}", short_name)
        )
    return villages


@dataclass
class PlannedPerson:
    team: int  # 0 the commune team, 1 the rapid-response team, 2 + i the team of village i
    role: str
    full_name: str
    phone: str
    publish_phone: bool
    affiliation: str
    position: str


def plan_people(code: str, villages: list[PlannedVillage]) -> list[PlannedPerson]:
    rng = commune_rng(code, "team-sizes")
    maker = PeopleMaker(f"{SEED}-{code}-people")
    specs = [
        (0, COMMUNE_TEAM[: rng.randint(*TEAM_SIZES["commune"])], ""),
        (1, RAPID_TEAM[: rng.randint(*TEAM_SIZES["rapid"])], ""),
    ] + [
        (2 + i, VILLAGE_TEAM[: rng.randint(*TEAM_SIZES["village"])], village.name)
        for i, village in enumerate(villages)
    ]
    out = []
    for team, roles, where in specs:
        for role, affiliation, position in roles:
            person = maker.person(role, affiliation, position.format(village=where))
            out.append(
                PlannedPerson(
                    team,
                    role,
                    person.full_name,
                    person.phone,
                    person.publish_phone,
                    affiliation,
                    person.position,
                )
            )
    return out


def visit_count(code: str, commune_kind: str, scale: float) -> int:
    factor = commune_rng(code, "size").uniform(0.5, 1.5) * VISIT_FACTOR.get(commune_kind, 1)
    return round(VISITS_PER_COMMUNE * scale * factor)


def record_count(code: str, what: str, bounds: tuple[int, int], scale: float) -> int:
    """A commune's activities or classes in the year, thinned by the scale, at least one."""
    return max(1, round(commune_rng(code, f"{what}-count").randint(*bounds) * scale))


@dataclass
class CommuneIds:
    """The database ids a commune's visits point to, in the plan's order."""

    commune: int
    villages: list[int]
    teams: list[int]  # commune team, rapid-response team, then one per village
    members: list[list[int]]  # by team, in the same order


def plan_visits(code: str, count: int, ids: CommuneIds, tables: Tables, days: list[str],
                minutes: list[str], services: dict[str, int]):  # fmt: skip
    """Yield `count` visits of one commune as (commune, village, team, member, occurred_at,
    place, people, gender, age band, elderly, disability, outcome, note, service ids, day):
    the last the visit's local day as an index into `tables.days`, for its totals.

    A visit's time is `days[i] + minutes[m]`: the days of `tables.days` at 7:00 and the
    minutes after, as datetimes and timedeltas or as texts the database takes; the function
    only draws."""
    rng = commune_rng(code, "visits")
    bits = rng.getrandbits
    villages, village_count = ids.villages, len(ids.villages)
    centre_team, centre_helpers = ids.teams[0], ids.members[0]
    teams, helpers = ids.teams[2:], ids.members[2:]
    day_of, place_of, gender_of = tables.day, tables.place, tables.gender
    age_of, outcome_of, service_of = tables.age, tables.outcome, tables.service
    ids_of = services
    companion = {ids_of[a]: ids_of[b] for a, b in COMPANION.items()}
    service_ids = [ids_of[code] for code in service_of]
    centre, house, home = Place.SERVICE_CENTRE, Place.CULTURAL_HOUSE, Place.HOME
    mixed_gender, mixed_age, old = Gender.MIXED, AgeBand.MIXED, AgeBand.FROM_60
    done = Outcome.DONE
    notes = NOTES
    for _ in range(count):
        r = bits(64)
        day_index = day_of[r & 4095]
        day = days[day_index]
        place = place_of[(r >> 12) & 255]
        index = (r >> 20) % village_count
        s = r >> 36  # 28 bits left: minute 0-9, village said 10-11, helper 12-20, 21-25
        if place == centre:
            # Office hours, from 7:30 to 17:00; `minutes` start at 7:00.
            minute = 30 + (s & 1023) % 570
            team, members = centre_team, centre_helpers
            # Not everyone at the centre says which village they live in.
            village = villages[index] if (s >> 10) & 3 else None
        else:
            minute = 60 + (s & 1023) % 480
            team, members = teams[index], helpers[index]
            village = villages[index]
        member = members[((s >> 12) & 511) % len(members)]
        t = bits(32)
        first = service_ids[t & 255]
        second = companion.get(first) if (t >> 8) & 1 else None
        chosen = (first,) if second is None else (first, second)
        if place == house and (s >> 24) & 3 == 0:
            # A group session, a quarter of those at a cultural house.
            people, gender, age_band = 3 + (t >> 9) % 6, mixed_gender, mixed_age
            elderly, disability, outcome = bool((t >> 20) & 1), False, done
        else:
            people, gender, age_band = 1, gender_of[(t >> 9) & 63], age_of[(t >> 15) & 63]
            elderly = age_band == old
            disability = (t >> 21) & 127 < (13 if place == home else 1)
            outcome = outcome_of[(t >> 28) & 15 | ((s >> 21) & 7) << 4]
        yield (ids.commune, village, team, member, day + minutes[minute], place, people,
               gender, age_band, elderly, disability, outcome, notes[outcome], chosen,
               day_index)  # fmt: skip


def plan_activities(code: str, count: int, villages: int, days: list[datetime.date]):
    """Yield (village index or None, channel, title, held on, times, reach)."""
    rng = commune_rng(code, "activities")
    for _ in range(count):
        channel = rng.choice(CHANNELS)
        in_village = channel in (Channel.VILLAGE_MEETING, Channel.BULLETIN_BOARD, Channel.ZALO)
        yield (
            rng.randrange(villages) if in_village else None,
            channel,
            rng.choice(ACTIVITY_TITLES),
            rng.choice(days),
            rng.randint(1, 6),
            rng.randint(50, 600)
            if channel not in (Channel.PORTAL, Channel.BULLETIN_BOARD)
            else None,
        )


def plan_classes(code: str, count: int, villages: int, days: list[datetime.date]):
    """Yield (village index or None, topic, held on, attendees by group)."""
    rng = commune_rng(code, "classes")
    for _ in range(count):
        topic = rng.choice(CLASS_TOPICS)
        officials = topic.endswith("công chức")
        attendees = {LearnerGroup.OFFICIALS: 0, LearnerGroup.CITIZENS: 0}
        attendees[LearnerGroup.OFFICIALS if officials else LearnerGroup.CITIZENS] = (
            rng.randint(20, 45) if officials else rng.randint(15, 60)
        )
        yield (None if officials else rng.randrange(villages), topic, rng.choice(days), attendees)
