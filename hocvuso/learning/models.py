"""Learning: digital classes held, and participation in online courses."""

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from hocvuso.core.citizen_data import NoCitizenData
from hocvuso.core.models import TimeStamped
from hocvuso.core.scoping import ScopedManager
from hocvuso.units.models import commune_key, province_key, village_key
from hocvuso.units.words import not_in_commune


class LearnerGroup(models.TextChoices):
    OFFICIALS = "officials", _("Cán bộ, công chức, viên chức")
    TEACHERS = "teachers", _("Giáo viên")
    STUDENTS = "students", _("Học sinh")
    CITIZENS = "citizens", _("Người dân")


class Platform(models.Model):
    """An online learning platform, e.g. binhdanhocvuso.gov.vn."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên nền tảng"), max_length=150)
    url = models.URLField(_("địa chỉ"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    province = province_key(
        verbose_name=_("của tỉnh/thành phố"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="learning_platforms",
        help_text=_("Để trống nếu nền tảng dùng chung cả nước."),
    )

    class Meta:
        verbose_name = _("nền tảng học tập")
        verbose_name_plural = _("nền tảng học tập")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class DigitalClass(TimeStamped):
    commune = commune_key(
        related_name="digital_classes",
    )
    village = village_key(
        related_name="village_digital_classes",
    )
    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("tổ tổ chức"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    member = models.ForeignKey(
        "teams.Member",
        verbose_name=_("người hướng dẫn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    held_on = models.DateField(_("ngày học"))
    topic = models.CharField(_("chủ đề"), max_length=250, validators=[NoCitizenData("Chủ đề")])
    location = models.CharField(
        _("địa điểm"), max_length=150, blank=True, validators=[NoCitizenData("Địa điểm")]
    )
    officials = models.PositiveIntegerField(_("cán bộ, công chức"), default=0)
    teachers = models.PositiveIntegerField(_("giáo viên"), default=0)
    students = models.PositiveIntegerField(_("học sinh"), default=0)
    citizens = models.PositiveIntegerField(_("người dân"), default=0)

    objects = ScopedManager()
    scope_paths = {"commune": "commune", "team": "team", "member": "member"}

    class Meta:
        verbose_name = _("lớp học số")
        verbose_name_plural = _("lớp học số")
        ordering = ["-held_on"]

    def __str__(self):
        return self.topic

    @property
    def attendees(self) -> int:
        return self.officials + self.teachers + self.students + self.citizens

    def clean(self):
        if self.attendees == 0:
            raise ValidationError(_("Lớp học phải có ít nhất một người tham gia."))
        if self.village_id and self.commune_id and self.village.parent_id != self.commune_id:
            raise ValidationError({"village": not_in_commune(self.village, self.commune)})


class CourseParticipation(TimeStamped):
    """How many of one group took courses on one platform in a period."""

    commune = commune_key(
        related_name="course_participations",
    )
    platform = models.ForeignKey(Platform, verbose_name=_("nền tảng"), on_delete=models.PROTECT)
    group = models.CharField(_("đối tượng"), max_length=10, choices=LearnerGroup.choices)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    participants = models.PositiveIntegerField(_("số người tham gia"))
    completed = models.PositiveIntegerField(_("số người hoàn thành"), null=True, blank=True)
    source = models.CharField(_("nguồn số liệu"), max_length=150, blank=True)

    objects = ScopedManager()
    scope_paths = {"commune": "commune"}
    shared_with_commune = True

    class Meta:
        verbose_name = _("tham gia khóa học trực tuyến")
        verbose_name_plural = _("tham gia khóa học trực tuyến")
        ordering = ["-period_end", "platform", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "platform", "group", "period_start", "period_end"],
                name="unique_course_participation",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="course_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.platform} — {self.get_group_display()}"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Ngày kết thúc phải sau ngày bắt đầu.")})
        if self.completed is not None and self.participants is not None:
            if self.completed > self.participants:
                raise ValidationError(
                    {"completed": _("Số người hoàn thành không được lớn hơn số người tham gia.")}
                )


auditlog.register(Platform)
auditlog.register(DigitalClass)
auditlog.register(CourseParticipation)
