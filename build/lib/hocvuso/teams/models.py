"""Community digital technology teams (tổ công nghệ số cộng đồng) and their members."""

import datetime

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hocvuso.accounts.models import Role
from hocvuso.core.models import TimeStamped
from hocvuso.core.scoping import ScopedManager, ScopedQuerySet
from hocvuso.units.models import Level, Unit, commune_key
from hocvuso.units.words import kind_word


class TeamLevel(models.TextChoices):
    COMMUNE = "commune", _("Tổ cấp xã, phường")
    VILLAGE = "village", _("Tổ cấp thôn, tổ dân phố")
    RAPID_RESPONSE = "rapid", _("Tổ ứng cứu (phản ứng nhanh)")


class Affiliation(models.TextChoices):
    YOUTH_UNION = "youth_union", _("Đoàn thanh niên")
    TEACHER = "teacher", _("Giáo viên")
    OFFICIAL = "official", _("Cán bộ, công chức")
    POLICE = "police", _("Công an")
    MILITARY = "military", _("Quân sự")
    WOMEN_UNION = "women_union", _("Hội Phụ nữ")
    VETERANS = "veterans", _("Hội Cựu chiến binh")
    VILLAGE_OFFICER = "village_officer", _("Cán bộ thôn, tổ dân phố")
    TELECOM = "telecom", _("Doanh nghiệp viễn thông, ngân hàng")
    VOLUNTEER = "volunteer", _("Tình nguyện viên")
    OTHER = "other", _("Khác")


phone_validator = RegexValidator(
    r"^(0|\+84)\d{9,10}$",
    _("Số điện thoại không hợp lệ (ví dụ 0912345678)."),
)


def normalize_phone(value: str) -> str:
    return "".join(ch for ch in (value or "") if ch.isdigit() or ch == "+")


class Team(TimeStamped):
    name = models.CharField(_("tên tổ"), max_length=150)
    level = models.CharField(_("cấp"), max_length=10, choices=TeamLevel.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("địa bàn phụ trách"),
        on_delete=models.PROTECT,
        related_name="teams",
        help_text=_("Xã, phường (tổ cấp xã, tổ ứng cứu) hoặc thôn, tổ dân phố (tổ cấp thôn)."),
    )
    commune = models.ForeignKey(
        Unit,
        verbose_name=_("xã, phường"),
        on_delete=models.PROTECT,
        related_name="commune_teams",
        editable=False,
    )
    active_from = models.DateField(_("thành lập ngày"), null=True, blank=True)
    active_to = models.DateField(_("ngừng hoạt động ngày"), null=True, blank=True)
    established_by = models.CharField(
        _("quyết định thành lập"),
        max_length=120,
        blank=True,
        help_text=_("Ví dụ: Quyết định số 120/QĐ-UBND ngày 20/8/2025"),
    )

    objects = ScopedManager()
    scope_paths = {"commune": "commune", "team": "pk", "member": "memberships__member"}
    scope_through_many = True

    class Meta:
        verbose_name = _("tổ công nghệ số cộng đồng")
        verbose_name_plural = _("tổ công nghệ số cộng đồng")
        ordering = ["commune", "level", "name"]

    def villages_to_choose(self):
        """A village team logs for its village; a commune team may name one of the commune's."""
        if self.level == TeamLevel.VILLAGE:
            return Unit.objects.none()
        return Unit.objects.filter(parent=self.commune, level=Level.VILLAGE).order_by("code")

    def __str__(self):
        return self.name

    def clean(self):
        if not self.unit_id:
            return
        if self.level == TeamLevel.VILLAGE and self.unit.level != Level.VILLAGE:
            raise ValidationError(
                {"unit": _("Tổ cấp thôn, tổ dân phố phải phụ trách một thôn, tổ dân phố.")}
            )
        if self.level != TeamLevel.VILLAGE and self.unit.level != Level.COMMUNE:
            raise ValidationError(
                {"unit": _("Tổ cấp xã, phường và tổ ứng cứu phụ trách một xã, phường.")}
            )
        if self.active_from and self.active_to and self.active_to < self.active_from:
            raise ValidationError({"active_to": _("Ngày ngừng phải sau ngày thành lập.")})

    def save(self, *args, **kwargs):
        self.commune = self.unit.commune
        super().save(*args, **kwargs)

    def is_active_on(self, day: datetime.date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )

    @property
    def level_label(self) -> str:
        """ "Tổ cấp phường", "Tổ cấp bản": the team's level in its unit's own word."""
        if self.level == TeamLevel.RAPID_RESPONSE:
            return self.get_level_display()
        return f"Tổ cấp {kind_word(self.unit.kind)}"

    @property
    def leader(self):
        membership = (
            self.memberships.open().filter(role=Role.LEADER).select_related("member").first()
        )
        return membership.member if membership else None


class Member(TimeStamped):
    """A person who serves in one or more teams; a user account is optional."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    commune = commune_key(
        related_name="members",
    )
    phone = models.CharField(
        _("số điện thoại"), max_length=15, blank=True, validators=[phone_validator]
    )
    publish_phone = models.BooleanField(
        _("công khai số điện thoại"),
        default=False,
        help_text=_("Chỉ khi thành viên đồng ý, số điện thoại mới hiện trên trang công khai."),
    )
    affiliation = models.CharField(
        _("lực lượng"), max_length=20, choices=Affiliation.choices, default=Affiliation.VOLUNTEER
    )
    position = models.CharField(_("chức vụ, đơn vị công tác"), max_length=150, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = ScopedManager()
    scope_paths = {"commune": "commune", "team": "memberships__team", "member": "pk"}
    scope_through_many = True

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.phone = normalize_phone(self.phone)
        super().save(*args, **kwargs)

    @property
    def first_name(self) -> str:
        """The given name, the last word of a Vietnamese full name."""
        return self.full_name.split()[-1] if self.full_name.strip() else ""


class MembershipQuerySet(ScopedQuerySet):
    def open(self):
        """Memberships that have not ended."""
        return self.filter(ended_on__isnull=True)

    def during(self, start, end):
        """Memberships that held on some day from `start` to `end`; `during(day, day)` on a day."""
        return self.filter(
            models.Q(started_on__isnull=True) | models.Q(started_on__lte=end),
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=start),
        )


class Membership(TimeStamped):
    team = models.ForeignKey(
        Team, verbose_name=_("tổ"), on_delete=models.CASCADE, related_name="memberships"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("thành viên"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    started_on = models.DateField(_("từ ngày"), null=True, blank=True)
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()
    scope_paths = {"commune": "team__commune", "team": "team", "member": "member"}

    class Meta:
        verbose_name = _("thành viên của tổ")
        verbose_name_plural = _("thành viên của tổ")
        ordering = ["team", "role", "member__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "member"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_membership_per_team",
            ),
            models.UniqueConstraint(
                fields=["team"],
                condition=models.Q(role="leader", ended_on__isnull=True),
                name="one_leader_per_team",
            ),
        ]

    def __str__(self):
        return f"{self.member} — {self.get_role_display()} — {self.team}"

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})
        if self.team_id and self.member_id and self.member.commune_id != self.team.commune_id:
            raise ValidationError({"member": _("Thành viên phải thuộc cùng xã, phường với tổ.")})


auditlog.register(Team)
auditlog.register(Member)
auditlog.register(Membership)
