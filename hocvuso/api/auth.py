"""Who is calling: a personal token, or the session of the signed-in phone page.

`AUTH` is the one authentication of the API, set on the whole API. A request
with `Authorization: Bearer <secret>` is the token's user and needs no CSRF
token (a browser never adds that header on its own). A request with the
session cookie is the signed-in user, and an unsafe method must carry the
CSRF token, as every form of the site does. Either way `request.scope` is the
caller's, as on every page: the routers of the capabilities below accounts
(`units/api.py`) read it there.
"""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer

from hocvuso.accounts.scoping import scope_for

from .services import token_for_secret


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = token_for_secret(token.strip())
        if found is None:
            raise AuthenticationError(message="Mã truy cập không đúng.")
        if found.revoked_at is not None:
            raise AuthenticationError(message="Mã truy cập này đã bị thu hồi.")
        if found.is_expired:
            raise AuthenticationError(
                message="Mã truy cập này đã hết hạn. Hãy tạo mã mới ở trang Tài khoản."
            )
        if not found.user.is_active:
            raise AuthenticationError(message="Tài khoản của mã truy cập này đã bị khóa.")
        request.user = found.user
        request.scope = SimpleLazyObject(lambda: scope_for(found.user))
        return found.user


class SessionAuth(APIKeyCookie):
    """ninja's `django_auth`, except that an anonymous request answers 401, not a CSRF 403."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        self._get_key(request)  # checks CSRF for unsafe methods; raises 403 when it fails
        return request.user

    def authenticate(self, request, key):  # pragma: no cover - __call__ decides
        return request.user if request.user.is_authenticated else None


session_auth = SessionAuth()
AUTH = [TokenAuth(), session_auth]
