"""Issue, use and revoke API tokens. The admin, the API and tests all call these."""

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hocvuso.core.audit import acting_as

from .models import ApiToken

SECRET_PREFIX = "hvs_"
PREFIX_LENGTH = 10
# Writing last_used_at on every request would turn each read into a write;
# once a minute is precise enough to tell a token that is in use.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    # A secret of 256 random bits cannot be guessed, so a fast hash is enough:
    # a slow password hash would only slow down every API request.
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def issue_token(user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; the secret is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Hãy đặt tên cho mã truy cập, ví dụ “Điện thoại của Lan”."})
    if len(name) > 100:
        raise ValidationError({"name": "Tên tối đa 100 ký tự."})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with acting_as(user):
        token = ApiToken.objects.create(
            user=user, name=name, prefix=secret[:PREFIX_LENGTH], hashed=hash_secret(secret)
        )
    return token, secret


def revoke_token(token: ApiToken, by_user) -> ApiToken:
    """Revoke a token: its owner and administrators may; revoking twice changes nothing."""
    if not (by_user.is_superuser or token.user_id == by_user.pk):
        raise PermissionDenied("Bạn chỉ thu hồi được mã truy cập của mình.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        with acting_as(by_user):
            token.save(update_fields=["revoked_at"])
    return token


def token_for_secret(secret: str) -> ApiToken | None:
    """The token that `secret` belongs to, revoked or not; None if there is none."""
    if not secret or not secret.startswith(SECRET_PREFIX):
        return None
    # With the user come what nearly every call reads next: an officer's unit, or a member's
    # record with their commune and its province (the scope, the place words, the checks of
    # a new visit), in this one query rather than three or four more.
    found = ApiToken.objects.select_related("user__unit", "user__member__commune__parent")
    try:
        token = found.get(hashed=hash_secret(secret))  # unique: no order to sort by
    except ApiToken.DoesNotExist:
        return None
    if token.revoked_at is None:
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            # An update, not a save: a use is not a change worth an audit entry.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
    return token
