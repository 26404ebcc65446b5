"""The security log of signing in, and the page of a locked-out sign-in.

Every sign-in, failed attempt, lockout and sign-out leaves a `SignInEvent` row with the time
(UTC in the database), the name as typed and the client's address; the second factor's pages
(`accounts/second_factor.py`) record theirs through `record` too. The receivers below are
connected in `AccountsConfig.ready`.
"""

import re

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import render

from hocvuso.core.clients import client_ip

from .models import SignInEvent, SignInEventKind

# Control characters (CR, LF, tab…) would let a typed name forge a line of the log.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str | None, limit: int = 150) -> str:
    """A typed name as one printable line, cut to `limit` characters."""
    return _CONTROL.sub(" ", str(text or ""))[:limit]


def record(kind: SignInEventKind, request=None, user=None, username: str = "", by=None):
    """Add a row to the security log; the account's name is used when none was typed."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if not username and user is not None:
        username = user.get_username()
    return SignInEvent.objects.create(
        kind=kind,
        user=user,
        username=one_line(username),
        ip_address=client_ip(request) if request is not None else None,
        by=by,
    )


@receiver(user_logged_in, dispatch_uid="hocvuso-signed-in")
def _signed_in(sender, request, user, **kwargs):
    record(SignInEventKind.SIGNED_IN, request, user)


@receiver(user_login_failed, dispatch_uid="hocvuso-sign-in-failed")
def _failed(sender, credentials, request=None, **kwargs):
    # `credentials` has the password masked by Django; only the name is kept.
    record(SignInEventKind.FAILED, request, username=credentials.get("username", ""))


@receiver(user_locked_out, dispatch_uid="hocvuso-locked-out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record(SignInEventKind.LOCKED_OUT, request, username=username or "")


@receiver(user_logged_out, dispatch_uid="hocvuso-signed-out")
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        idle = getattr(request, "signed_out_idle", False)
        record(SignInEventKind.IDLE_OUT if idle else SignInEventKind.SIGNED_OUT, request, user)


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: 429, in Vietnamese; JSON for the API."""
    message = (
        f"Đăng nhập sai quá nhiều lần. Tài khoản này tạm thời không đăng nhập được "
        f"từ máy của bạn; vui lòng thử lại sau {cooloff_minutes()} phút."
    )
    status = settings.AXES_HTTP_RESPONSE_CODE
    wants_json = request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )
    if wants_json:
        return JsonResponse({"detail": message}, status=status)
    return render(request, "accounts/locked_out.html", {"message": message}, status=status)
