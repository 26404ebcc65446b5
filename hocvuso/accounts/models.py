"""Users and the role that binds each to a part of the data.

- a Ministry officer works for the Ministry (Bộ Khoa học và Công nghệ) and reads every
  province and commune, bound to no unit (see `UserRole.MINISTRY_OFFICER`);
- a city officer works for a province/city and sees all of its communes;
- a commune officer sees one commune;
- a team leader sees the teams they lead (through their `Member` record);
- a team member sees their own records.
"""

import hashlib

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hocvuso.units.models import Level
from hocvuso.units.words import kind_word


class UserRole(models.TextChoices):
    """A user's role. Neutral labels; a page says "Cán bộ phường", "Cán bộ tỉnh"
    (`User.role_label`).

    The Ministry's officer has a role and no unit. The Ministry is not an administrative
    unit: units are the official provinces, communes and villages (loaded from the official
    list, each with its code, parent and merge history), and a national "unit" would need an
    invented code and a level that every `level=PROVINCE` query, `PARENT_LEVEL` rule and
    unit count would have to step around. What the Ministry needs is a reach (every
    province, read-only: `accounts.scoping`) and a name for its documents, which comes from
    settings (`MINISTRY_NAME`), as the province's Department comes from its settings.
    """

    MINISTRY_OFFICER = "ministry", _("Cán bộ Bộ")
    CITY_OFFICER = "city", _("Cán bộ tỉnh, thành phố")
    COMMUNE_OFFICER = "commune", _("Cán bộ xã, phường")
    TEAM_LEADER = "leader", _("Tổ trưởng")
    TEAM_MEMBER = "member", _("Tổ viên")


class Role(models.TextChoices):
    """A member's role in a team; accounts holds it because a leader's scope follows from it."""

    LEADER = "leader", _("Tổ trưởng")
    DEPUTY = "deputy", _("Tổ phó")
    MEMBER = "member", _("Tổ viên")


ROLE_UNIT_LEVEL = {UserRole.CITY_OFFICER: Level.PROVINCE, UserRole.COMMUNE_OFFICER: Level.COMMUNE}


class User(AbstractUser):
    role = models.CharField(
        _("vai trò"), max_length=10, choices=UserRole.choices, default=UserRole.TEAM_MEMBER
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
        help_text=_("Tỉnh, thành phố (cán bộ tỉnh) hoặc xã, phường (cán bộ xã, phường)."),
    )
    # The officer's own mobile number, as the province wrote it down when it made the account;
    # a team member's number stays on their `Member` record.
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    @property
    def role_label(self) -> str:
        """ "Cán bộ phường", "Cán bộ tỉnh": an officer's role in their unit's word."""
        if self.role in ROLE_UNIT_LEVEL and self.unit is not None:
            return f"Cán bộ {kind_word(self.unit.kind)}"
        return self.get_role_display()

    def clean(self):
        super().clean()
        if self.role == UserRole.MINISTRY_OFFICER and self.unit is not None:
            raise ValidationError({"unit": _("Cán bộ Bộ không gắn với đơn vị hành chính nào.")})
        level = ROLE_UNIT_LEVEL.get(self.role)
        if level and (self.unit is None or self.unit.level != level):
            raise ValidationError(
                {
                    "unit": _("Vai trò này cần một đơn vị cấp %(level)s.")
                    % {"level": Level(level).label}
                }
            )


def token_hash(token: str) -> str:
    """What is kept of a one-time link's token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


class SetupLinkQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class SetupLink(models.Model):
    """A one-time link to set one's password: for a new account, or for a forgotten password.

    The token is shown (or mailed) once and kept only as a hash; a link is used once and
    expires (`accounts.services.issue_setup_link`, `set_password_with_link`).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="setup_links",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("cấp lúc"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("đã dùng lúc"), null=True, blank=True)

    objects = SetupLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("liên kết đặt mật khẩu")
        verbose_name_plural = _("liên kết đặt mật khẩu")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} · {self.created_at:%d/%m/%Y %H:%M}"


# Passwords are never recorded, not even hashed; nor are the links' token hashes.
auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(SetupLink, exclude_fields=["token_hash"])


class SignInEventKind(models.TextChoices):
    SIGNED_IN = "signed_in", _("Đăng nhập")
    FAILED = "failed", _("Đăng nhập sai")
    LOCKED_OUT = "locked_out", _("Bị tạm khóa")
    SIGNED_OUT = "signed_out", _("Đăng xuất")
    IDLE_OUT = "idle_out", _("Hết phiên vì không dùng")
    MFA_SETUP = "mfa_setup", _("Cài xác thực hai bước")
    MFA_VERIFIED = "mfa_verified", _("Xác thực hai bước")
    MFA_FAILED = "mfa_failed", _("Mã xác thực sai")
    MFA_CODES = "mfa_codes", _("Tạo lại mã dự phòng")
    MFA_RESET = "mfa_reset", _("Xóa xác thực hai bước")


class SignInEvent(models.Model):
    """One sign-in, failure, lockout, sign-out or second-factor event: when, who, from where.

    Kept for the security log (Decree 330 Art. 34: login time and address, 90 days at least);
    rows are only ever added (`accounts.signin.record`), never changed or deleted in use, and
    never hold a password.
    """

    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    kind = models.CharField(_("sự kiện"), max_length=20, choices=SignInEventKind.choices)
    # The name as typed, made one line and cut short: a failed attempt may name nobody.
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    # Who did it, when it is not the account itself (an administrator resetting a device).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sự kiện đăng nhập")
        verbose_name_plural = _("nhật ký đăng nhập")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.username}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Nhật ký đăng nhập chỉ được thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Nhật ký đăng nhập không được xóa.")
