"""Generated records of the demo city's communes: villages, teams, members, visits and the rest.

Everything is invented, drawn from a generator seeded with the commune's code, so that every
run makes the same records; nothing is meant to describe a real commune of Hải Phòng. Records
are written with bulk_create, which skips save() and the signals: the fields that save() fills
(a village's commune scope, a team's commune, an indicator's value) are set here, and the rows
have no audit log entry, which is acceptable for demo data and keeps `load_demo --city` fast.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import DateTimeField
from django.utils import timezone

from hocvuso.documents.models import Document, DocumentKind
from hocvuso.indicators.models import Indicator, IndicatorValue
from hocvuso.learning.models import CourseParticipation, DigitalClass, LearnerGroup, Platform
from hocvuso.outreach.models import Channel, OutreachActivity, ZaloGroup
from hocvuso.reports.models import ReportSettings
from hocvuso.support.models import AgeBand, Gender, Outcome, Place, Service, SupportVisit
from hocvuso.support.totals import rebuild as rebuild_daily_totals
from hocvuso.teams.models import Affiliation, Member, Membership, Role, Team, TeamLevel
from hocvuso.units.models import Kind, Level, Unit

from . import data
from .builder import VIETNAM
from .people import PeopleMaker
from .visits import SERVICE_WEIGHTS, expected_visits, working_days

VILLAGES = (3, 15)
VISITS = (300, 2_000)
# Typical names of villages in the northern delta, drawn for the generated communes.
VILLAGE_NAMES = [
    "Đông", "Đoài", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "An Lạc", "An Bình", "Phú Xuân",
    "Tân Lập", "Tân Hòa", "Đồng Tâm", "Hòa Bình", "Quyết Tiến", "Thắng Lợi", "Kim Sơn",
    "Phúc Lộc", "Cao Xá", "Lạc Dục", "Vĩnh Trụ", "Văn Minh", "Đại Đồng", "Mỹ Lộc",
]  # fmt: skip
COMMUNE_TEAM = [
    (Role.LEADER, Affiliation.OFFICIAL, "Công chức Văn hóa - Xã hội"),
    (Role.DEPUTY, Affiliation.YOUTH_UNION, "Bí thư Đoàn"),
    (Role.MEMBER, Affiliation.OFFICIAL, "Công chức Trung tâm Phục vụ hành chính công"),
    (Role.MEMBER, Affiliation.YOUTH_UNION, "Phó Bí thư Đoàn"),
    (Role.MEMBER, Affiliation.POLICE, "Cán bộ Công an"),
    (Role.MEMBER, Affiliation.TEACHER, "Giáo viên Trường THCS"),
    (Role.MEMBER, Affiliation.WOMEN_UNION, "Cán bộ Hội Liên hiệp Phụ nữ"),
    (Role.MEMBER, Affiliation.OFFICIAL, "Chuyên viên Văn phòng HĐND và UBND"),
    (Role.MEMBER, Affiliation.MILITARY, "Cán bộ Ban Chỉ huy Quân sự"),
    (Role.MEMBER, Affiliation.TEACHER, "Giáo viên Trường Tiểu học"),
    (Role.MEMBER, Affiliation.YOUTH_UNION, "Đoàn viên"),
    (Role.MEMBER, Affiliation.VETERANS, "Cán bộ Hội Cựu chiến binh"),
]
RAPID_TEAM = [
    (Role.LEADER, Affiliation.OFFICIAL, "Công chức phụ trách chuyển đổi số"),
    (Role.DEPUTY, Affiliation.POLICE, "Cán bộ Công an"),
    (Role.MEMBER, Affiliation.TELECOM, "Nhân viên kỹ thuật Viettel Hải Phòng"),
    (Role.MEMBER, Affiliation.TELECOM, "Nhân viên kỹ thuật VNPT Hải Phòng"),
    (Role.MEMBER, Affiliation.YOUTH_UNION, "Đoàn viên"),
    (Role.MEMBER, Affiliation.TELECOM, "Nhân viên Ngân hàng Agribank"),
]
VILLAGE_TEAM = [
    (Role.LEADER, Affiliation.VILLAGE_OFFICER, "Trưởng {village}"),
    (Role.DEPUTY, Affiliation.YOUTH_UNION, "Bí thư Chi đoàn {village}"),
    (Role.MEMBER, Affiliation.WOMEN_UNION, "Chi hội trưởng Phụ nữ {village}"),
    (Role.MEMBER, Affiliation.YOUTH_UNION, "Đoàn viên Chi đoàn {village}"),
    (Role.MEMBER, Affiliation.VETERANS, "Chi hội Cựu chiến binh {village}"),
    (Role.MEMBER, Affiliation.VOLUNTEER, "Tình nguyện viên"),
]
PLACES = [Place.SERVICE_CENTRE, Place.CULTURAL_HOUSE, Place.HOME, Place.ONLINE]
PLACE_WEIGHTS = [78, 11, 7, 4]
AGE_BANDS = [AgeBand.UNDER_18, AgeBand.FROM_18_TO_39, AgeBand.FROM_40_TO_59, AgeBand.FROM_60]
AGE_WEIGHTS = [4, 31, 37, 28]
CHANNELS = [Channel.LOUDSPEAKER, Channel.BULLETIN_BOARD, Channel.SOCIAL_MEDIA,
            Channel.VILLAGE_MEETING, Channel.ZALO, Channel.PORTAL]  # fmt: skip
CLASS_TOPICS = [
    "Sử dụng điện thoại thông minh an toàn, đăng ký và kích hoạt VNeID",
    "Cài đặt, sử dụng ứng dụng Công dân số Smart Hải Phòng",
    "Nộp hồ sơ, thanh toán trực tuyến trên Cổng dịch vụ công quốc gia",
    "Nhận diện lừa đảo trực tuyến, an toàn trên không gian mạng",
    "Thanh toán không dùng tiền mặt, mã QR cho hộ kinh doanh",
    "Kỹ năng số cơ bản cho cán bộ, công chức",
]


@dataclass
class Generated:
    villages: int = 0
    teams: int = 0
    members: int = 0
    visits: int = 0


def _kind_phrase(commune: Unit) -> str:
    """ "xã Tiên Lãng", "phường Lê Chân", "đặc khu Cát Hải"."""
    return f"{commune.get_kind_display().lower()} {commune.short_name}"


def build_commune(commune: Unit, maker: PeopleMaker, seed: str, out: Generated) -> None:
    """Villages, teams, members, visits, classes, courses, indicators, documents, outreach
    and report settings of one commune; the caller makes sure it has none yet."""
    rng = random.Random(f"{seed}-{commune.code}")
    villages = _villages(commune, rng)
    commune_team, village_teams = _teams(commune, villages, rng, maker, out)
    _visits(commune, villages, commune_team, village_teams, rng, out)
    _learning(commune, villages, rng)
    _indicators(commune, len(villages), rng)
    _documents_and_outreach(commune, villages, commune_team, village_teams, rng)
    officer = maker.name()
    ReportSettings.objects.create(
        **{
            field: getattr(ReportSettings.defaults_for(commune), field)
            for field in ("agency", "agency_short", "place_name", "addressee", "recipients")
        },
        commune=commune,
        signer_authority="KT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name=officer,
    )
    out.villages += len(villages)
    out.teams += 2 + len(village_teams)


def _villages(commune: Unit, rng: random.Random) -> list[Unit]:
    count = rng.randint(*VILLAGES)
    if commune.kind == Kind.PHUONG:
        kind, names = Kind.TO_DAN_PHO, [f"Tổ dân phố số {n}" for n in range(1, count + 1)]
    else:
        kind = Kind.THON
        names = [f"Thôn {name}" for name in rng.sample(VILLAGE_NAMES, count)]
    return Unit.objects.bulk_create(
        [
            Unit(
                level=Level.VILLAGE,
                kind=kind,
                code=f"{commune.code}-{number:02d}",
                name=name,
                short_name=name.removeprefix("Thôn "),
                parent=commune,
                # What Unit.save() would set for a village.
                commune_scope=commune,
            )
            for number, name in enumerate(names, 1)
        ]
    )


def _teams(commune, villages, rng, maker, out: Generated):
    place = _kind_phrase(commune)
    specs = [
        (commune, TeamLevel.COMMUNE, f"Tổ công nghệ số cộng đồng {place}",
         COMMUNE_TEAM[: rng.randint(8, 12)], place),
        (commune, TeamLevel.RAPID_RESPONSE, f"Tổ ứng cứu công nghệ {place}",
         RAPID_TEAM[: rng.randint(4, 6)], place),
    ] + [
        (village, TeamLevel.VILLAGE, f"Tổ công nghệ số cộng đồng {village.name}",
         VILLAGE_TEAM[: rng.randint(3, 6)], village.name)
        for village in villages
    ]  # fmt: skip
    teams = Team.objects.bulk_create(
        [
            # Team.save() would set the commune from the unit.
            Team(unit=unit, commune=commune, level=level, name=name, active_from=data.TEAMS_FROM)
            for unit, level, name, _, _ in specs
        ]
    )
    people = [
        (team, role, maker.person(role, affiliation, position.format(village=where)))
        for team, (_, _, _, roles, where) in zip(teams, specs, strict=True)
        for role, affiliation, position in roles
    ]
    members = Member.objects.bulk_create(
        [
            Member(
                commune=commune,
                full_name=person.full_name,
                phone=person.phone,
                publish_phone=person.publish_phone,
                affiliation=person.affiliation,
                position=person.position,
            )
            for _, _, person in people
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(team=team, member=member, role=role, started_on=data.TEAMS_FROM)
            for (team, role, _), member in zip(people, members, strict=True)
        ]
    )
    team_members = {team.pk: [] for team in teams}
    for (team, _, _), member in zip(people, members, strict=True):
        team_members[team.pk].append(member)
    out.members += len(members)
    commune_team = (teams[0], team_members[teams[0].pk])
    village_teams = [(team, team_members[team.pk]) for team in teams[2:]]
    return commune_team, village_teams


def _visits(commune, villages, commune_team, village_teams, rng, out: Generated) -> None:
    services = dict(Service.objects.values_list("code", "pk"))
    codes = list(SERVICE_WEIGHTS)
    weights = list(SERVICE_WEIGHTS.values())
    days = list(working_days())
    day_weights = [expected_visits(day) for day in days]
    outcomes = [Outcome.DONE, Outcome.PARTLY, Outcome.REFERRED]
    visits, chosen = [], []
    for _ in range(rng.randint(*VISITS)):
        day = rng.choices(days, day_weights)[0]
        place = rng.choices(PLACES, PLACE_WEIGHTS)[0]
        index = rng.randrange(len(villages))
        if place == Place.SERVICE_CENTRE:
            team, helpers = commune_team
            # Not everyone at the centre says which village they live in.
            village = villages[index] if rng.random() < 0.75 else None
        else:
            team, helpers = village_teams[index]
            village = villages[index]
        group = place == Place.CULTURAL_HOUSE and rng.random() < 0.25
        band = AgeBand.MIXED if group else rng.choices(AGE_BANDS, AGE_WEIGHTS)[0]
        minute = rng.randrange(7 * 60 + 30, 16 * 60 + 45)
        visits.append(
            {
                "commune_id": commune.pk,
                "village_id": village.pk if village else None,
                "team_id": team.pk,
                "member_id": rng.choice(helpers).pk,
                "occurred_at": datetime.datetime(
                    day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=VIETNAM
                ),
                "place": place,
                "people": rng.randint(3, 8) if group else 1,
                "gender": Gender.MIXED
                if group
                else rng.choices([Gender.FEMALE, Gender.MALE], [53, 47])[0],
                "age_band": band,
                "elderly": band == AgeBand.FROM_60 or (group and rng.random() < 0.4),
                "disability": rng.random() < (0.1 if place == Place.HOME else 0.01),
                "outcome": rng.choices(outcomes, [91, 6, 3])[0],
                "note": "",
            }
        )
        first = rng.choices(codes, weights)[0]
        second = rng.choices(codes, weights)[0] if rng.random() < 0.3 else first
        chosen.append(sorted({first, second}))
    insert_rows(SupportVisit, visits)
    # The commune had no visits before (the caller checks), so its visits in key order are
    # the ones just inserted, in the order above.
    ids = SupportVisit.objects.filter(commune=commune).order_by("pk").values_list("pk", flat=True)
    insert_rows(
        SupportVisit.services.through,
        [
            {"supportvisit_id": pk, "service_id": services[code]}
            for pk, codes_of_visit in zip(ids, chosen, strict=True)
            for code in codes_of_visit
        ],
    )
    rebuild_daily_totals([commune.pk])  # inserted in bulk, past the service that counts them
    out.visits += len(visits)


def insert_rows(model, rows: list[dict]) -> None:
    """INSERT plain rows (column values by field attname) with one executemany.

    bulk_create would build a model instance and prepare every value of every row, which costs
    ten times more than the insert itself for the tens of thousands of visits of the demo
    city; here only the timestamps need the database's form.
    """
    if not rows:
        return
    now = timezone.now()
    fields = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
    names = list(rows[0])
    stamps = [name for name in ("created_at", "updated_at") if name in fields]
    dates = [i for i, name in enumerate(names) if isinstance(fields[name], DateTimeField)]
    ops = connection.ops
    stamped = [ops.adapt_datetimefield_value(now)] * len(stamps)
    values = []
    for row in rows:
        line = list(row.values())
        for i in dates:
            line[i] = ops.adapt_datetimefield_value(line[i])
        values.append(line + stamped)
    columns = ", ".join(ops.quote_name(fields[name].column) for name in names + stamps)
    marks = ", ".join(["%s"] * (len(names) + len(stamps)))
    # Only the model's own table and column names go into the SQL, quoted; the values are
    # parameters.
    table = ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # nosec
        cursor.executemany(sql, values)


def _learning(commune, villages, rng) -> None:
    classes = []
    for topic in rng.sample(CLASS_TOPICS, rng.randint(2, 5)):
        officials = topic.endswith("công chức")
        village = None if officials else rng.choice(villages)
        held_on = data.PERIOD_START + datetime.timedelta(days=rng.randrange(150))
        classes.append(
            DigitalClass(
                commune=commune,
                village=village,
                held_on=held_on,
                topic=topic,
                location=f"Nhà văn hóa {village.name}" if village else "Hội trường UBND",
                officials=rng.randint(20, 45) if officials else 0,
                citizens=0 if officials else rng.randint(20, 60),
            )
        )
    DigitalClass.objects.bulk_create(classes)
    platforms = list(Platform.objects.order_by("position")[: rng.randint(1, 3)])
    sizes = {
        LearnerGroup.OFFICIALS: (20, 70),
        LearnerGroup.TEACHERS: (40, 220),
        LearnerGroup.STUDENTS: (150, 1500),
        LearnerGroup.CITIZENS: (80, 1200),
    }
    rows = []
    for platform in platforms:
        for group, (low, high) in sizes.items():
            participants = rng.randint(low, high)
            rows.append(
                CourseParticipation(
                    commune=commune,
                    platform=platform,
                    group=group,
                    period_start=data.COURSES_FROM,
                    period_end=data.PERIOD_END,
                    participants=participants,
                    completed=int(participants * rng.uniform(0.55, 0.92)),
                    source=data.COURSES_SOURCE,
                )
            )
    CourseParticipation.objects.bulk_create(rows)


def _indicators(commune, villages: int, rng) -> None:
    schools = rng.randint(4, 14)
    households = rng.randint(80, 900)
    beneficiaries = rng.randint(300, 1500)
    values = {
        "schools-cashless": (schools - rng.choice([0, 0, 0, 1, 2]), schools, False),
        "household-business-qr": (int(households * rng.uniform(0.45, 0.9)), households, True),
        "benefits-by-bank": (int(beneficiaries * rng.uniform(0.9, 1)), beneficiaries, False),
        "village-wifi": (villages - rng.choice([0, 0, 1, 2, 3]), villages, False),
    }
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=values)}
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=indicators[code],
                commune=commune,
                period_start=data.PERIOD_START,
                period_end=data.PERIOD_END,
                numerator=numerator,
                denominator=denominator,
                # What IndicatorValue.save() would compute.
                value=(Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.01")),
                is_estimate=estimate and rng.random() < 0.6,
                source=indicators[code].default_source,
            )
            for code, (numerator, denominator, estimate) in values.items()
        ]
    )


def _documents_and_outreach(commune, villages, commune_team, village_teams, rng) -> None:
    place = _kind_phrase(commune)
    issuer = f"UBND {place}"
    plan_day = datetime.date(2025, 8, 15) + datetime.timedelta(days=rng.randrange(30))
    documents = [
        Document(
            commune=commune,
            kind=DocumentKind.PLAN,
            number=rng.randint(20, 90),
            symbol="KH-UBND",
            issuer=issuer,
            issued_on=plan_day,
            summary=f"về việc triển khai thực hiện phong trào “Bình dân học vụ số” trên địa bàn "
            f"{place}",
        )
    ]
    if rng.random() < 0.7:
        documents.append(
            Document(
                commune=commune,
                kind=DocumentKind.OFFICIAL_LETTER,
                number=rng.randint(300, 900),
                symbol="UBND-VHXH",
                issuer=issuer,
                issued_on=datetime.date(2026, 5, 14) + datetime.timedelta(days=rng.randrange(10)),
                summary="về việc triển khai cài đặt và sử dụng ứng dụng Công dân số Smart "
                "Hải Phòng",
            )
        )
    Document.objects.bulk_create(documents)
    activities = []
    for _ in range(rng.randint(6, 24)):
        index = rng.randrange(len(villages))
        in_village = rng.random() < 0.5
        team, helpers = village_teams[index] if in_village else commune_team
        channel = rng.choice(CHANNELS)
        activities.append(
            OutreachActivity(
                commune=commune,
                village=villages[index] if in_village else None,
                team=team,
                member=helpers[0] if in_village else None,
                held_on=data.PERIOD_START + datetime.timedelta(days=rng.randrange(150)),
                channel=channel,
                title="Tuyên truyền phong trào “Bình dân học vụ số”",
                times=rng.randint(1, 6),
                reach=rng.randint(50, 600) if channel != Channel.PORTAL else None,
            )
        )
    OutreachActivity.objects.bulk_create(activities)
    ZaloGroup.objects.bulk_create(
        [
            ZaloGroup(
                commune=commune,
                village=village,
                team=team,
                name=f"Tổ công nghệ số cộng đồng {village.name}",
                member_count=rng.randint(80, 450),
                counted_on=data.PERIOD_END,
            )
            for village, (team, _) in zip(villages, village_teams, strict=True)
        ]
    )
