"""The city's requests and reminders mail the communes' officers who gave an address."""

import pytest
from django.db import transaction

from hocvuso.city.services import remind_late
from hocvuso.testing import run_tasks

from .requests import ask


@pytest.fixture
def addressed(world, settings):
    settings.SITE_URL = "https://hocvuso.example.gov.vn"
    world.commune.email = "xachiminh@example.vn"
    world.commune.save()
    # world.outsider, Tân Kỳ's officer, gave no address.
    return world


def test_a_request_mails_each_communes_officers_in_vietnamese(
    addressed, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = ask(addressed.city, addressed.haiphong, month=5)
    run_tasks()
    assert request.communes.count() >= 2
    [mail] = mailoutbox
    assert mail.to == ["xachiminh@example.vn"]
    assert mail.subject == "Yêu cầu báo cáo theo Công văn số 1885/SKHCN-TTTT — hạn 25/05/2026"
    assert "Kính gửi UBND xã Chí Minh," in mail.body
    # Nghị định 09/2019: the month of May runs from 15/04 to 14/05.
    assert "Kỳ báo cáo: từ ngày 15/04/2026 đến ngày 14/05/2026." in mail.body
    assert "Hạn gửi báo cáo: 25/05/2026." in mail.body
    assert "https://hocvuso.example.gov.vn/bao-cao/" in mail.body


def test_a_reminder_mails_the_late_communes_officers(
    addressed, mailoutbox, django_capture_on_commit_callbacks
):
    request = ask(addressed.city, addressed.haiphong, month=5)
    with django_capture_on_commit_callbacks(execute=True):
        reminders = remind_late(addressed.city, request)
    run_tasks()
    assert len(reminders) >= 2
    [mail] = mailoutbox
    assert mail.to == ["xachiminh@example.vn"]
    assert mail.subject == "Nhắc gửi báo cáo theo Công văn số 1885/SKHCN-TTTT — hạn 25/05/2026"
    assert "Đề nghị UBND xã gửi báo cáo theo Công văn số 1885/SKHCN-TTTT" in mail.body
    assert "trước ngày 25/05/2026" in mail.body


def test_a_request_rolled_back_mails_nobody(
    addressed, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            ask(addressed.city, addressed.haiphong, month=5)
            raise RuntimeError("the page failed after the request was made")
    run_tasks()
    assert mailoutbox == []
