"""The national loop: the Ministry asks, each province answers with its issued report, the
Ministry returns or accepts it; completeness by province; who may do what."""

import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from hocvuso.accounts.permissions import writes_commune_records
from hocvuso.accounts.scoping import scope_for
from hocvuso.city.models import EventAction, Submission, SubmissionStatus
from hocvuso.city.services import ROW_STATES, completeness, create_request, remind_late, review
from hocvuso.city.tests.requests import at
from hocvuso.reports.models import Report, ReportRequest, ReportStatus, RequestLevel
from hocvuso.reports.services import create_report
from hocvuso.support.models import SupportVisit
from hocvuso.support.services import VisitInput, record_visit
from hocvuso.testing import run_tasks
from hocvuso.units.models import Level

from ..services import (
    answer_for_province,
    draft_answer,
    drill_down,
    issue_answer,
    send_answer,
)
from .country import DEADLINE, ISSUED, country_once, haiphong_answers, national_request


@pytest.fixture(scope="module")
def country(django_db_setup, django_db_blocker):
    with country_once(django_db_blocker) as built:
        yield built


def test_the_ministrys_request_goes_to_every_province_with_the_provinces_cut_off(db, country):
    national = country.national
    assert national.level == RequestLevel.NATION and national.province is None
    assert national.issuer == "Bộ Khoa học và Công nghệ"
    assert set(national.recipients.all()) == {
        country.world.haiphong,
        country.world.hanoi,
        country.dienbien,
    }
    # The same cut-off period as the province's request for the same month.
    assert national.period == country.haiphong_request.period
    assert (national.period_start, national.period_end) == (
        datetime.date(2026, 4, 15),
        datetime.date(2026, 5, 14),
    )


def test_the_national_loop_from_sending_to_acceptance(db, country):
    world = country.world
    submission = haiphong_answers(country)
    report = submission.report
    assert submission.status == SubmissionStatus.SUBMITTED
    # The province's report is a stored report of the province, issued (numbered, frozen) and
    # sent, answering the Ministry's request from the province's own request.
    assert report.commune == world.haiphong and report.status == ReportStatus.SENT
    assert report.request == country.national and report.source_request == country.haiphong_request
    assert report.number == 1 and report.snapshot["header"]["number"] == 1
    assert report.snapshot["reporting"]["accepted"] == 1
    # It answers the Ministry: cites its request, reports to it, sends it a copy.
    assert "125/BKHCN-CĐS" in report.snapshot["opening"]
    assert report.snapshot["closing"][0].endswith("kính báo cáo Bộ Khoa học và Công nghệ./.")
    assert report.snapshot["recipients"][0] == "Bộ KH&CN"
    with pytest.raises(ValidationError):
        review(country.ministry, submission, accept=False, reason="")  # a return needs a reason
    with pytest.raises(PermissionDenied):
        review(world.city, submission, accept=True)  # the province does not review itself
    with time_machine.travel(at(datetime.date(2026, 5, 23))):
        review(country.ministry, submission, accept=False, reason="Chưa có báo cáo của Tân Kỳ.")
    # The province corrects: a new report, issued and sent again.
    corrected = draft_answer(world.city, country.national, world.haiphong)
    corrected = issue_answer(world.city, corrected)
    assert corrected.number == 2
    with time_machine.travel(at(datetime.date(2026, 5, 24))):
        send_answer(world.city, corrected)
    submission.refresh_from_db()
    assert submission.report == corrected and submission.status == SubmissionStatus.SUBMITTED
    with time_machine.travel(at(datetime.date(2026, 5, 26))):
        review(country.ministry, submission, accept=True)
    with pytest.raises(ValidationError, match="tiếp nhận"):
        answer_for_province(world.city, country.national)
    actions = [(e.action, e.by) for e in submission.events.all()]
    assert actions == [
        (EventAction.SENT, world.city),
        (EventAction.RETURNED, country.ministry),
        (EventAction.RESENT, world.city),
        (EventAction.ACCEPTED, country.ministry),
    ]
    assert (
        submission.events.get(action=EventAction.RETURNED).reason == "Chưa có báo cáo của Tân Kỳ."
    )
    # Sent first on 22/05, before the deadline: on time, though accepted after it.
    row = next(r for r in completeness(country.national).rows if r.commune == world.haiphong)
    assert row.on_time


def test_a_draft_is_not_sent_and_its_snapshot_is_frozen_when_issued(db, country):
    world = country.world
    draft = draft_answer(world.city, country.national, world.haiphong)
    with pytest.raises(ValidationError, match="ban hành"):
        send_answer(world.city, draft)
    issued = issue_answer(world.city, draft)
    people = issued.snapshot["figures"]["totals"]["people_helped"]
    SupportVisit.objects.update(people=100)
    issued.refresh_from_db()
    assert issued.snapshot["figures"]["totals"]["people_helped"] == people


def test_a_province_without_a_request_for_the_period_cannot_answer_yet(db, country):
    with pytest.raises(ValidationError, match="chưa có yêu cầu"):
        answer_for_province(country.hanoi_officer, country.national)
    other_month = create_request(
        country.hanoi_officer,
        country.world.hanoi,
        number=7,
        symbol="SKHCN-TTTT",
        issued_on=ISSUED,
        deadline=DEADLINE,
        period_kind="month",
        year=2026,
        period_number=4,
    )
    with pytest.raises(ValidationError, match="cùng kỳ"):
        draft_answer(country.hanoi_officer, country.national, country.world.hanoi, other_month)


def test_completeness_by_province_on_time_late_waiting_and_missing(db, country):
    haiphong_answers(country)
    result = completeness(country.national)
    assert (result.expected, result.sent, result.on_time, result.accepted) == (3, 2, 1, 1)
    states = {
        key: [r.commune.name for r in result.rows if keep(r)]
        for key, (_, keep) in ROW_STATES.items()
    }
    assert states == {
        "chua-gui": ["Thành phố Hà Nội"],
        "cho-duyet": ["Thành phố Hải Phòng"],
        "tra-lai": [],
        "da-tiep-nhan": ["Tỉnh Điện Biên"],
        "muon": ["Tỉnh Điện Biên"],
    }
    # The missing first, then the late.
    assert [r.commune.name for r in result.rows] == [
        "Thành phố Hà Nội",
        "Tỉnh Điện Biên",
        "Thành phố Hải Phòng",
    ]


def test_a_returned_answer_shows_as_returned(db, country):
    submission = haiphong_answers(country)
    review(country.ministry, submission, accept=False, reason="Thiếu phụ lục.")
    (returned,) = [r for r in completeness(country.national).rows if ROW_STATES["tra-lai"][1](r)]
    assert returned.commune == country.world.haiphong


def test_the_ministry_reminds_the_provinces_that_have_not_sent(db, country):
    reminders = remind_late(country.ministry, country.national)
    assert {r.commune for r in reminders} == {country.world.haiphong, country.world.hanoi}
    assert "Sở Khoa học và Công nghệ thành phố Hà Nội" in next(
        r.message for r in reminders if r.commune == country.world.hanoi
    )
    with pytest.raises(PermissionDenied):
        remind_late(country.world.city, country.national)


def test_the_drill_down_shows_the_communes_of_the_matching_province_request(db, country):
    source, result = drill_down(country.national, country.world.haiphong)
    assert source == country.haiphong_request
    assert (result.expected, result.sent, result.accepted) == (2, 1, 1)
    assert [r.commune for r in result.rows if not r.sent] == [country.world.tanky.commune]
    assert drill_down(country.national, country.world.hanoi) == (None, None)


# --- Who may do what ----------------------------------------------------------------------


def test_only_the_ministry_asks_the_provinces(db, country):
    for user in (country.world.city, country.world.commune):
        with pytest.raises(PermissionDenied):
            national_request(user)
    # And the Ministry does not ask a province's communes in the province's name.
    with pytest.raises(PermissionDenied):
        create_request(
            country.ministry,
            country.world.haiphong,
            number=1,
            symbol="X",
            issued_on=ISSUED,
            deadline=DEADLINE,
            period_start=ISSUED,
            period_end=DEADLINE,
        )


def test_a_province_answers_for_itself_only(db, country):
    with pytest.raises(PermissionDenied):
        draft_answer(country.world.city, country.national, country.dienbien)
    with pytest.raises(PermissionDenied):
        draft_answer(country.world.commune, country.national, country.world.haiphong)
    theirs = Submission.objects.get(request=country.national, commune=country.dienbien)
    with pytest.raises(PermissionDenied):
        send_answer(country.world.city, theirs.report)


def test_the_ministry_reads_every_commune_and_writes_none(db, country):
    ministry = country.ministry
    scope = scope_for(ministry)
    assert not writes_commune_records(ministry) and not scope.writes
    reports = Report.objects.filter(commune__level=Level.COMMUNE)
    assert reports.visible_to(scope).count() == reports.count() == 2
    assert not reports.editable_by(scope).exists()
    assert not SupportVisit.objects.editable_by(scope).exists()
    with pytest.raises(PermissionDenied, match="Cán bộ Bộ chỉ được xem"):
        record_visit(
            ministry,
            VisitInput(
                services=[],
                commune=country.muongphang.code,
                occurred_at=at(datetime.date(2026, 5, 4)),
            ),
        )
    with pytest.raises(PermissionDenied):
        draft_answer(ministry, country.national, country.world.haiphong)
    # Nor does it issue a commune's report.
    draft = create_report(country.muongphang, request=country.dienbien_request)
    assert not Report.objects.editable_by(scope).filter(pk=draft.pk).exists()


def test_the_provinces_requests_and_the_ministrys_stay_apart(db, country):
    assert list(ReportRequest.objects.national()) == [country.national]
    assert country.national not in ReportRequest.objects.of_provinces()
    # A commune never sees the Ministry's request among those it answers.
    assert not ReportRequest.objects.to_commune(country.world.chiminh.commune).filter(
        level=RequestLevel.NATION
    )


def test_the_ministrys_request_mails_each_provinces_officers(
    db, country, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://hocvuso.example.gov.vn"
    country.dienbien_officer.email = "sodienbien@example.vn"
    country.dienbien_officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        national_request(country.ministry)
    run_tasks()
    [mail] = mailoutbox
    assert mail.to == ["sodienbien@example.vn"]
    assert "Kính gửi Sở Khoa học và Công nghệ tỉnh Điện Biên," in mail.body
    assert "https://hocvuso.example.gov.vn/trung-uong/tinh/" in mail.body


def test_every_step_of_the_loop_leaves_its_actor_in_the_audit_trail(db, country):
    submission = haiphong_answers(country)
    review(country.ministry, submission, accept=False, reason="Thiếu phụ lục.")
    entries = LogEntry.objects.get_for_object(submission).order_by("timestamp", "pk")
    assert [e.actor for e in entries] == [country.world.city, country.ministry]
    request_entries = LogEntry.objects.get_for_object(country.national)
    assert {e.actor for e in request_entries} == {country.ministry}
    report_entries = LogEntry.objects.get_for_object(submission.report)
    assert {e.actor for e in report_entries} == {country.world.city}
