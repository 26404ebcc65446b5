"""Units that are not the demo, for tests that check every page speaks its unit's words.

Tỉnh Điện Biên holds a ward (Phường Điện Biên Phủ, with tổ dân phố) and a
mountain commune (Xã Mường Phăng, with bản and a xóm), each with a commune
team, village teams, an officer, a team leader and a member, and a few records
of each kind. Thành phố Hải Phòng is there too, with its own app, so that a
test can check that nothing of another province shows.

`units_once(django_db_blocker)` builds them once for a test module and rolls
them back at its end (as the `demo` fixture of hocvuso/conftest.py).
"""

import datetime
import io
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

import openpyxl
from django.utils import timezone

from hocvuso.accounts.models import User, UserRole
from hocvuso.documents.models import Document, DocumentKind
from hocvuso.learning.models import DigitalClass
from hocvuso.outreach.models import Channel, OutreachActivity, ZaloGroup
from hocvuso.roster.models import DutyPlace, PlaceKind
from hocvuso.support.models import Place, Service, SupportVisit
from hocvuso.support.totals import rebuild as rebuild_daily_totals
from hocvuso.teams.models import Affiliation, Member, Membership, Role, Team, TeamLevel
from hocvuso.testing import PASSWORD as PASSWORD  # the accounts' tests take it from here
from hocvuso.testing import make_unit, make_user, rolled_back
from hocvuso.units.models import Kind, Level, Unit

WHEN = datetime.datetime(2026, 3, 2, 9, 0)


@dataclass
class CommuneUnit:
    """One commune-level unit and the people and records of the tests."""

    commune: Unit
    villages: list[Unit]
    commune_team: Team
    village_teams: list[Team]
    officer: User
    leader: User
    member: User
    members: list[Member] = field(default_factory=list)


@dataclass
class Units:
    province: Unit
    ward: CommuneUnit
    mountain: CommuneUnit
    province_officer: User
    other_province: Unit
    other_app: Service


def _commune(province, code, kind, name, villages, username) -> CommuneUnit:
    """A commune of `kind` with villages given as (kind, name), teams, people and records."""
    commune = make_unit(kind, code, f"{Kind(kind).label} {name}", province)
    units = [
        Unit.objects.create(
            level=Level.VILLAGE,
            kind=village_kind,
            code=f"{code}-{i:02d}",
            name=village_name,
            short_name=village_name,
            parent=commune,
        )
        for i, (village_kind, village_name) in enumerate(villages, 1)
    ]
    commune_team = Team.objects.create(
        name=f"Tổ công nghệ số cộng đồng {commune.name}", level=TeamLevel.COMMUNE, unit=commune
    )
    # The last village has no team yet: the teams page lists it.
    village_teams = [
        Team.objects.create(name=f"Tổ CNSCĐ {v.name}", level=TeamLevel.VILLAGE, unit=v)
        for v in units[:-1]
    ]
    leader = Member.objects.create(
        full_name=f"Lò Văn Trưởng {name}", commune=commune, affiliation=Affiliation.VILLAGE_OFFICER
    )
    member = Member.objects.create(full_name=f"Quàng Thị Viên {name}", commune=commune)
    team = village_teams[0]
    Membership.objects.create(team=team, member=leader, role=Role.LEADER)
    Membership.objects.create(team=team, member=member, role=Role.MEMBER)
    Membership.objects.create(team=commune_team, member=leader, role=Role.LEADER)
    place = CommuneUnit(
        commune=commune,
        villages=units,
        commune_team=commune_team,
        village_teams=village_teams,
        officer=make_user(username, UserRole.COMMUNE_OFFICER, commune),
        leader=make_user(f"{username}-truong", UserRole.TEAM_LEADER, member=leader),
        member=make_user(f"{username}-vien", UserRole.TEAM_MEMBER, member=member),
        members=[leader, member],
    )
    when = timezone.make_aware(WHEN)
    services = list(Service.objects.filter(province__isnull=True).order_by("position")[:2])
    for kind_of_place, village in ((Place.CULTURAL_HOUSE, team.unit), (Place.SERVICE_CENTRE, None)):
        visit = SupportVisit.objects.create(
            commune=commune,
            village=village,
            team=team,
            member=member,
            occurred_at=when,
            place=kind_of_place,
            people=2,
        )
        visit.services.set(services)
    rebuild_daily_totals([commune.pk])  # written as a loader writes them
    for channel, village in ((Channel.VILLAGE_MEETING, team.unit), (Channel.PORTAL, None)):
        OutreachActivity.objects.create(
            commune=commune,
            village=village,
            team=team,
            member=leader,
            held_on=when.date(),
            channel=channel,
            title="Hướng dẫn cài đặt VNeID",
            reach=80,
        )
    DigitalClass.objects.create(
        commune=commune,
        team=commune_team,
        member=leader,
        held_on=when.date(),
        topic="Dùng dịch vụ công trực tuyến",
        citizens=25,
    )
    ZaloGroup.objects.create(village=team.unit, team=team, name=f"Zalo {team.unit.name}")
    Document.objects.create(
        commune=commune,
        kind=DocumentKind.PLAN,
        number=12,
        symbol="KH-UBND",
        issuer=f"UBND {Kind(kind).label.lower()} {name}",
        issued_on=datetime.date(2025, 8, 20),
        summary="về việc triển khai phong trào “Bình dân học vụ số”",
    )
    DutyPlace.objects.create(
        commune=commune, kind=PlaceKind.SERVICE_CENTRE, name=f"Bộ phận một cửa {commune.name}"
    )
    return place


def build_units() -> Units:
    province = make_unit(Kind.TINH, "11", "Tỉnh Điện Biên")
    other = make_unit(Kind.THANH_PHO, "31", "Thành phố Hải Phòng")
    other_app = Service.objects.update_or_create(
        code="smart-haiphong",
        defaults={"name": "Ứng dụng Smart Hải Phòng", "short_name": "Smart Hải Phòng"}
        | {"position": 65, "province": other},
    )[0]
    ward = _commune(
        province,
        "03127",
        Kind.PHUONG,
        "Điện Biên Phủ",
        [(Kind.TO_DAN_PHO, "Tổ dân phố 1"), (Kind.TO_DAN_PHO, "Tổ dân phố 2")],
        "phuongdbp",
    )
    mountain = _commune(
        province,
        "03334",
        Kind.XA,
        "Mường Phăng",
        [(Kind.BAN, "Bản Na Son"), (Kind.BAN, "Bản Che Căn"), (Kind.XOM, "Xóm Đồi")],
        "xamuongphang",
    )
    officer = make_user("sodienbien", UserRole.CITY_OFFICER, province)
    return Units(province, ward, mountain, officer, other, other_app)


@contextmanager
def units_once(django_db_blocker):
    """The units, built once inside a transaction that is rolled back at the end."""
    with rolled_back(django_db_blocker):
        yield build_units()


# Words that belong to another unit, by the unit whose pages must not say them.
# "xã hội" (society) is no commune; "thông" is no "thôn".
ELSEWHERE = [r"\bthôn\b", "Hải Phòng", "Chí Minh", r"\bthành phố\b"]
NOT_IN_A_WARD = [*ELSEWHERE, r"\bxã\b(?! hội)"]
NOT_IN_A_MOUNTAIN_COMMUNE = [*ELSEWHERE, r"\bphường\b", r"\btổ dân phố\b"]


def words_of_another_unit(
    client, units: "Units", url: str, province: bool = True
) -> dict[str, dict[str, str]]:
    """Another unit's words on the page at `url` as the ward's, the mountain commune's and
    (unless not `province`) the province's officers read it, by who read them: {} when each
    sees only their own."""
    readers = [
        (units.ward.officer, NOT_IN_A_WARD),
        (units.mountain.officer, NOT_IN_A_MOUNTAIN_COMMUNE),
    ]
    if province:
        readers.append((units.province_officer, ELSEWHERE))
    found = {}
    for user, patterns in readers:
        if words := foreign_words(page_text(client, user, url), patterns):
            found[user.username] = words
    return found


def xlsx_text(content: bytes) -> str:
    """Every cell of every sheet of a workbook (hidden ones too), as one text."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def page_text(client, user, url: str) -> str:
    """The page at `url` as `user` sees it; it must answer 200."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def foreign_words(text: str, patterns: list[str]) -> dict[str, str]:
    """The patterns found in `text`, each with a little of the text around its first match."""
    found = {}
    for pattern in patterns:
        match = re.search(pattern, text, flags=re.IGNORECASE)
        if match:
            found[pattern] = text[max(0, match.start() - 60) : match.end() + 60]
    return found
