"""hocvuso.core.mail: notifications are queued after the commit and sent by the worker, one
message an address, never failing a change."""

import logging
import smtplib

import pytest
from django.core.mail import EmailMultiAlternatives
from django.db import OperationalError, transaction
from django_tasks_db.models import DBTaskResult

from hocvuso.core.mail import send_later
from hocvuso.testing import run_tasks

pytestmark = pytest.mark.django_db


class Boom(Exception):
    pass


def test_a_mail_leaves_only_when_the_transaction_commits(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            send_later(
                "Lịch trực", "Nội dung", ["a@example.vn", "b@example.vn", "", "a@example.vn"]
            )
            assert mailoutbox == []
    # Queued, and sent by the worker.
    assert mailoutbox == [] and DBTaskResult.objects.count() == 1
    run_tasks()
    # Each address its own message: nobody sees the others'.
    assert [m.to for m in mailoutbox] == [["a@example.vn"], ["b@example.vn"]]
    assert "vui lòng không trả lời" in mailoutbox[0].body


def test_nothing_is_mailed_when_the_transaction_rolls_back(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Boom), transaction.atomic():
            send_later("Lịch trực", "Nội dung", ["a@example.vn"])
            raise Boom
    run_tasks()
    assert mailoutbox == [] and not DBTaskResult.objects.exists()


def test_a_failing_mail_server_is_logged_without_the_address_and_breaks_nothing(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(message, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({"a@example.vn": (550, b"no")})

    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        send_later("Lịch trực", "Nội dung", ["a@example.vn"])
    with caplog.at_level(logging.WARNING):
        run_tasks()
    assert "SMTPRecipientsRefused" in caplog.text
    assert "a@example.vn" not in caplog.text


def test_a_queue_that_cannot_be_written_breaks_nothing(
    monkeypatch, caplog, mailoutbox, django_capture_on_commit_callbacks
):
    def down(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(DBTaskResult.objects, "create", down)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        send_later("Lịch trực", "Nội dung", ["a@example.vn"])
    assert "database is locked" in caplog.text and mailoutbox == []
