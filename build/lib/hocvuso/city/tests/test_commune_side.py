"""The city's requests as a commune officer sees them on the report pages, and sending a report."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from hocvuso.city.commune_side import days_left_text
from hocvuso.city.models import Submission, SubmissionStatus
from hocvuso.city.services import remind_late, review
from hocvuso.reports.models import ReportStatus
from hocvuso.reports.services import create_report

from .requests import DEADLINE, ISSUED, ask, at
from .test_pages import issued_report, send
from .test_pages import may_20 as may_20  # noqa: F401  (an autouse fixture)
from .test_pages import request_q2 as request_q2  # noqa: F401  (a fixture)


@pytest.mark.parametrize(
    "today, text",
    [
        (datetime.date(2026, 5, 20), "còn 5 ngày"),
        (datetime.date(2026, 5, 24), "còn 1 ngày"),
        (datetime.date(2026, 5, 25), "hôm nay là hạn cuối"),
        (datetime.date(2026, 5, 27), "quá hạn 2 ngày"),
    ],
)
def test_the_days_left_are_said_in_words(today, text):
    assert days_left_text(DEADLINE, today) == text


def test_the_commune_sees_the_request_waiting_with_the_days_left(client, world, request_q2):
    client.force_login(world.commune)
    text = client.get(reverse("reports:index")).content.decode()
    assert "1885/SKHCN-TTTT" in text and "còn 5 ngày" in text and "Chưa gửi" in text
    with time_machine.travel(at(DEADLINE + datetime.timedelta(days=2)), tick=False):
        text = client.get(reverse("reports:index")).content.decode()
    assert "quá hạn 2 ngày" in text


def test_a_request_to_other_communes_does_not_show(client, world):
    ask(world.city, world.haiphong, number=99, month=5, communes=[world.tanky.commune])
    client.force_login(world.commune)
    assert "99/SKHCN-TTTT" not in client.get(reverse("reports:index")).content.decode()


def test_the_commune_sees_where_its_answer_stands(client, world, request_q2):
    client.force_login(world.commune)
    submission = send(world, request_q2)
    text = client.get(reverse("reports:index")).content.decode()
    assert "Đã gửi chờ duyệt" in text and "còn 5 ngày" not in text
    review(world.city, submission, accept=False, reason="Thiếu số liệu lớp học số.")
    text = client.get(reverse("reports:index")).content.decode()
    assert "Trả lại</span>: Thiếu số liệu lớp học số." in text and "còn 5 ngày" in text
    send(world, request_q2)
    review(world.city, Submission.objects.get(), accept=True)
    assert "Đã tiếp nhận" in client.get(reverse("reports:index")).content.decode()


def test_the_commune_sees_the_reminders_it_received(client, world, request_q2):
    remind_late(world.city, request_q2, "Đề nghị xã gửi báo cáo ngay.")
    client.force_login(world.commune)
    text = client.get(reverse("reports:index")).content.decode()
    assert "Thành phố nhắc ngày 20/05/2026: Đề nghị xã gửi báo cáo ngay." in text


def test_the_index_takes_the_same_queries_for_many_requests(
    client, world, request_q2, django_assert_max_num_queries
):
    def add_requests(numbers):
        for number in numbers:
            request = ask(world.city, world.haiphong, number=number, month=5)
            send(world, request)
            remind_late(world.city, request)

    client.force_login(world.commune)
    # One request answered and reminded, then six: the page asks the same questions.
    add_requests([1])
    client.get(reverse("reports:index"))
    with django_assert_max_num_queries(20) as before:
        client.get(reverse("reports:index"))
    add_requests(range(2, 7))
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("reports:index"))


def test_the_officer_sends_an_issued_report_to_the_city(client, world, request_q2):
    report = issued_report(world.chiminh.commune, request_q2)
    client.force_login(world.commune)
    url = reverse("reports:detail", args=[report.pk])
    text = client.get(url).content.decode()
    assert "Gửi thành phố" in text
    assert f'<option value="{request_q2.pk}" selected>' in text
    response = client.post(
        reverse("city:submit", args=[report.pk]), {"request": request_q2.pk}, follow=True
    )
    text = response.content.decode()
    assert "Đã gửi báo cáo tới thành phố" in text and "Đã gửi chờ duyệt" in text
    submission = Submission.objects.get()
    assert (submission.report, submission.status) == (report, SubmissionStatus.SUBMITTED)
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT


def test_a_draft_cannot_be_sent(client, world, request_q2):
    draft = create_report(world.chiminh.commune, request=request_q2, report_date=ISSUED)
    client.force_login(world.commune)
    assert (
        'id="submit-to-city"'
        not in client.get(reverse("reports:detail", args=[draft.pk])).content.decode()
    )
    response = client.post(
        reverse("city:submit", args=[draft.pk]), {"request": request_q2.pk}, follow=True
    )
    assert "Hãy ban hành báo cáo" in response.content.decode()
    assert not Submission.objects.exists()


def test_an_accepted_report_is_locked(client, world, request_q2):
    review(world.city, send(world, request_q2), accept=True)
    another = issued_report(world.chiminh.commune, request_q2)
    client.force_login(world.commune)
    # The request is answered: the form no longer offers it.
    assert (
        'id="submit-to-city"'
        not in client.get(reverse("reports:detail", args=[another.pk])).content.decode()
    )
    response = client.post(
        reverse("city:submit", args=[another.pk]), {"request": request_q2.pk}, follow=True
    )
    assert "không gửi lại được" in response.content.decode()
    assert Submission.objects.get().report != another


def test_a_request_to_another_commune_is_refused(client, world, request_q2):
    theirs = ask(world.city, world.haiphong, number=99, month=5, communes=[world.tanky.commune])
    report = issued_report(world.chiminh.commune, request_q2)
    client.force_login(world.commune)
    response = client.post(
        reverse("city:submit", args=[report.pk]), {"request": theirs.pk}, follow=True
    )
    assert "Yêu cầu này không gửi tới xã Chí Minh." in response.content.decode()
    response = client.post(reverse("city:submit", args=[report.pk]), {"request": "x"}, follow=True)
    assert "Hãy chọn yêu cầu báo cáo" in response.content.decode()
    assert not Submission.objects.exists()


def test_another_commune_or_the_city_cannot_send_the_report(client, world, request_q2):
    report = issued_report(world.chiminh.commune, request_q2)
    client.force_login(world.outsider)
    url = reverse("city:submit", args=[report.pk])
    assert client.post(url, {"request": request_q2.pk}).status_code == 404
    client.force_login(world.city)
    assert client.post(url, {"request": request_q2.pk}).status_code == 403
    assert not Submission.objects.exists()
