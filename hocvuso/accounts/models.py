"""Users and the role that binds each to a part of the data.

- a city officer works for a province/city and sees all of its communes;
- a commune officer sees one commune;
- a team leader sees the teams they lead (through their `Member` record);
- a team member sees their own records.
"""

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from hocvuso.units.models import Level
from hocvuso.units.words import kind_word


class UserRole(models.TextChoices):
    # Neutral labels; a page says "Cán bộ phường", "Cán bộ tỉnh" (`User.role_label`).
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
        level = ROLE_UNIT_LEVEL.get(self.role)
        if level and (self.unit is None or self.unit.level != level):
            raise ValidationError(
                {
                    "unit": _("Vai trò này cần một đơn vị cấp %(level)s.")
                    % {"level": Level(level).label}
                }
            )


# Passwords are never recorded, not even hashed.
auditlog.register(User, exclude_fields=["password", "last_login"])
