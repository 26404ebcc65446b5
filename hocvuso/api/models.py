"""Personal API tokens: a phone or a script acts as its user, until the token is revoked."""

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def default_expiry():
    """API_TOKEN_DAYS from now: a lost phone's token stops working on its own."""
    return timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DAYS)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("tên"), max_length=100, help_text=_("Ví dụ: Điện thoại của Lan, máy tính của cơ quan.")
    )
    # The secret is shown once, when the token is issued; only its SHA-256
    # hash is kept, and its first characters so that a user can tell tokens apart.
    prefix = models.CharField(_("bắt đầu bằng"), max_length=12, editable=False)
    hashed = models.CharField(_("mã băm"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("hết hạn lúc"), default=default_expiry, editable=False)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


auditlog.register(ApiToken, exclude_fields=["hashed", "last_used_at"])
