"""Every request carries the signed-in user's scope; officers' sessions end when idle and
some hours after signing in, and a session that must pass the second factor is sent to it
before any page."""

import datetime
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .scoping import scope_for
from .second_factor import has_device, must_verify, needs_second_factor

# When the officer's session last served a page (seconds since the epoch).
LAST_SEEN_KEY = "hocvuso_last_seen"
# Writing the session on every page would turn each read into a write; a minute is enough.
LAST_SEEN_PRECISION = 60


class ScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: scope_for(request.user))
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="hocvuso-idle-clock")
def _start_session_clocks(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[LAST_SEEN_KEY] = int(time.time())
    hours = settings.OFFICER_SESSION_HOURS
    if hours > 0 and needs_second_factor(user):
        # A moment, not a number of seconds: the session's later writes do not move it.
        request.session.set_expiry(timezone.now() + datetime.timedelta(hours=hours))


class SignInMiddleware:
    """After django-otp's OTPMiddleware: the idle timeout, then the second factor."""

    # Pages a session may open before its second factor: the factor's own, and leaving.
    OPEN_BEFORE_SECOND_FACTOR = (
        "accounts:second_factor_setup",
        "accounts:second_factor_verify",
        "logout",
        "login",
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self.open_paths: set[str] | None = None

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and needs_second_factor(user) and self._idle(request):
            request.signed_out_idle = True
            logout(request)
            query = urlencode({"next": request.get_full_path(), "het_phien": 1})
            return redirect(f"{reverse(settings.LOGIN_URL)}?{query}")
        if must_verify(request) and not self._open(request.path):
            return self._to_second_factor(request)
        return self.get_response(request)

    def _idle(self, request) -> bool:
        limit = settings.SESSION_IDLE_MINUTES * 60
        if limit <= 0:
            return False
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        if last_seen is not None and now - last_seen > limit:
            return True
        if last_seen is None or now - last_seen >= LAST_SEEN_PRECISION:
            request.session[LAST_SEEN_KEY] = now
        return False

    def _open(self, path: str) -> bool:
        if self.open_paths is None:
            self.open_paths = {reverse(name) for name in self.OPEN_BEFORE_SECOND_FACTOR}
        return path in self.open_paths or path.startswith(settings.STATIC_URL)

    def _to_second_factor(self, request):
        message = "Cần xác thực hai bước trước khi dùng trang này."
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=403)
        name = "second_factor_verify" if has_device(request.user) else "second_factor_setup"
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('accounts:' + name)}?{query}")
