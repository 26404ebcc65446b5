"""`manage.py load_demo --city`: every commune of Hải Phòng, and a reporting season to show."""

import datetime
import io
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count
from docx import Document

from hocvuso.city.models import EventAction, Reminder, Submission, SubmissionStatus
from hocvuso.city.render import render_city_docx, render_city_xlsx
from hocvuso.city.services import completeness
from hocvuso.city.synthesis import SUMMED, city_figures, commune_figures
from hocvuso.demo import city as demo_city_module
from hocvuso.demo import data
from hocvuso.reports.models import Report, ReportRequest, ReportStatus
from hocvuso.support.models import SupportVisit
from hocvuso.teams.models import Team, TeamLevel
from hocvuso.test_tools import save_artifact
from hocvuso.units.models import Level, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_1885(demo_city):
    return ReportRequest.objects.get(number=1885, symbol="SKHCN-TTTT")


def test_the_request_goes_to_every_commune_of_the_city(request_1885):
    city = Unit.objects.get(level=Level.PROVINCE, code=str(data.PROVINCE_CODE))
    communes = Unit.objects.filter(level=Level.COMMUNE, parent=city)
    assert communes.count() == 114
    assert set(request_1885.communes.all()) == set(communes)


def test_the_citys_daily_totals_equal_its_visits(demo_city):
    from hocvuso.support.totals import differences

    assert differences() == []


def test_a_share_of_the_communes_have_records_and_the_rest_are_empty(demo_city):
    visits = dict(
        SupportVisit.objects.values_list("commune__code").annotate(n=Count("pk")).order_by()
    )
    assert len(visits) >= 30
    generated = {code: n for code, n in visits.items() if code != data.COMMUNE_CODE}
    assert all(300 <= n <= 2_000 for n in generated.values())
    assert Unit.objects.filter(level=Level.COMMUNE).exclude(code__in=visits).count() >= 70
    for code in generated:
        teams = Counter(Team.objects.filter(commune__code=code).values_list("level", flat=True))
        assert teams[TeamLevel.COMMUNE] == 1 and teams[TeamLevel.RAPID_RESPONSE] == 1
        assert 3 <= teams[TeamLevel.VILLAGE] <= 15


def test_the_season_has_on_time_late_returned_waiting_and_missing_reports(request_1885):
    deadline = request_1885.deadline
    submissions = list(Submission.objects.filter(request=request_1885))
    on_time = [s for s in submissions if s.first_sent_at.date() <= deadline]
    late = [s for s in submissions if s.first_sent_at.date() > deadline]
    accepted = [s for s in submissions if s.status == SubmissionStatus.ACCEPTED]
    assert any(s in accepted for s in on_time) and any(s in accepted for s in late)
    returned = [s for s in submissions if s.status == SubmissionStatus.RETURNED]
    assert returned and all(s.return_reason for s in returned)
    assert any(s.status == SubmissionStatus.SUBMITTED for s in submissions)
    # Corrected after a return, sent again and accepted.
    assert any(
        [e.action for e in s.events.all()]
        == [EventAction.SENT, EventAction.RETURNED, EventAction.RESENT, EventAction.ACCEPTED]
        for s in accepted
    )
    # Issued but never sent.
    never_sent = Report.objects.filter(request=request_1885, status=ReportStatus.ISSUED)
    assert never_sent.exclude(commune__submissions__request=request_1885).exists()


def test_its_dates_are_the_demos_not_todays(request_1885):
    for submission in Submission.objects.filter(request=request_1885):
        assert datetime.date(2026, 5, 15) <= submission.first_sent_at.date()
        assert submission.sent_at.date() <= datetime.date(2026, 7, 15)
        for event in submission.events.all():
            assert event.at.year == 2026 and event.at.month in (5, 6, 7)
    issued = Report.objects.filter(request=request_1885).values_list("issued_at", flat=True)
    assert all(at.date() <= datetime.date(2026, 7, 15) for at in issued)


def test_the_plan_of_the_season_is_the_same_on_every_run(request_1885):
    communes = demo_city_module._sample(request_1885.province, Unit.objects.get(code="11131"))
    chiminh = Unit.objects.get(level=Level.COMMUNE, code=data.COMMUNE_CODE)
    first = demo_city_module._plan(communes, chiminh)
    second = demo_city_module._plan(communes, chiminh)
    assert [(s.at, s.action, s.commune) for s in first] == [
        (s.at, s.action, s.commune) for s in second
    ]


def test_completeness_counts_what_the_communes_sent(request_1885):
    status = completeness(request_1885)
    submissions = Submission.objects.filter(request=request_1885)
    assert status.expected == 114
    assert status.sent == submissions.count() == sum(r.sent for r in status.rows)
    assert status.on_time == sum(
        1 for s in submissions if s.first_sent_at.date() <= request_1885.deadline
    )
    assert status.accepted == submissions.filter(status=SubmissionStatus.ACCEPTED).count()
    assert 0 < status.on_time < status.sent < status.expected
    # The missing first.
    assert not status.rows[0].sent and status.rows[-1].sent


def test_reminders_went_to_communes_that_had_not_sent(request_1885):
    reminders = list(Reminder.objects.filter(request=request_1885).select_related("commune"))
    assert reminders
    sent = {s.commune_id: s.first_sent_at for s in Submission.objects.filter(request=request_1885)}
    for reminder in reminders:
        assert reminder.sent_at.date() > request_1885.deadline
        assert reminder.commune_id not in sent or sent[reminder.commune_id] > reminder.sent_at


def test_the_citys_figures_are_the_sum_of_the_accepted_snapshots(request_1885):
    accepted = Submission.objects.filter(
        request=request_1885, status=SubmissionStatus.ACCEPTED
    ).select_related("report")
    parts = [commune_figures(s.report.snapshot) for s in accepted]
    figures = city_figures(request_1885)
    assert figures["reported"] == len(parts) > 0
    assert figures["totals"] == {key: sum(p[key] for p in parts) for key in SUMMED}
    assert figures["totals"]["people_helped"] > 0


def test_the_city_report_has_a_row_for_each_of_the_114_communes(request_1885):
    data_docx = render_city_docx(request_1885, datetime.date(2026, 6, 22), charts=False)
    save_artifact("city", "bao-cao-thanh-pho-demo.docx", data_docx)
    table = Document(io.BytesIO(data_docx)).tables[2]
    assert len(table.rows) == 1 + 114 + 1
    missing = [r for r in table.rows if r.cells[2].text == "Chưa báo cáo"]
    assert len(missing) == 114 - Submission.objects.filter(request=request_1885).count()
    save_artifact("city", "phu-luc-thanh-pho-demo.xlsx", render_city_xlsx(request_1885))


def test_it_prints_a_summary_in_vietnamese(demo_city):
    assert "114 xã, phường, đặc khu" in demo_city
    assert "Đã gửi 32/114 báo cáo" in demo_city
    assert "đã tiếp nhận 23, trả lại 4, chờ duyệt 5" in demo_city


def test_running_it_again_adds_nothing(demo_city):
    before = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    out = StringIO()
    call_command("load_demo", "--city", stdout=out)
    after = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    assert after == before
    assert "Lần này tạo mới" not in out.getvalue()
