"""`manage.py load_demo` makes every fact of xã Chí Minh's report true in the data."""

import datetime
import hashlib
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count, Q, Sum

from hocvuso.accounts.models import User, UserRole
from hocvuso.demo.logins import PASSWORD
from hocvuso.documents.models import Document, DocumentKind
from hocvuso.indicators.models import IndicatorValue
from hocvuso.outreach.models import Channel, OutreachActivity, ZaloGroup
from hocvuso.support.models import Service, SupportVisit
from hocvuso.teams.models import Membership, Role, Team, TeamLevel
from hocvuso.units.models import Kind, Level, Unit

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 5, 31)


def commune():
    return Unit.objects.get(level=Level.COMMUNE, code="11131")


def counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


# Everything a visit records, by what it is rather than by its ids.
VISIT_FIELDS = (
    "client_key commune__code village__code team__name member__full_name occurred_at place "
    "people gender age_band elderly disability outcome note"
).split()


def visit_digest() -> str:
    rows = SupportVisit.objects.order_by("client_key").values_list(*VISIT_FIELDS)
    services = {}
    for key, code in SupportVisit.services.through.objects.values_list(
        "supportvisit__client_key", "service__code"
    ):
        services.setdefault(key, []).append(code)
    text = "\n".join(f"{row}|{sorted(services.get(row[0], []))}" for row in rows)
    return hashlib.sha256(text.encode()).hexdigest()


def test_it_builds_xa_chi_minh_in_hai_phong(demo):
    cm = commune()
    assert cm.name == "Xã Chí Minh"
    assert (cm.parent.code, cm.parent.name) == ("31", "Thành phố Hải Phòng")
    assert "Xã Chí Minh" in demo


def test_it_builds_twenty_villages(demo):
    villages = Unit.objects.filter(parent=commune(), level=Level.VILLAGE)
    assert villages.count() == 20
    assert set(villages.values_list("kind", flat=True)) == {Kind.THON}
    assert sorted(villages.values_list("code", flat=True)) == [
        f"11131-{i:02d}" for i in range(1, 21)
    ]


def test_it_builds_the_teams_the_report_counts(demo):
    teams = Team.objects.filter(commune=commune())
    assert teams.filter(level=TeamLevel.COMMUNE).count() == 1
    assert teams.filter(level=TeamLevel.VILLAGE).count() == 20
    assert teams.filter(level=TeamLevel.RAPID_RESPONSE).count() == 1
    village_units = set(teams.filter(level=TeamLevel.VILLAGE).values_list("unit__code", flat=True))
    assert len(village_units) == 20


def test_it_gives_every_team_exactly_one_leader(demo):
    teams = Team.objects.annotate(
        leaders=Count("memberships", filter=Q(memberships__role=Role.LEADER)),
        size=Count("memberships"),
    )
    for team in teams:
        assert team.leaders == 1, team
        if team.level == TeamLevel.VILLAGE:
            assert 3 <= team.size <= 6, team
    assert teams.get(level=TeamLevel.COMMUNE).size >= 8


def test_it_registers_the_four_documents_exactly(demo):
    documents = Document.objects.filter(commune=commune()).order_by("issued_on")
    assert [(d.kind, d.number, d.symbol, d.issued_on) for d in documents] == [
        (DocumentKind.PLAN, 41, "KH-UBND", datetime.date(2025, 8, 19)),
        (DocumentKind.OFFICIAL_LETTER, 444, "UBND-VHXH", datetime.date(2025, 10, 6)),
        (DocumentKind.OFFICIAL_LETTER, 508, "UBND-VHXH", datetime.date(2025, 10, 14)),
        (DocumentKind.OFFICIAL_LETTER, 907, "UBND-VHXH", datetime.date(2026, 5, 14)),
    ]
    assert {d.issuer for d in documents} == {"UBND xã Chí Minh"}
    assert documents[3].summary == (
        "về việc triển khai cài đặt và sử dụng ứng dụng Công dân số Smart Hải Phòng"
    )


def test_it_keeps_one_zalo_group_in_each_village(demo):
    groups = ZaloGroup.objects.filter(commune=commune())
    assert groups.count() == 20
    assert groups.values("village").distinct().count() == 20
    assert not groups.filter(member_count=0).exists()


def test_it_communicates_on_every_channel_the_report_names(demo):
    channels = set(OutreachActivity.objects.values_list("channel", flat=True))
    assert {
        Channel.LOUDSPEAKER,
        Channel.BULLETIN_BOARD,
        Channel.PORTAL,
        Channel.SOCIAL_MEDIA,
        Channel.SCHOOL,
        Channel.VILLAGE_MEETING,
    } <= channels


def test_it_records_over_1500_citizens_helped_in_2026(demo):
    visits = SupportVisit.objects.filter(commune=commune())
    in_period = visits.filter(occurred_at__date__range=(START, END))
    assert in_period.aggregate(people=Sum("people"))["people"] > 1500
    assert in_period.count() == visits.count()


def test_it_uses_every_service_of_the_catalogue(demo):
    unused = Service.objects.annotate(n=Count("visits")).filter(n=0)
    assert list(unused.values_list("code", flat=True)) == []


def test_it_sets_the_indicators_of_the_report(demo):
    values = {
        v.indicator.code: v
        for v in IndicatorValue.objects.filter(commune=commune(), period_end=END)
    }
    for code in (
        "schools-cashless",
        "benefits-by-bank",
        "village-wifi",
        "schools-digital-learning",
    ):
        assert values[code].value == Decimal(100), code
    assert values["village-wifi"].numerator == 20
    assert values["household-business-qr"].value > 70
    assert values["household-business-qr"].is_estimate


def test_it_makes_a_login_for_each_role(demo):
    cm = commune()
    users = {u.username: u for u in User.objects.all()}
    assert users["admin"].is_superuser
    assert (users["sokhcn"].role, users["sokhcn"].unit) == (UserRole.CITY_OFFICER, cm.parent)
    assert (users["chiminh"].role, users["chiminh"].unit) == (UserRole.COMMUNE_OFFICER, cm)
    assert users["sokhcn"].is_staff and users["chiminh"].is_staff
    assert users["totruong"].role == UserRole.TEAM_LEADER
    assert users["tovien"].role == UserRole.TEAM_MEMBER
    leader = Membership.objects.get(member__user=users["totruong"])
    member = Membership.objects.get(member__user=users["tovien"])
    assert leader.role == Role.LEADER
    assert member.role == Role.MEMBER
    assert leader.team == member.team
    assert leader.team.unit.code == "11131-01"
    assert all(user.check_password(PASSWORD) for user in users.values())


def test_its_daily_totals_equal_its_visits(demo):
    from hocvuso.support.models import DailyTotal
    from hocvuso.support.totals import differences

    assert differences() == []
    assert DailyTotal.objects.aggregate(n=Sum("visits"))["n"] == SupportVisit.objects.count()


def test_it_changes_nothing_when_run_again(demo):
    before, digest = counts(), visit_digest()
    call_command("load_demo", stdout=StringIO())
    assert counts() == before
    assert visit_digest() == digest


def test_it_restores_a_changed_demo_password(demo):
    user = User.objects.get(username="tovien")
    user.set_password("something-else")
    user.save()
    call_command("load_demo", stdout=StringIO())
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_it_prints_the_demo_logins(demo):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8000" in text
    for username in ("admin", "sokhcn", "chiminh", "totruong", "tovien"):
        assert username in text
    assert PASSWORD in text
