"""`manage.py load_demo --nation`, at a tiny scale: two provinces of different regions."""

import datetime
import hashlib
import time
from collections import Counter

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, Max, Min, Sum
from django.utils import timezone
from vietnam_provinces import Province, Ward

from hocvuso.city.models import Submission, SubmissionStatus
from hocvuso.demo import nation_plan as plan
from hocvuso.demo.builder import VIETNAM
from hocvuso.demo.nation import SETTINGS_FIELDS, load_nation
from hocvuso.demo.nation_season import (
    NATIONAL_STORIES,
    REQUEST_PERIOD,
    _national_stories,
    deal_stories,
    in_threads,
)
from hocvuso.learning.models import DigitalClass
from hocvuso.outreach.models import OutreachActivity
from hocvuso.reports.models import Report, ReportRequest, ReportSettings
from hocvuso.support.models import (
    DailyServiceTotal,
    DailyTotal,
    MonthlyTotal,
    Place,
    SupportVisit,
)
from hocvuso.support.totals import differences
from hocvuso.teams.models import Member, Membership, Team, TeamLevel
from hocvuso.testing import rolled_back
from hocvuso.units.models import Kind, Level, Unit
from hocvuso.units.official import load_official_units
from hocvuso.units.words import VILLAGE_KINDS, CommuneWords, kind_word

pytestmark = pytest.mark.django_db
# A mountain province of bản and a southern one of ấp and khu phố.
PROVINCES = {12, 96}
SCALE = 0.001
PER_PROVINCE = 5


def fingerprint() -> dict:
    """What two loads must have alike: counts, sums and a digest of the names."""
    visits = SupportVisit.objects.aggregate(
        n=Count("pk"), people=Sum("people"), first=Min("occurred_at"), last=Max("occurred_at")
    )
    names = hashlib.sha256()
    for row in (
        Unit.objects.filter(level=Level.VILLAGE)
        .order_by("code")
        .values_list("code", "kind", "name")
    ):
        names.update(repr(row).encode())
    for row in Member.objects.order_by("commune__code", "full_name").values_list(
        "commune__code", "full_name", "phone", "position"
    ):
        names.update(repr(row).encode())
    by_place = Counter(SupportVisit.objects.values_list("place", flat=True))
    return {
        "visits": visits,
        "by_place": by_place,
        "services": SupportVisit.services.through.objects.count(),
        "teams": Counter(Team.objects.values_list("level", flat=True)),
        "memberships": Membership.objects.count(),
        "activities": OutreachActivity.objects.aggregate(n=Count("pk"), reach=Sum("reach")),
        "classes": DigitalClass.objects.aggregate(n=Count("pk"), citizens=Sum("citizens")),
        "names": names.hexdigest(),
    }


@pytest.fixture(scope="module")
def nation(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        with transaction.atomic():
            load_nation(SCALE, PROVINCES, communes_per_province=PER_PROVINCE, seasons=False)
            first = fingerprint()
            transaction.set_rollback(True)
        demo = load_nation(SCALE, PROVINCES, communes_per_province=PER_PROVINCE)
        yield demo, first, fingerprint()


def test_it_loads_the_provinces_and_communes_of_the_official_list(nation):
    demo, *_ = nation
    official = [w for w in Ward.iter_all() if int(w.province_code) in PROVINCES]
    assert demo.provinces == 2 and demo.communes == len(official)
    assert set(Unit.objects.filter(level=Level.PROVINCE).values_list("code", flat=True)) == {
        str(int(p.code)) for p in Province.iter_all() if int(p.code) in PROVINCES
    }
    assert set(Unit.objects.filter(level=Level.COMMUNE).values_list("code", flat=True)) == {
        str(int(w.code)) for w in official
    }
    assert demo.built == 2 * PER_PROVINCE


def test_every_commune_with_records_has_its_teams_members_visits_and_classes(nation):
    communes = Unit.objects.filter(level=Level.COMMUNE, commune_teams__isnull=False).distinct()
    assert communes.count() == 2 * PER_PROVINCE
    for commune in communes.annotate(
        villages=Count("children", distinct=True), visits=Count("support_visits", distinct=True)
    ):
        teams = Counter(Team.objects.filter(commune=commune).values_list("level", flat=True))
        assert teams[TeamLevel.COMMUNE] == teams[TeamLevel.RAPID_RESPONSE] == 1
        assert teams[TeamLevel.VILLAGE] == commune.villages > 0
        assert commune.visits >= 1
    assert DigitalClass.objects.filter(commune__in=communes).values(
        "commune"
    ).distinct().count() == (2 * PER_PROVINCE)


def test_villages_are_of_the_kinds_their_region_and_commune_use(nation):
    for commune in Unit.objects.filter(level=Level.COMMUNE, children__isnull=False).distinct():
        kinds = set(
            Unit.objects.filter(parent=commune, level=Level.VILLAGE).values_list("kind", flat=True)
        )
        region = plan.REGION_OF_PROVINCE[int(commune.parent.code)]
        if commune.kind == Kind.PHUONG:
            allowed = {plan.URBAN_KIND.get(region, Kind.TO_DAN_PHO)}
        else:
            allowed = set(plan.RURAL_KINDS[region])
        assert kinds <= allowed and kinds <= set(VILLAGE_KINDS), commune
        words = CommuneWords.of(commune)
        assert set(words.villages.split(", ")) == {kind_word(k) for k in kinds}
    everywhere = set(Unit.objects.filter(level=Level.VILLAGE).values_list("kind", flat=True))
    assert {Kind.BAN, Kind.AP} <= everywhere and Kind.KHU_PHO in everywhere


def test_the_report_settings_are_the_communes_own_defaults_with_a_signer(nation):
    saved = ReportSettings.objects.filter(commune__commune_teams__isnull=False).distinct()
    assert saved.count() == 2 * PER_PROVINCE
    for settings in saved.select_related("commune__parent"):
        defaults = ReportSettings.defaults_for(settings.commune)
        for name in SETTINGS_FIELDS:
            assert getattr(settings, name) == getattr(defaults, name), name
        assert settings.signer_name


def test_two_loads_give_the_same_records(nation):
    _, first, second = nation
    assert first == second
    assert first["visits"]["n"] > 0 and first["services"] >= first["visits"]["n"]


def test_the_daily_and_monthly_totals_count_the_visits(nation):
    # Counted in Python as the visits were drawn (nation_totals), not by `rebuild`.
    assert DailyServiceTotal.objects.exists() and MonthlyTotal.objects.exists()
    assert DailyTotal.objects.aggregate(n=Sum("visits"))["n"] == SupportVisit.objects.count()
    assert differences() == []


def test_a_commune_with_visits_before_the_load_has_its_totals_counted_from_all_of_them(nation):
    load_official_units({11})
    commune = min(
        Unit.objects.filter(level=Level.COMMUNE, parent__code="11", valid_to__isnull=True),
        key=lambda c: int(c.code),
    )
    when = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))
    SupportVisit.objects.create(commune=commune, occurred_at=when, place=Place.HOME, people=2)
    demo = load_nation(SCALE, {11}, communes_per_province=1, seasons=False)
    assert demo.built == 1
    visits = SupportVisit.objects.filter(commune=commune)
    assert visits.count() > 1
    counted = DailyTotal.objects.filter(commune=commune).aggregate(n=Sum("visits"))["n"]
    assert counted == visits.count()
    assert differences([commune.pk]) == []


def test_provinces_played_at_once_keep_their_order_and_stop_at_the_first_failure():
    assert in_threads(lambda n: n * n, list(range(20)), 2) == [n * n for n in range(20)]
    played = []

    def work(n):
        if n == 3:
            raise ValueError("tỉnh 3 lỗi")
        time.sleep(0.01)
        played.append(n)
        return n

    with pytest.raises(ValueError, match="tỉnh 3 lỗi"):
        in_threads(work, list(range(40)), 2)
    # The other worker ended its province and took no more.
    assert 3 not in played and len(played) <= 5


def test_a_second_load_writes_nothing(nation):
    _, _, loaded = nation
    reports = Report.objects.count()
    again = load_nation(SCALE, PROVINCES, communes_per_province=PER_PROVINCE)
    assert again.built == 0 and not again.rows
    assert fingerprint() == loaded and Report.objects.count() == reports


def test_each_province_has_on_time_late_returned_and_missing_reports(nation):
    for request in ReportRequest.objects.of_provinces():
        province = request.province
        assert request.communes.count() == province.children.count()
        submissions = list(Submission.objects.filter(request=request))
        statuses = Counter(s.status for s in submissions)
        late = [s for s in submissions if s.first_sent_at.date() > request.deadline]
        missing = Report.objects.filter(request=request).exclude(
            commune__in=[s.commune_id for s in submissions]
        )
        assert statuses[SubmissionStatus.ACCEPTED] >= 2, province
        assert statuses[SubmissionStatus.RETURNED] >= 1, province
        assert late and missing.exists(), province
    assert ReportRequest.objects.of_provinces().count() == 2


def test_the_ministry_asks_every_province_which_answers_with_its_communes_figures(nation):
    national = ReportRequest.objects.national().get()
    provinces = Unit.objects.filter(level=Level.PROVINCE)
    assert set(national.recipients.all()) == set(provinces)
    assert (national.period_start, national.period_end) == REQUEST_PERIOD
    answers = Submission.objects.filter(request=national).select_related("report")
    assert answers.count() == 2
    for answer in answers:
        source = answer.report.source_request
        assert source.province == answer.commune and source.period_start == REQUEST_PERIOD[0]
        accepted = Submission.objects.filter(request=source, status=SubmissionStatus.ACCEPTED)
        assert answer.report.snapshot["figures"]["reported"] == accepted.count() > 0
        # Sent on the story's day, three days before the deadline or four after, reviewed
        # or not: never at the time the demo was loaded.
        sent_on = answer.first_sent_at.astimezone(VIETNAM).date()
        assert sent_on - national.deadline in (datetime.timedelta(-3), datetime.timedelta(4))
        assert answer.sent_at == answer.first_sent_at


def test_the_provinces_stories_are_dealt_in_the_ministrys_proportions():
    assert Counter(_national_stories(34)) == NATIONAL_STORIES
    assert _national_stories(34) == _national_stories(34)
    assert len(_national_stories(2)) == 2


def test_the_stories_are_dealt_in_proportion_and_add_up():
    assert sum(deal_stories(168).values()) == 168
    assert all(deal_stories(120).values())
    assert deal_stories(36) == {
        "on_time_accepted": 14,
        "late_accepted": 6,
        "corrected_accepted": 3,
        "returned": 4,
        "waiting_on_time": 3,
        "waiting_late": 2,
        "missing": 4,
    }


sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's limit; PostgreSQL takes any scale"
)


@sqlite_only
def test_it_refuses_a_large_scale_on_sqlite():
    with pytest.raises(ImproperlyConfigured, match="PostgreSQL"):
        load_nation(0.5, {12})


def test_the_command_says_what_is_wrong_with_its_options():
    if connection.vendor == "sqlite":
        with pytest.raises(CommandError, match="PostgreSQL"):
            call_command("load_demo", "--nation", "--scale", "0.5", "--provinces", "12")
    with pytest.raises(CommandError, match="mã tỉnh"):
        call_command("load_demo", "--nation", "--provinces", "Lai Châu")


def test_the_load_leaves_one_audit_entry_instead_of_one_a_row(nation):
    entries = LogEntry.objects.filter(additional_data__nation=True)
    assert entries.count() == 1
    assert entries.get().additional_data["communes"] == 2 * PER_PROVINCE
    assert not LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(SupportVisit)
    ).exists()
