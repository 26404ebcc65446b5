"""Communication activities (tuyên truyền) and the villages' Zalo groups."""

from auditlog.registry import auditlog
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hocvuso.core.citizen_data import NoCitizenData
from hocvuso.core.models import TimeStamped
from hocvuso.core.scoping import ScopedManager
from hocvuso.units.models import Unit, village_key


class Channel(models.TextChoices):
    LOUDSPEAKER = "loudspeaker", _("Loa phát thanh cơ sở")
    BULLETIN_BOARD = "bulletin", _("Bảng tin")
    PORTAL = "portal", _("Cổng thông tin điện tử")
    SOCIAL_MEDIA = "social", _("Mạng xã hội")
    SCHOOL = "school", _("Trường học")
    VILLAGE_MEETING = "meeting", _("Họp khu dân cư")
    ZALO = "zalo", _("Nhóm Zalo")
    EVENT = "event", _("Sự kiện, ngày hội")
    LEAFLET = "leaflet", _("Tờ rơi, pa-nô, áp phích")
    OTHER = "other", _("Khác")


class OutreachActivity(TimeStamped):
    commune = models.ForeignKey(
        Unit,
        verbose_name=_("xã, phường"),
        on_delete=models.PROTECT,
        related_name="outreach_activities",
    )
    village = village_key(
        related_name="village_outreach_activities",
    )
    team = models.ForeignKey(
        "teams.Team", verbose_name=_("tổ"), null=True, blank=True, on_delete=models.SET_NULL
    )
    member = models.ForeignKey(
        "teams.Member",
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    held_on = models.DateField(_("ngày"))
    channel = models.CharField(_("hình thức"), max_length=12, choices=Channel.choices)
    title = models.CharField(_("nội dung"), max_length=250, validators=[NoCitizenData("Nội dung")])
    times = models.PositiveIntegerField(
        _("số lần"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Ví dụ: phát 3 buổi loa trong ngày."),
    )
    reach = models.PositiveIntegerField(_("số người tiếp cận (ước tính)"), null=True, blank=True)

    objects = ScopedManager()
    scope_paths = {"commune": "commune", "team": "team", "member": "member"}

    class Meta:
        verbose_name = _("hoạt động tuyên truyền")
        verbose_name_plural = _("hoạt động tuyên truyền")
        ordering = ["-held_on"]

    def __str__(self):
        return self.title


class ZaloGroup(TimeStamped):
    commune = models.ForeignKey(
        Unit,
        verbose_name=_("xã, phường"),
        on_delete=models.PROTECT,
        related_name="zalo_groups",
        editable=False,
    )
    village = village_key(
        related_name="village_zalo_groups",
        null=False,
        blank=False,
    )
    team = models.ForeignKey(
        "teams.Team", verbose_name=_("tổ quản lý"), null=True, blank=True, on_delete=models.SET_NULL
    )
    name = models.CharField(_("tên nhóm"), max_length=150)
    link = models.URLField(_("đường dẫn tham gia"), blank=True)
    member_count = models.PositiveIntegerField(_("số thành viên"), default=0)
    counted_on = models.DateField(_("đếm ngày"), null=True, blank=True)

    objects = ScopedManager()
    scope_paths = {
        "commune": "commune",
        "team": "team",
        "member": "team__memberships__member",
    }
    scope_through_many = True

    class Meta:
        verbose_name = _("nhóm Zalo")
        verbose_name_plural = _("nhóm Zalo")
        ordering = ["village__code"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.commune_id = self.village.parent_id
        super().save(*args, **kwargs)


auditlog.register(OutreachActivity)
auditlog.register(ZaloGroup)
