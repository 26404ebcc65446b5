"""The duty roster: places, their opening hours, shifts, who is on them, leave and swaps."""

import datetime
import secrets

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hocvuso.core.audit import prepare_logged
from hocvuso.core.bulk import run_statements
from hocvuso.core.citizen_data import NoCitizenData
from hocvuso.core.models import TimeStamped
from hocvuso.core.scoping import ScopedManager
from hocvuso.units.models import Unit, commune_key, village_key

WEEKDAYS = [
    (0, _("Thứ Hai")),
    (1, _("Thứ Ba")),
    (2, _("Thứ Tư")),
    (3, _("Thứ Năm")),
    (4, _("Thứ Sáu")),
    (5, _("Thứ Bảy")),
    (6, _("Chủ nhật")),
]
# Office hours of a commune service centre: Monday to Friday, morning and afternoon.
DEFAULT_HOURS = [
    (datetime.time(7, 30), datetime.time(11, 30)),
    (datetime.time(13, 30), datetime.time(17, 0)),
]


class PlaceKind(models.TextChoices):
    # Neutral labels; a commune's pages name its own (`units.facts.local_choices`).
    SERVICE_CENTRE = "centre", _("Trung tâm phục vụ hành chính công")
    CULTURAL_HOUSE = "cultural_house", _("Nhà văn hóa")
    OTHER = "other", _("Nơi khác")


class DutyPlace(TimeStamped):
    commune = commune_key(
        related_name="duty_places",
    )
    village = village_key(
        related_name="village_duty_places",
    )
    kind = models.CharField(
        _("loại"), max_length=16, choices=PlaceKind.choices, default=PlaceKind.SERVICE_CENTRE
    )
    name = models.CharField(_("tên"), max_length=150)
    address = models.CharField(_("địa chỉ"), max_length=250, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    objects = ScopedManager()
    scope_paths = {"commune": "commune"}
    shared_with_commune = True

    class Meta:
        verbose_name = _("địa điểm trực")
        verbose_name_plural = _("địa điểm trực")
        ordering = ["commune", "kind", "name"]

    def __str__(self):
        return self.name

    def add_default_hours(self, members_needed: int = 2) -> None:
        """The office hours of DEFAULT_HOURS from Monday to Friday, where the place has no
        shift starting then; with their audit entries (the author is the context's)."""
        have = set(self.hours.values_list("weekday", "starts"))
        missing = [
            OpeningHours(
                place=self, weekday=weekday, starts=start, ends=end, members_needed=members_needed
            )
            for weekday in range(5)
            for start, end in DEFAULT_HOURS
            if (weekday, start) not in have
        ]
        run_statements(prepare_logged(None, missing))


class OpeningHours(models.Model):
    """One shift of a weekday at a place, e.g. Monday 07:30–11:30, two members."""

    place = models.ForeignKey(
        DutyPlace, on_delete=models.CASCADE, related_name="hours", verbose_name=_("địa điểm")
    )
    weekday = models.PositiveSmallIntegerField(_("thứ"), choices=WEEKDAYS)
    starts = models.TimeField(_("từ"))
    ends = models.TimeField(_("đến"))
    members_needed = models.PositiveSmallIntegerField(
        _("số người trực"), default=2, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )

    class Meta:
        verbose_name = _("giờ trực")
        verbose_name_plural = _("giờ trực")
        ordering = ["place", "weekday", "starts"]
        constraints = [
            models.UniqueConstraint(fields=["place", "weekday", "starts"], name="one_shift_start"),
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")), name="hours_end_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def clean(self):
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": _("Giờ kết thúc phải sau giờ bắt đầu.")})


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Ngày nghỉ lễ")
    WORKDAY = "workday", _("Ngày làm bù")


class CalendarException(TimeStamped):
    """A holiday or make-up working day an officer adds (the government announces them late)."""

    commune = commune_key(
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_exceptions",
        help_text=_("Để trống nếu áp dụng cho mọi xã, phường."),
    )
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=8, choices=DayKind.choices)
    name = models.CharField(_("tên"), max_length=150)
    works_as = models.PositiveSmallIntegerField(
        _("làm việc như"),
        choices=WEEKDAYS,
        default=0,
        help_text=_("Ngày làm bù dùng giờ trực của thứ này."),
    )

    class Meta:
        verbose_name = _("ngày nghỉ lễ, làm bù")
        verbose_name_plural = _("ngày nghỉ lễ, làm bù")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "date"], name="one_exception_per_day"),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.name}"


class Leave(TimeStamped):
    member = models.ForeignKey(
        "teams.Member",
        on_delete=models.CASCADE,
        related_name="leaves",
        verbose_name=_("thành viên"),
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    reason = models.CharField(
        _("lý do"), max_length=150, blank=True, validators=[NoCitizenData("Lý do")]
    )

    objects = ScopedManager()
    scope_paths = {
        "commune": "member__commune",
        "team": "member__memberships__team",
        "member": "member",
    }
    scope_through_many = True

    class Meta:
        verbose_name = _("nghỉ phép, bận")
        verbose_name_plural = _("nghỉ phép, bận")
        ordering = ["-starts_on"]

    def __str__(self):
        return f"{self.member} {self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class Shift(models.Model):
    place = models.ForeignKey(
        DutyPlace, on_delete=models.CASCADE, related_name="shifts", verbose_name=_("địa điểm")
    )
    commune = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="shifts",
        editable=False,
        verbose_name=_("xã, phường"),
    )
    starts_at = models.DateTimeField(_("bắt đầu"), db_index=True)
    ends_at = models.DateTimeField(_("kết thúc"))
    members_needed = models.PositiveSmallIntegerField(_("số người trực"), default=2)

    objects = ScopedManager()
    scope_paths = {"commune": "commune"}
    shared_with_commune = True

    class Meta:
        verbose_name = _("ca trực")
        verbose_name_plural = _("ca trực")
        ordering = ["starts_at", "place"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "starts_at"], name="one_shift_per_place_start"
            ),
        ]

    def __str__(self):
        from django.utils import timezone

        start = timezone.localtime(self.starts_at)
        end = timezone.localtime(self.ends_at)
        return f"{self.place} {start:%d/%m/%Y %H:%M}–{end:%H:%M}"

    def save(self, *args, **kwargs):
        self.commune_id = self.place.commune_id
        super().save(*args, **kwargs)


class Assignment(TimeStamped):
    """One member on one shift; a check-in records that the shift was held."""

    shift = models.ForeignKey(
        Shift, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("ca trực")
    )
    member = models.ForeignKey(
        "teams.Member",
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("thành viên"),
    )
    checked_in_at = models.DateTimeField(_("có mặt lúc"), null=True, blank=True)

    objects = ScopedManager()
    scope_paths = {
        "commune": "shift__commune",
        "team": "member__memberships__team",
        "member": "member",
    }
    scope_through_many = True

    class Meta:
        verbose_name = _("phân công trực")
        verbose_name_plural = _("phân công trực")
        ordering = ["shift__starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["shift", "member"], name="one_member_once_per_shift"),
        ]

    def __str__(self):
        return f"{self.member} — {self.shift}"


class SwapStatus(models.TextChoices):
    REQUESTED = "requested", _("Chờ người được đề nghị đồng ý")
    ACCEPTED = "accepted", _("Chờ tổ trưởng duyệt")
    APPROVED = "approved", _("Đã đổi ca")
    DECLINED = "declined", _("Người được đề nghị từ chối")
    REJECTED = "rejected", _("Tổ trưởng không duyệt")
    CANCELLED = "cancelled", _("Đã hủy")


class SwapRequest(TimeStamped):
    """A member offers their shift for another member's; the other accepts; the leader approves."""

    requester = models.ForeignKey(
        "teams.Member",
        on_delete=models.CASCADE,
        related_name="swaps_asked",
        verbose_name=_("người đề nghị"),
    )
    give = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="+", verbose_name=_("ca nhường")
    )
    take = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="+", verbose_name=_("ca nhận")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SwapStatus.choices, default=SwapStatus.REQUESTED
    )
    message = models.CharField(
        _("lời nhắn"), max_length=250, blank=True, validators=[NoCitizenData("Lời nhắn")]
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    decided_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)

    objects = ScopedManager()
    scope_paths = {
        "commune": "requester__commune",
        "team": "requester__memberships__team",
        "member": "requester",
    }
    scope_through_many = True

    class Meta:
        verbose_name = _("đề nghị đổi ca")
        verbose_name_plural = _("đề nghị đổi ca")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.requester}: {self.give.shift} ⇄ {self.take.shift}"


def new_calendar_secret() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a member's ICS feed; resetting it cuts off old subscribers."""

    member = models.OneToOneField(
        "teams.Member", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    secret = models.CharField(max_length=64, unique=True, default=new_calendar_secret)
    reset_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lịch cá nhân (ICS)")
        verbose_name_plural = _("lịch cá nhân (ICS)")

    def __str__(self):
        return str(self.member)


for model in (DutyPlace, OpeningHours, CalendarException, Leave, Shift, Assignment, SwapRequest):
    auditlog.register(model)
auditlog.register(CalendarFeed, exclude_fields=["secret"])
