import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from hocvuso.accounts.models import UserRole
from hocvuso.city.models import EventAction, Reminder, SubmissionStatus
from hocvuso.city.services import (
    completeness,
    create_request,
    remind_late,
    review,
    submit_report,
)
from hocvuso.city.synthesis import NOT_ACCEPTED, NOT_SENT, city_figures
from hocvuso.reports.models import ReportStatus
from hocvuso.reports.services import create_report, issue_report
from hocvuso.support.models import SupportVisit
from hocvuso.testing import make_commune, make_user

from .requests import DEADLINE, ISSUED, ask, at


@pytest.fixture
def request_q2(world):
    return ask(world.city, world.haiphong, month=5)


def issued_report(world, commune):
    return issue_report(
        create_report(
            commune,
            start=datetime.date(2026, 4, 15),
            end=datetime.date(2026, 5, 14),
            report_date=datetime.date(2026, 5, 20),
        )
    )


def test_a_request_goes_to_every_commune_of_the_city_with_the_cut_off_period(world, request_q2):
    assert set(request_q2.communes.all()) == {world.chiminh.commune, world.tanky.commune}
    assert (request_q2.period_start, request_q2.period_end) == (
        datetime.date(2026, 4, 15),
        datetime.date(2026, 5, 14),
    )


def test_only_the_city_writes_its_requests(world):
    with pytest.raises(PermissionDenied):
        create_request(
            world.commune,
            world.haiphong,
            number=1,
            symbol="SKHCN-TTTT",
            issued_on=ISSUED,
            deadline=DEADLINE,
            period_start=ISSUED,
            period_end=DEADLINE,
        )
    with pytest.raises(ValidationError):
        create_request(
            world.city,
            world.haiphong,
            number=1,
            symbol="SKHCN-TTTT",
            issued_on=ISSUED,
            deadline=ISSUED - datetime.timedelta(days=1),
            period_start=ISSUED,
            period_end=DEADLINE,
        )


def test_the_review_loop_from_sending_to_acceptance(world, request_q2):
    report = issued_report(world, world.chiminh.commune)
    with time_machine.travel(at(datetime.date(2026, 5, 21))):
        submission = submit_report(world.commune, request_q2, report)
    assert submission.status == SubmissionStatus.SUBMITTED
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT and report.request == request_q2
    with pytest.raises(ValidationError):
        review(world.city, submission, accept=False, reason="")  # a return needs its reason
    with pytest.raises(PermissionDenied):
        review(world.commune, submission, accept=True)
    with time_machine.travel(at(datetime.date(2026, 5, 22))):
        review(world.city, submission, accept=False, reason="Thiếu số liệu lớp học số.")
    corrected = issued_report(world, world.chiminh.commune)
    with time_machine.travel(at(datetime.date(2026, 5, 28))):
        submit_report(world.commune, request_q2, corrected)
    submission.refresh_from_db()
    assert submission.report == corrected and submission.status == SubmissionStatus.SUBMITTED
    with time_machine.travel(at(datetime.date(2026, 5, 29))):
        review(world.city, submission, accept=True)
    with pytest.raises(ValidationError, match="tiếp nhận"):
        submit_report(world.commune, request_q2, issued_report(world, world.chiminh.commune))
    actions = [(e.action, e.by) for e in submission.events.all()]
    assert actions == [
        (EventAction.SENT, world.commune),
        (EventAction.RETURNED, world.city),
        (EventAction.RESENT, world.commune),
        (EventAction.ACCEPTED, world.city),
    ]
    assert submission.events.get(action=EventAction.RETURNED).reason == "Thiếu số liệu lớp học số."


def test_a_draft_or_another_communes_report_cannot_be_sent(world, request_q2):
    draft = create_report(
        world.chiminh.commune, start=datetime.date(2026, 4, 15), end=datetime.date(2026, 5, 14)
    )
    with pytest.raises(ValidationError, match="ban hành"):
        submit_report(world.commune, request_q2, draft)
    theirs = issued_report(world, world.tanky.commune)
    with pytest.raises(PermissionDenied):
        submit_report(world.commune, request_q2, theirs)


def test_completeness_counts_expected_sent_and_on_time(world, request_q2):
    third = make_commune(world.haiphong, "11133", "Quang Phục")
    fourth = make_commune(world.haiphong, "11134", "Tiên Động")
    request_q2.communes.add(third.commune, fourth.commune)
    officers = {
        world.chiminh.commune: world.commune,
        world.tanky.commune: world.outsider,
        third.commune: make_user("quangphuc", UserRole.COMMUNE_OFFICER, third.commune),
    }
    sent_on = {
        world.chiminh.commune: DEADLINE,
        world.tanky.commune: DEADLINE + datetime.timedelta(1),
        third.commune: DEADLINE - datetime.timedelta(3),
    }
    for commune, day in sent_on.items():
        with time_machine.travel(at(day, 23)):  # late in the evening still counts as that day
            submit_report(officers[commune], request_q2, issued_report(world, commune))
    result = completeness(request_q2)
    assert (result.expected, result.sent, result.on_time) == (4, 3, 2)
    assert result.rate == 75.0 and result.on_time_rate == 50.0
    # The missing first, then the late ones.
    assert [r.commune for r in result.rows[:2]] == [fourth.commune, world.tanky.commune]
    assert not result.rows[0].sent and result.rows[1].sent and not result.rows[1].on_time


def test_a_reminder_goes_to_the_communes_that_have_not_sent(world, request_q2):
    submit_report(world.commune, request_q2, issued_report(world, world.chiminh.commune))
    reminders = remind_late(world.city, request_q2)
    assert [r.commune for r in reminders] == [world.tanky.commune]
    assert "1885/SKHCN-TTTT" in reminders[0].message
    assert completeness(request_q2).rows[0].reminders == 1
    assert Reminder.objects.filter(commune=world.chiminh.commune).count() == 0


def test_the_citys_figures_are_the_sum_of_the_accepted_snapshots(world, request_q2):
    SupportVisit.objects.filter(commune=world.chiminh.commune).update(
        occurred_at=at(datetime.date(2026, 5, 4))
    )
    SupportVisit.objects.filter(commune=world.tanky.commune).update(
        occurred_at=at(datetime.date(2026, 5, 5)), people=3
    )
    reports = {}
    for commune, officer in (
        (world.chiminh.commune, world.commune),
        (world.tanky.commune, world.outsider),
    ):
        reports[commune] = issued_report(world, commune)
        submit_report(officer, request_q2, reports[commune])
    figures = city_figures(request_q2)
    assert figures["reported"] == 0 and figures["totals"]["people_helped"] == 0
    assert {r["status"] for r in figures["rows"]} == {NOT_ACCEPTED}
    for submission in request_q2.submissions.all():
        review(world.city, submission, accept=True)
    # Records changed after the reports were issued do not change the city's figures.
    SupportVisit.objects.update(people=100)
    figures = city_figures(request_q2)
    snapshots = [r.snapshot["figures"] for r in reports.values()]
    assert figures["totals"]["people_helped"] == sum(s["visits"]["people"] for s in snapshots) == 16
    assert figures["totals"]["members"] == sum(s["teams"]["members"] for s in snapshots)
    assert figures["ranking"][0] == {"rank": 1, "name": "Xã Tân Kỳ", "people_helped": 12}


def test_a_commune_that_has_not_reported_is_never_counted_as_zero(world, request_q2):
    submission = submit_report(
        world.commune, request_q2, issued_report(world, world.chiminh.commune)
    )
    review(world.city, submission, accept=True)
    figures = city_figures(request_q2)
    tan_ky = next(r for r in figures["rows"] if r["name"] == "Xã Tân Kỳ")
    assert tan_ky["status"] == NOT_SENT and tan_ky["figures"] is None
    assert figures["not_sent"] == ["Xã Tân Kỳ"]
    assert figures["reported"] == 1 and figures["expected"] == 2
    assert [r["name"] for r in figures["ranking"]] == ["Xã Chí Minh"]
