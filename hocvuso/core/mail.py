"""The notifications hocvuso mails: one function sends them all, after the change is saved.

Every notification (a city's request or reminder to the communes' officers, a change of a
member's duty roster) goes through `send_later`. The mail is queued only when the transaction
that made the change commits (a change rolled back mails nothing), and the worker sends it. A failure is logged without
the address and never breaks the page, the API call or the command that made the change.

Messages are in Vietnamese, plain text, and carry no citizen's data: numbers, dates, places
and a link to the page (`site_url`), nothing from a support visit.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.urls import reverse
from django_tasks import task

log = logging.getLogger(__name__)

FOOTER = "\n\n--\nThư này được gửi tự động từ phần mềm Bình dân học vụ số; vui lòng không trả lời."


def site_url(view_name: str, *args) -> str:
    """The page's full address under SITE_URL, for a link in a mail."""
    return settings.SITE_URL + reverse(view_name, args=args)


def send_later(subject: str, body: str, recipients: Iterable[str], html: str = "") -> None:
    """Mail `subject` and `body` to each address once the current transaction commits.

    This is the only way hocvuso sends a notification: keep it so. It enqueues a background
    task (`send_task`, run by `manage.py worker`) rather than sending from the request: a slow
    mail server never holds a page. Each address gets its own message, so that no one sees
    the others'. Empty addresses are skipped. A queue that cannot be written is logged
    (robust) and breaks nothing.
    """
    addresses = sorted({a.strip() for a in recipients if a and a.strip()})
    if not addresses:
        return
    transaction.on_commit(
        lambda: send_task.enqueue(subject, body + FOOTER, addresses, html), robust=True
    )


@task()
def send_task(subject: str, body: str, addresses: list[str], html: str = "") -> int:
    """The worker's side of `send_later`. Run again after its worker died, it may mail twice:
    rarely, and better than not at all."""
    return send_now(subject, body, addresses, html)


def send_now(subject: str, body: str, addresses: list[str], html: str = "") -> int:
    """Send one message to each address; return how many left. Failures are only logged."""
    sent = 0
    for address in addresses:
        message = EmailMultiAlternatives(subject, body, to=[address])
        if html:
            message.attach_alternative(html, "text/html")
        try:
            sent += message.send()
        except Exception as error:  # noqa: BLE001 — a mail server's failure never breaks a change
            # Without the address: the log is kept a year and read by the administrators.
            log.warning("notification mail %r not sent: %s", subject, type(error).__name__)
    return sent
