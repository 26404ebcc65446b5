"""Named personas and a small world for the tests.

Two communes of Thành phố Hải Phòng (Chí Minh and its neighbour Tân Kỳ) and
one of Hà Nội, each with villages, a commune team and village teams, members
and a few records, and one user for each role:

- ``ministry``: the Ministry's officer (reads every province, bound to no unit);
- ``city``: city officer of Hải Phòng (sees Chí Minh and Tân Kỳ, not Hà Nội);
- ``commune``: commune officer of Chí Minh;
- ``leader``: leader of the team of village 1 of Chí Minh;
- ``member``: member of that team;
- ``other_leader``: leader of the team of village 2 of Chí Minh;
- ``outsider``: commune officer of Tân Kỳ;
- ``far``: commune officer of a Hà Nội ward.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from hocvuso.accounts.models import User, UserRole
from hocvuso.documents.models import Document, DocumentKind
from hocvuso.outreach.models import Channel, OutreachActivity, ZaloGroup
from hocvuso.support.models import Place, Service, SupportVisit
from hocvuso.support.totals import rebuild as rebuild_daily_totals
from hocvuso.teams.models import Member, Membership, Role, Team, TeamLevel
from hocvuso.units.models import Kind, Level, Unit

PASSWORD = "mat-khau-thu-nghiem"
# The default hasher is deliberately slow; tests create many users.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class CommuneWorld:
    commune: Unit
    villages: list[Unit]
    commune_team: Team
    village_teams: list[Team]
    members: list[Member] = field(default_factory=list)
    visits: list[SupportVisit] = field(default_factory=list)
    document: Document | None = None


def make_user(username: str, role: str, unit: Unit | None = None, member: Member | None = None):
    # Officers use the admin; team leaders and members do not.
    is_staff = role in (UserRole.MINISTRY_OFFICER, UserRole.CITY_OFFICER, UserRole.COMMUNE_OFFICER)
    user = User.objects.create_user(
        username, password=PASSWORD, role=role, unit=unit, is_staff=is_staff
    )
    if member is not None:
        member.user = user
        member.save()
    return user


LEVEL_OF = {
    Kind.TINH: Level.PROVINCE,
    Kind.THANH_PHO: Level.PROVINCE,
    Kind.XA: Level.COMMUNE,
    Kind.PHUONG: Level.COMMUNE,
    Kind.DAC_KHU: Level.COMMUNE,
}


def make_unit(kind: str, code: str, name: str, parent: Unit | None = None) -> Unit:
    """ "Tỉnh Điện Biên", "Phường Mường Thanh", "Bản Na Son": the short name is the name
    without its kind ("Điện Biên"); the level follows from the kind."""
    label = str(Kind(kind).label)
    short_name = name[len(label) :].strip() if name.lower().startswith(label.lower()) else name
    if kind == Kind.THANH_PHO and name.startswith("Thành phố "):
        short_name = name.removeprefix("Thành phố ")
    return Unit.objects.create(
        level=LEVEL_OF.get(kind, Level.VILLAGE),
        kind=kind,
        code=code,
        name=name,
        short_name=short_name,
        parent=parent,
    )


def make_province(code: str, name: str, kind=Kind.THANH_PHO) -> Unit:
    return make_unit(kind, code, name)


def make_commune_of_kinds(
    province: Unit, code: str, kind: str, name: str, village_kinds: list[str]
) -> Unit:
    """A commune of `kind` ("Phường Bãi Cháy") with a village of each of `village_kinds`,
    named by its kind and number ("Khu phố 1"), and nothing else."""
    commune = make_unit(kind, code, f"{Kind(kind).label} {name}", province)
    for i, village_kind in enumerate(village_kinds, 1):
        make_unit(village_kind, f"{code}-{i:02d}", f"{Kind(village_kind).label} {i}", commune)
    return commune


def make_commune(province: Unit, code: str, name: str, villages: int = 2) -> CommuneWorld:
    commune = Unit.objects.create(
        level=Level.COMMUNE,
        kind=Kind.XA,
        code=code,
        name=f"Xã {name}",
        short_name=name,
        parent=province,
    )
    village_units = [
        Unit.objects.create(
            level=Level.VILLAGE,
            kind=Kind.THON,
            code=f"{code}-{i:02d}",
            name=f"Thôn {i}",
            short_name=f"Thôn {i}",
            parent=commune,
        )
        for i in range(1, villages + 1)
    ]
    commune_team = Team.objects.create(
        name=f"Tổ công nghệ số cộng đồng xã {name}", level=TeamLevel.COMMUNE, unit=commune
    )
    village_teams = [
        Team.objects.create(name=f"Tổ CNSCĐ {v.name}", level=TeamLevel.VILLAGE, unit=v)
        for v in village_units
    ]
    world = CommuneWorld(commune, village_units, commune_team, village_teams)
    services = list(Service.objects.order_by("position")[:2])
    when = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))
    for i, team in enumerate(village_teams):
        leader = Member.objects.create(
            full_name=f"Nguyễn Văn Trưởng {name} {i + 1}", commune=commune
        )
        member = Member.objects.create(full_name=f"Trần Thị Viên {name} {i + 1}", commune=commune)
        Membership.objects.create(team=team, member=leader, role=Role.LEADER)
        Membership.objects.create(team=team, member=member, role=Role.MEMBER)
        world.members += [leader, member]
        for helper in (leader, member):
            visit = SupportVisit.objects.create(
                commune=commune,
                village=team.unit,
                team=team,
                member=helper,
                occurred_at=when,
                place=Place.CULTURAL_HOUSE,
                people=1,
            )
            visit.services.set(services)
            world.visits.append(visit)
        OutreachActivity.objects.create(
            commune=commune,
            village=team.unit,
            team=team,
            member=leader,
            held_on=when.date(),
            channel=Channel.LOUDSPEAKER,
            title="Phát loa",
            reach=100,
        )
        ZaloGroup.objects.create(
            village=team.unit, team=team, name=f"Zalo {team.unit.name}", member_count=50
        )
    world.document = Document.objects.create(
        commune=commune,
        kind=DocumentKind.PLAN,
        number=41,
        symbol="KH-UBND",
        issuer=f"UBND xã {name}",
        issued_on=datetime.date(2025, 8, 19),
        summary="về việc triển khai thực hiện phong trào “Bình dân học vụ số”",
    )
    # The visits above are written as a loader writes them; their totals are counted after.
    rebuild_daily_totals([commune.pk])
    return world


class World:
    def __init__(self):
        self.haiphong = make_province("31", "Thành phố Hải Phòng")
        self.hanoi = make_province("1", "Thành phố Hà Nội")
        # The city's own app, in its catalogue only.
        self.city_app = Service.objects.update_or_create(
            code="smart-haiphong",
            defaults={
                "name": "Cài đặt, sử dụng ứng dụng Công dân số Smart Hải Phòng",
                "short_name": "Smart Hải Phòng",
                "position": 65,
                "province": self.haiphong,
            },
        )[0]
        self.chiminh = make_commune(self.haiphong, "11131", "Chí Minh")
        self.tanky = make_commune(self.haiphong, "11132", "Tân Kỳ")
        self.farward = make_commune(self.hanoi, "70", "Hoàn Kiếm")
        cm = self.chiminh
        self.city = make_user("sokhcn", UserRole.CITY_OFFICER, self.haiphong)
        self.commune = make_user("xachiminh", UserRole.COMMUNE_OFFICER, cm.commune)
        self.leader = make_user("totruong", UserRole.TEAM_LEADER, member=cm.members[0])
        self.member = make_user("tovien", UserRole.TEAM_MEMBER, member=cm.members[1])
        self.other_leader = make_user("totruong2", UserRole.TEAM_LEADER, member=cm.members[2])
        self.outsider = make_user("xatanky", UserRole.COMMUNE_OFFICER, self.tanky.commune)
        self.far = make_user("hoankiem", UserRole.COMMUNE_OFFICER, self.farward.commune)
        self.admin = User.objects.create_superuser("admin", password=PASSWORD)
        self.ministry = make_user("bokhcn", UserRole.MINISTRY_OFFICER)


@contextmanager
def rolled_back(django_db_blocker):
    """Write to the test database from a fixture broader than a test; undone at the end.

    The tests within see what was written, each in a savepoint of its own when it asks
    for `db` (as in Django's TestCase.setUpTestData).
    """
    hashers = override_settings(PASSWORD_HASHERS=FAST_HASHERS)
    with hashers, django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def log_in(page, live_server, user, password=PASSWORD):
    """Sign `user` in through the login page, as a person would."""
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)


def run_tasks() -> None:
    """Run the queued background tasks now, in this process, as `manage.py worker --batch`
    does on the same database backend; on the test's connection, which the worker must
    not close between tasks (it would end the test's transaction)."""
    from unittest import mock

    from django.core.management import call_command

    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def make_file(client, url):
    """Follow a link to a file the worker makes (a PDF): the job it starts, run now as the
    worker would, then the job's page. The test's transaction never commits; the captured
    on-commit callbacks (which enqueue the task) stand in for it."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 302, response.status_code
    run_tasks()
    return client.get(response.url)
