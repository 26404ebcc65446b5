"""Build the demo commune: xã Chí Minh, Thành phố Hải Phòng, as its report describes it.

`load_demo()` is the one service function that `manage.py load_demo` (and
the tests) call. It is deterministic and idempotent: every draw comes from a
generator seeded with a fixed string, every date is fixed, and every record is
found by a natural key before it is made, so a second run writes nothing and
leaves the audit log untouched.
"""

import datetime
import random
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import models, transaction

from hocvuso.accounts.models import User, UserRole
from hocvuso.core.audit import audit_context
from hocvuso.documents.models import Document
from hocvuso.indicators.models import Indicator, IndicatorValue
from hocvuso.learning.models import CourseParticipation, DigitalClass, Platform
from hocvuso.outreach.models import OutreachActivity, ZaloGroup
from hocvuso.reports.models import ReportRequest, ReportSettings
from hocvuso.roster.models import DutyPlace, PlaceKind, Shift
from hocvuso.roster.services import generate_roster
from hocvuso.support.catalogue import DEFAULT_SERVICES
from hocvuso.support.models import Service, SupportVisit
from hocvuso.support.totals import rebuild as rebuild_daily_totals
from hocvuso.teams.models import Member, Membership, Role, Team, TeamLevel
from hocvuso.units.models import Kind, Level, Unit, UnitSettings
from hocvuso.units.official import load_official_units

from . import data, people
from .activities import plan_activities
from .logins import DEMO_LOGINS, DemoLogin, reset_passwords
from .targets import build_targets
from .visits import VisitPlanner

SEED = "hocvuso-demo-chi-minh-2026"
VISIT_NAMESPACE = uuid.UUID("5b0f7c52-3a56-4f0e-9d6c-2f1f0c6b2a11")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
AUDIT_SOURCE = {"source": "manage.py load_demo"}


@dataclass
class DemoCommune:
    commune: Unit
    villages: list[Unit]
    commune_team: Team
    rapid_team: Team
    village_teams: list[Team]
    # Helpers in a fixed order, for the visit plan: the commune team's duty
    # list, and each village team's members.
    duty: list[Member]
    helpers: list[list[Member]]
    officer: User | None = None
    new_visits: int = 0


def upsert(model, values: dict | None = None, **lookup):
    """Find a record by its natural key, or make it; save only what differs.

    Saving an unchanged record would still write `updated_at` and an audit log
    entry, so a second run of the demo must not.
    """
    values = values or {}
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values)
    changed = False
    for name, value in values.items():
        field = model._meta.get_field(name)
        new = value.pk if isinstance(value, models.Model) else value
        if getattr(obj, field.attname) != new:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
    return obj


def load_demo() -> DemoCommune:
    load_official_units({data.PROVINCE_CODE})
    with transaction.atomic():
        # The superuser comes first so that it can be the actor of the rest.
        with audit_context(additional_data=AUDIT_SOURCE):
            admin = ensure_login(DEMO_LOGINS[0], is_staff=True, is_superuser=True)
        with audit_context(actor=admin, additional_data=AUDIT_SOURCE):
            build_city_catalogue()
            demo = build_teams(build_villages())
            build_logins(demo)
            build_documents(demo)
            build_zalo_groups(demo)
            build_outreach(demo)
            build_visits(demo)
            build_classes(demo)
            build_courses(demo)
            build_indicators(demo)
            build_targets(demo)
            build_report_setup(demo)
            build_roster(demo)
    return demo


def build_city_catalogue() -> Unit:
    """The city's own learning platform, app and settings, which its communes' reports name."""
    city = Unit.objects.get(level=Level.PROVINCE, code=str(data.PROVINCE_CODE))
    code, name, url, position = data.CITY_PLATFORM
    upsert(Platform, {"name": name, "url": url, "position": position, "province": city}, code=code)
    code, name, short_name, position = data.CITY_APP_SERVICE
    upsert(
        Service,
        {"name": name, "short_name": short_name, "position": position, "province": city},
        code=code,
    )
    upsert(
        UnitSettings,
        {"local_apps": data.CITY_LOCAL_APPS, "programmes": data.CITY_PROGRAMMES},
        unit=city,
    )
    return city


def build_villages() -> tuple[Unit, list[Unit]]:
    commune = Unit.objects.get(level=Level.COMMUNE, code=data.COMMUNE_CODE)
    villages = [
        upsert(
            Unit,
            {
                "kind": Kind.THON,
                "name": name,
                "short_name": name.removeprefix("Thôn "),
                "parent": commune,
            },
            level=Level.VILLAGE,
            code=f"{data.COMMUNE_CODE}-{number:02d}",
        )
        for number, name in enumerate(data.VILLAGE_NAMES, 1)
    ]
    return commune, villages


def _team(unit: Unit, level: str, name: str, persons: list[people.Person]):
    team = upsert(Team, {"name": name, "active_from": data.TEAMS_FROM}, unit=unit, level=level)
    members = []
    for person in persons:
        member = upsert(
            Member,
            {
                "phone": person.phone,
                "publish_phone": person.publish_phone,
                "affiliation": person.affiliation,
                "position": person.position,
            },
            commune=unit.commune,
            full_name=person.full_name,
        )
        upsert(
            Membership,
            {"role": person.role, "started_on": data.TEAMS_FROM},
            team=team,
            member=member,
            ended_on=None,
        )
        members.append(member)
    return team, members


def build_teams(units: tuple[Unit, list[Unit]]) -> DemoCommune:
    commune, villages = units
    maker = people.PeopleMaker(f"{SEED}-people")
    commune_persons = people.commune_team(maker)
    commune_team, commune_members = _team(
        commune,
        TeamLevel.COMMUNE,
        f"Tổ công nghệ số cộng đồng xã {commune.short_name}",
        commune_persons,
    )
    # Two of the commune team also serve in the rapid-response team, in
    # another role there.
    rapid_persons = people.rapid_team_newcomers(maker) + [
        people.Person(**{**vars(commune_persons[index]), "role": role})
        for index, role in people.RAPID_TEAM_FROM_COMMUNE
    ]
    rapid_team, _ = _team(
        commune,
        TeamLevel.RAPID_RESPONSE,
        f"Tổ ứng cứu công nghệ xã {commune.short_name}",
        rapid_persons,
    )
    village_teams, helpers = [], []
    for village in villages:
        team, members = _team(
            village,
            TeamLevel.VILLAGE,
            f"Tổ công nghệ số cộng đồng {village.name}",
            people.village_team(maker, village.name),
        )
        village_teams.append(team)
        helpers.append(members)
    duty = [
        member
        for member, person in zip(commune_members, commune_persons, strict=True)
        if person.affiliation in people.DUTY_AFFILIATIONS
    ]
    return DemoCommune(commune, villages, commune_team, rapid_team, village_teams, duty, helpers)


def ensure_login(login: DemoLogin, member: Member | None = None, **values) -> User:
    # get_full_name() puts first_name first, which is the right order for a
    # Vietnamese full name kept whole.
    full_name = member.full_name if member else login.full_name
    user = upsert(
        User,
        {"role": login.role or UserRole.TEAM_MEMBER, "first_name": full_name, **values},
        username=login.username,
    )
    if member is not None and member.user_id != user.pk:
        member.user = user
        member.save()
    return user


def build_logins(demo: DemoCommune) -> None:
    _, city, commune, leader, member = DEMO_LOGINS
    ensure_login(city, unit=demo.commune.parent, is_staff=True)
    demo.officer = ensure_login(commune, unit=demo.commune, is_staff=True)
    # The persona team is the first village's: its leader and its first
    # plain member (a village team has at least one).
    team = demo.helpers[0]
    roles = dict(
        Membership.objects.filter(team=demo.village_teams[0]).values_list("member_id", "role")
    )
    ensure_login(leader, member=next(m for m in team if roles[m.pk] == Role.LEADER))
    ensure_login(member, member=next(m for m in team if roles[m.pk] == Role.MEMBER))
    reset_passwords([login.username for login in DEMO_LOGINS])


def build_documents(demo: DemoCommune) -> None:
    for kind, number, symbol, issued_on, summary in data.DOCUMENTS:
        upsert(
            Document,
            {"kind": kind, "issuer": data.ISSUER, "summary": summary},
            commune=demo.commune,
            number=number,
            symbol=symbol,
            issued_on=issued_on,
        )


def build_zalo_groups(demo: DemoCommune) -> None:
    rng = random.Random(f"{SEED}-zalo")
    for village, team in zip(demo.villages, demo.village_teams, strict=True):
        upsert(
            ZaloGroup,
            {
                "team": team,
                "name": f"Tổ công nghệ số cộng đồng {village.name}",
                "member_count": rng.randint(160, 480),
                "counted_on": data.PERIOD_END,
            },
            village=village,
        )


def build_outreach(demo: DemoCommune) -> None:
    for activity in plan_activities(f"{SEED}-outreach"):
        if activity.village is None:
            village, team, member = None, demo.commune_team, None
        else:
            index = activity.village - 1
            village, team = demo.villages[index], demo.village_teams[index]
            member = demo.helpers[index][0]  # the leader comes first
        upsert(
            OutreachActivity,
            {"team": team, "member": member, "times": activity.times, "reach": activity.reach},
            commune=demo.commune,
            village=village,
            held_on=activity.held_on,
            channel=activity.channel,
            title=activity.title,
        )


def build_visits(demo: DemoCommune) -> None:
    """Create the planned visits that are missing, in bulk.

    bulk_create skips save() and the signals, so these rows have no audit log
    entry; that is acceptable for demo data, and it keeps the command fast.
    """
    services = dict(Service.objects.values_list("code", "pk"))
    missing = {code for code, *_ in DEFAULT_SERVICES} - set(services)
    if missing:
        raise LookupError(f"Danh mục dịch vụ thiếu: {', '.join(sorted(missing))}")
    planner = VisitPlanner(
        f"{SEED}-visits",
        villages=len(demo.villages),
        team_sizes=[len(members) for members in demo.helpers],
        duty_size=len(demo.duty),
        tz=VIETNAM,
    )
    existing = set(
        SupportVisit.objects.filter(client_key__isnull=False).values_list("client_key", flat=True)
    )
    new, new_services = [], {}
    for plan in planner.plan():
        key = uuid.uuid5(VISIT_NAMESPACE, plan.key)
        if key in existing:
            continue
        if plan.team == 0:
            team, helper = demo.commune_team, demo.duty[plan.helper]
        else:
            team = demo.village_teams[plan.team - 1]
            helper = demo.helpers[plan.team - 1][plan.helper]
        new.append(
            SupportVisit(
                commune=demo.commune,
                village=demo.villages[plan.village - 1] if plan.village else None,
                team=team,
                member=helper,
                occurred_at=plan.occurred_at,
                place=plan.place,
                people=plan.people,
                gender=plan.gender,
                age_band=plan.age_band,
                elderly=plan.elderly,
                disability=plan.disability,
                outcome=plan.outcome,
                note=plan.note,
                client_key=key,
                # Each helper enters their own visits if they have an
                # account; the commune officer enters the others.
                created_by_id=helper.user_id or demo.officer.pk,
            )
        )
        new_services[key] = plan.services
    SupportVisit.objects.bulk_create(new, batch_size=500)
    ids = dict(
        SupportVisit.objects.filter(client_key__isnull=False).values_list("client_key", "pk")
    )
    through = SupportVisit.services.through
    through.objects.bulk_create(
        [
            through(supportvisit_id=ids[key], service_id=services[code])
            for key, codes in new_services.items()
            for code in codes
        ],
        batch_size=1000,
    )
    rebuild_daily_totals([demo.commune.pk])  # bulk_create skips the service that counts them
    demo.new_visits = len(new)


def build_classes(demo: DemoCommune) -> None:
    for held_on, topic, location, village_number, attendees in data.CLASSES:
        if village_number:
            index = village_number - 1
            village, team = demo.villages[index], demo.village_teams[index]
            member = demo.helpers[index][0]
        else:
            village, team, member = None, demo.commune_team, None
        upsert(
            DigitalClass,
            {
                "location": location,
                "village": village,
                "team": team,
                "member": member,
                "officials": 0,
                "teachers": 0,
                "students": 0,
                "citizens": 0,
                **attendees,
            },
            commune=demo.commune,
            held_on=held_on,
            topic=topic,
        )


def build_courses(demo: DemoCommune) -> None:
    platforms = {p.code: p for p in Platform.objects.filter(code__in=data.COURSES)}
    for code, groups in data.COURSES.items():
        for group, (participants, completed) in groups.items():
            upsert(
                CourseParticipation,
                {
                    "participants": participants,
                    "completed": completed,
                    "source": data.COURSES_SOURCE,
                },
                commune=demo.commune,
                platform=platforms[code],
                group=group,
                period_start=data.COURSES_FROM,
                period_end=data.PERIOD_END,
            )


def build_indicators(demo: DemoCommune) -> None:
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=data.INDICATORS)}
    for code, (numerator, denominator, is_estimate, note) in data.INDICATORS.items():
        indicator = indicators[code]
        upsert(
            IndicatorValue,
            {
                "numerator": numerator,
                "denominator": denominator,
                "is_estimate": is_estimate,
                "source": indicator.default_source,
                "note": note,
            },
            indicator=indicator,
            commune=demo.commune,
            period_start=data.PERIOD_START,
            period_end=data.PERIOD_END,
        )


def build_report_setup(demo: DemoCommune) -> None:
    """The commune's report settings and the city's request, as the seed report shows them."""
    upsert(
        ReportSettings,
        {
            "agency": "ỦY BAN NHÂN DÂN\nXÃ CHÍ MINH",
            "agency_short": "UBND xã Chí Minh",
            "place_name": "Chí Minh",
            "symbol": "BC-UBND",
            "addressee": "Sở Khoa học và Công nghệ thành phố",
            "recipients": "Sở KH&CN thành phố\nTT ĐU xã; TT HĐND xã\nLãnh đạo UBND xã\nLưu: VT",
            "signer_authority": "KT. CHỦ TỊCH",
            "signer_title": "PHÓ CHỦ TỊCH",
            "signer_name": "Phạm Anh Tuấn",
        },
        commune=demo.commune,
    )
    request = upsert(
        ReportRequest,
        {
            "kind": "Công văn",
            "issuer": "Sở Khoa học và Công nghệ thành phố Hải Phòng",
            "subject": "về việc báo cáo kết quả triển khai phong trào “Bình dân học vụ số”",
            "period_start": data.PERIOD_START,
            "period_end": data.PERIOD_END,
            "deadline": data.REQUEST_DEADLINE,
        },
        province=demo.commune.parent,
        number=1885,
        symbol="SKHCN-TTTT",
        issued_on=data.REQUEST_ISSUED_ON,
    )
    # The request went to every commune of the city.
    if not request.communes.exists():
        request.communes.set(demo.commune.parent.communes())


def build_roster(demo: DemoCommune) -> None:
    """The service centre, its office hours, and the commune team's turns for June–December.

    The roster is generated once, as if on 01/06/2026, so that every run gives
    the same one; a later `manage.py roster` regenerates what is still ahead.
    """
    place = upsert(
        DutyPlace,
        {"name": data.DUTY_PLACE_NAME, "address": "Trụ sở UBND xã Chí Minh"},
        commune=demo.commune,
        kind=PlaceKind.SERVICE_CENTRE,
    )
    place.add_default_hours(members_needed=2)
    if not Shift.objects.filter(place=place).exists():
        generate_roster(
            demo.commune,
            data.ROSTER_FROM,
            data.ROSTER_TO,
            now=datetime.datetime.combine(data.ROSTER_FROM, datetime.time.min, tzinfo=VIETNAM),
        )
