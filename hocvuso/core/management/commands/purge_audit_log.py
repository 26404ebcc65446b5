"""Keep the audit trail as long as the law asks, and its phone numbers no longer than needed.

Run it daily (cron or a systemd timer). Entries older than AUDIT_RETENTION_DAYS (365 by
default: TCVN 14423 keeps security logs 12 months; Decree 330 asks 90 days of sign-ins) are
deleted. Before that, the phone numbers an entry quotes (a member's number as it was changed)
are blanked once the entry is AUDIT_PHONE_DAYS old (90 by default): the trail keeps who changed
what and when, not the number itself.
"""

import datetime

from auditlog.models import LogEntry
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from hocvuso.core.citizen_data import PHONE

REDACTED = "[đã xóa]"
MARK = "phones_redacted"

# Other logs kept as long as the audit trail, as (model, its time field); the apps that hold
# them add themselves in their ready() (the sign-in log of accounts).
LOGS_KEPT_AS_LONG: list[tuple[type, str]] = []


def keep_as_long_as_the_audit_trail(model, time_field: str) -> None:
    LOGS_KEPT_AS_LONG.append((model, time_field))


def blank_phones(value):
    """`value` (a text, or a JSON list or dict of them) with its phone numbers blanked."""
    if isinstance(value, str):
        return PHONE.sub(REDACTED, value)
    if isinstance(value, list):
        return [blank_phones(v) for v in value]
    if isinstance(value, dict):
        return {k: blank_phones(v) for k, v in value.items()}
    return value


def purge(now: datetime.datetime | None = None) -> tuple[int, int]:
    """(entries deleted, entries whose phones were blanked)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _ = LogEntry.objects.filter(timestamp__lt=cutoff).delete()
    for model, time_field in LOGS_KEPT_AS_LONG:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # The append-only logs let the purge, and nothing else, delete their rows.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL hocvuso.purging = 'on'")
            deleted += model.objects.filter(**{f"{time_field}__lt": cutoff}).delete()[0]
    old = LogEntry.objects.filter(
        Q(additional_data__isnull=True) | ~Q(additional_data__has_key=MARK),
        timestamp__lt=now - datetime.timedelta(days=settings.AUDIT_PHONE_DAYS),
    )
    blanked = 0
    with transaction.atomic():
        for entry in old.iterator(chunk_size=2000):
            entry.changes = blank_phones(entry.changes)
            entry.changes_text = blank_phones(entry.changes_text or "")
            entry.serialized_data = blank_phones(entry.serialized_data)
            entry.object_repr = blank_phones(entry.object_repr)
            extra = entry.additional_data if isinstance(entry.additional_data, dict) else {}
            entry.additional_data = {**extra, MARK: True}
            entry.save(
                update_fields=[
                    "changes",
                    "changes_text",
                    "serialized_data",
                    "object_repr",
                    "additional_data",
                ]
            )
            blanked += 1
    return deleted, blanked


class Command(BaseCommand):
    help = "Xóa nhật ký thay đổi quá hạn lưu; xóa số điện thoại trong nhật ký cũ."

    def handle(self, *args, **options):
        deleted, blanked = purge()
        self.stdout.write(
            f"Đã xóa {deleted} mục nhật ký quá {settings.AUDIT_RETENTION_DAYS} ngày; "
            f"đã xóa số điện thoại trong {blanked} mục quá {settings.AUDIT_PHONE_DAYS} ngày."
        )
