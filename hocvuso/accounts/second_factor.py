"""The second factor: a code from an authenticator app (TOTP), or a one-time recovery code.

Officers and administrators must pass it before any page when `OTP_REQUIRED` is on (the
default unless DEBUG); team leaders and members may set one up, and once they have, they
pass it too. Whether a session passed it is django-otp's `request.user.is_verified()`.
The pages are in `second_factor_views.py`; `SignInMiddleware` sends a session there.
"""

from base64 import b32encode

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hocvuso.core.qr import qr_svg as qr

from .models import SignInEventKind, UserRole
from .signin import record

RECOVERY_CODES = 10
APP_NAME = "Ứng dụng xác thực"
CODES_NAME = "Mã dự phòng"
# Set at sign-in: the account has a second factor, so this session must pass it.
HAS_DEVICE_KEY = "hocvuso_has_device"


def needs_second_factor(user) -> bool:
    """Officers and administrators: those who see a commune's or a province's data."""
    return (
        user.is_staff
        or user.is_superuser
        or user.role in (UserRole.MINISTRY_OFFICER, UserRole.CITY_OFFICER, UserRole.COMMUNE_OFFICER)
    )


def must_verify(request) -> bool:
    """The signed-in session has yet to pass the second factor, and must."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    if settings.OTP_REQUIRED and needs_second_factor(user):
        return True
    return bool(request.session.get(HAS_DEVICE_KEY))


def has_device(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_app(user) -> TOTPDevice:
    """The authenticator app being set up: a new secret, until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


def manual_key(device: TOTPDevice) -> str:
    """The secret in groups of four letters, for typing into an app without a camera."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    return qr(device.config_url, title="Mã QR cho ứng dụng xác thực")


def new_recovery_codes(user, request=None) -> list[str]:
    """Ten new one-time recovery codes; those given before stop working."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=CODES_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    if request is not None:
        record(SignInEventKind.MFA_CODES, request, user)
    return codes


def confirm_app(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code it shows; the session counts as verified. The recovery
    codes, shown once; None if the code is wrong."""
    user = request.user
    if device.user_id != user.pk or not device.verify_token(_digits(code)):
        record(SignInEventKind.MFA_FAILED, request, user)
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    request.session[HAS_DEVICE_KEY] = True
    record(SignInEventKind.MFA_SETUP, request, user)
    return new_recovery_codes(user)


def verify(request, code: str) -> bool:
    """Check a code from the app, or a recovery code (used up), and mark the session."""
    user = request.user
    code = "".join(code.split()).lower()
    # Six digits come from the app, anything else is a recovery code: a wrong guess
    # slows down (throttles) only the device it was meant for.
    kind = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if isinstance(device, kind) and device.verify_token(code):
                otp_login(request, device)
                record(SignInEventKind.MFA_VERIFIED, request, user)
                return True
    record(SignInEventKind.MFA_FAILED, request, user)
    return False


def reset(user, by, request=None) -> None:
    """Remove the account's app and recovery codes: it sets up a new app at its next page."""
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
    record(SignInEventKind.MFA_RESET, request, user, by=by if by != user else None)


@receiver(user_logged_in, dispatch_uid="hocvuso-second-factor-at-sign-in")
def _remember_device(sender, request, user, **kwargs):
    # Read once at sign-in rather than on every page: a member who set up an app
    # passes it too.
    if request is not None and hasattr(request, "session"):
        request.session[HAS_DEVICE_KEY] = has_device(user)


def _digits(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())
