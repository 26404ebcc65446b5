"""Close the logins nobody has used for INACTIVE_DAYS days (45 by default).

Decree 331/2026 asks a level-2 system to disable accounts inactive 45 days. Run it daily.
A login never used counts from the day it was made, so that a new account has its 45 days
to be opened. Administrators are left alone: closing the last one would lock everyone out;
they are few and reviewed by hand. An officer or an administrator opens a closed login again
in the admin (Người dùng → Đang hoạt động).
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from hocvuso.core.audit import audit_context


def inactive_users(now: datetime.datetime | None = None):
    since = (now or timezone.now()) - datetime.timedelta(days=settings.INACTIVE_DAYS)
    return get_user_model().objects.filter(
        Q(last_login__lt=since) | Q(last_login__isnull=True, date_joined__lt=since),
        is_active=True,
        is_superuser=False,
    )


def deactivate_inactive(now: datetime.datetime | None = None) -> list[str]:
    """The usernames closed; each closing leaves an audit entry with its reason."""
    reason = f"Khóa tự động: không đăng nhập {settings.INACTIVE_DAYS} ngày."
    closed = []
    for user in inactive_users(now):
        with audit_context(additional_data={"reason": reason}):
            user.is_active = False
            user.save(update_fields=["is_active"])
        closed.append(user.username)
    return closed


class Command(BaseCommand):
    help = "Khóa tài khoản không đăng nhập quá INACTIVE_DAYS ngày."

    def handle(self, *args, **options):
        closed = deactivate_inactive()
        self.stdout.write(
            f"Đã khóa {len(closed)} tài khoản không đăng nhập quá {settings.INACTIVE_DAYS} ngày."
        )
