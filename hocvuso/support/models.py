"""Support visits (lượt hỗ trợ) and the catalogue of services they give.

A visit keeps no identity of the citizen by default (Luật Bảo vệ dữ liệu cá
nhân 91/2025/QH15): only a coarse profile (gender, age band, elderly,
disability) that the report's figures need.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hocvuso.core.citizen_data import NoCitizenData
from hocvuso.core.models import TimeStamped
from hocvuso.core.scoping import ScopedManager
from hocvuso.units.models import commune_key, province_key, village_key
from hocvuso.units.words import not_in_commune


class ServiceQuerySet(models.QuerySet):
    def usable_in(self, province_ids):
        """The national services and those of the given provinces: what their communes log."""
        return self.filter(models.Q(province__isnull=True) | models.Q(province_id__in=province_ids))


class Service(models.Model):
    """One entry of the managed catalogue; a province adds its own apps on its settings page."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên dịch vụ"), max_length=150)
    short_name = models.CharField(_("tên ngắn"), max_length=40)
    description = models.TextField(_("mô tả"), blank=True)
    province = province_key(
        verbose_name=_("chỉ dùng ở tỉnh/thành phố"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu dịch vụ dùng chung cả nước."),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("dịch vụ hỗ trợ")
        verbose_name_plural = _("danh mục dịch vụ hỗ trợ")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Place(models.TextChoices):
    # Neutral labels; a commune's pages name its own (`units.facts.local_choices`).
    SERVICE_CENTRE = "centre", _("Trung tâm phục vụ hành chính công")
    CULTURAL_HOUSE = "cultural_house", _("Nhà văn hóa")
    HOME = "home", _("Tại nhà người dân")
    ONLINE = "online", _("Trực tuyến, qua điện thoại")
    SCHOOL = "school", _("Trường học")
    OTHER = "other", _("Nơi khác")


class Gender(models.TextChoices):
    UNKNOWN = "unknown", _("Không ghi")
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")
    MIXED = "mixed", _("Cả nam và nữ (nhóm)")


class AgeBand(models.TextChoices):
    UNKNOWN = "unknown", _("Không ghi")
    UNDER_18 = "under_18", _("Dưới 18 tuổi")
    FROM_18_TO_39 = "18_39", _("18–39 tuổi")
    FROM_40_TO_59 = "40_59", _("40–59 tuổi")
    FROM_60 = "60_plus", _("Từ 60 tuổi")
    MIXED = "mixed", _("Nhiều độ tuổi (nhóm)")


class Outcome(models.TextChoices):
    DONE = "done", _("Hoàn thành")
    PARTLY = "partly", _("Hoàn thành một phần")
    REFERRED = "referred", _("Chuyển nơi khác xử lý")


class SupportVisit(TimeStamped):
    commune = commune_key(
        related_name="support_visits",
    )
    village = village_key(
        related_name="village_support_visits",
    )
    team = models.ForeignKey(
        "teams.Team",
        verbose_name=_("tổ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_visits",
    )
    member = models.ForeignKey(
        "teams.Member",
        verbose_name=_("người hỗ trợ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_visits",
    )
    occurred_at = models.DateTimeField(_("thời gian"), db_index=True)
    place = models.CharField(_("nơi hỗ trợ"), max_length=16, choices=Place.choices)
    services = models.ManyToManyField(Service, verbose_name=_("dịch vụ"), related_name="visits")
    people = models.PositiveIntegerField(
        _("số người"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Buổi hướng dẫn nhóm: ghi số người được hỗ trợ."),
    )
    gender = models.CharField(
        _("giới tính"), max_length=8, choices=Gender.choices, default=Gender.UNKNOWN
    )
    age_band = models.CharField(
        _("độ tuổi"), max_length=8, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    elderly = models.BooleanField(_("người cao tuổi"), default=False)
    disability = models.BooleanField(_("người khuyết tật"), default=False)
    outcome = models.CharField(
        _("kết quả"), max_length=10, choices=Outcome.choices, default=Outcome.DONE
    )
    note = models.CharField(
        _("ghi chú"),
        max_length=250,
        blank=True,
        help_text=_("Không ghi họ tên, số định danh hay số điện thoại của người dân."),
        validators=[NoCitizenData("Ghi chú")],
    )
    # The duty shift the member had checked in to when the visit was logged.
    assignment = models.ForeignKey(
        "roster.Assignment",
        verbose_name=_("ca trực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visits",
        editable=False,
    )
    # Made on the phone that logged the visit, so that a resend after a lost
    # connection never creates a second record.
    client_key = models.UUIDField(_("mã gửi"), null=True, blank=True, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )

    objects = ScopedManager()
    scope_paths = {"commune": "commune", "team": "team", "member": "member"}

    class Meta:
        verbose_name = _("lượt hỗ trợ")
        verbose_name_plural = _("lượt hỗ trợ")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["commune", "occurred_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(people__gte=1), name="visit_people_positive")
        ]

    def __str__(self):
        return _("Lượt hỗ trợ %(id)s") % {"id": self.pk or ""}

    def clean(self):
        if self.village_id and self.commune_id and self.village.parent_id != self.commune_id:
            raise ValidationError({"village": not_in_commune(self.village, self.commune)})
        if self.team_id and self.commune_id and self.team.commune_id != self.commune_id:
            raise ValidationError({"team": not_in_commune(self.team, self.commune)})
        if self.age_band == AgeBand.FROM_60:
            self.elderly = True


class PlaceCounts(models.Model):
    """The counts of a commune's visits at one kind of place, over a day or a month."""

    commune = commune_key(related_name="+")
    place = models.CharField(_("nơi hỗ trợ"), max_length=16, choices=Place.choices)
    visits = models.IntegerField(_("lượt hỗ trợ"), default=0)
    people = models.IntegerField(_("người dân được hỗ trợ"), default=0)
    elderly_people = models.IntegerField(_("người cao tuổi"), default=0)
    disability_people = models.IntegerField(_("người khuyết tật"), default=0)
    female_people = models.IntegerField(_("nữ"), default=0)
    male_people = models.IntegerField(_("nam"), default=0)

    class Meta:
        abstract = True


class ServiceCounts(models.Model):
    """The counts of a commune's visits that gave one service, over a day or a month."""

    commune = commune_key(related_name="+")
    service = models.ForeignKey(
        Service, verbose_name=_("dịch vụ"), on_delete=models.PROTECT, related_name="+"
    )
    visits = models.IntegerField(_("lượt hỗ trợ"), default=0)
    people = models.IntegerField(_("người dân được hỗ trợ"), default=0)

    class Meta:
        abstract = True


class DailyTotal(PlaceCounts):
    """The visits of one commune on one local day at one kind of place, counted.

    Kept in step with the visits in the same transaction as each write
    (`support.totals`), so that the province's and the nation's live figures read a
    few rows a commune and day instead of every visit. `manage.py check_daily_totals`
    compares them with the visits. Signed: a difference shows as a wrong figure
    there rather than as a write that fails.
    """

    day = models.DateField(_("ngày"))

    class Meta:
        verbose_name = _("số liệu hỗ trợ theo ngày")
        verbose_name_plural = _("số liệu hỗ trợ theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["commune", "day", "place"], name="daily_total_key")
        ]
        # The national figures read every commune's days of a period.
        indexes = [models.Index(fields=["day"], name="daily_total_day")]

    def __str__(self):
        return f"{self.commune_id} {self.day:%d/%m/%Y} {self.place}"


class DailyServiceTotal(ServiceCounts):
    """The visits of one commune on one local day that gave one service, counted."""

    day = models.DateField(_("ngày"))

    class Meta:
        verbose_name = _("số liệu dịch vụ theo ngày")
        verbose_name_plural = _("số liệu dịch vụ theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "day", "service"], name="daily_service_total_key"
            )
        ]
        indexes = [models.Index(fields=["day"], name="daily_service_total_day")]

    def __str__(self):
        return f"{self.commune_id} {self.day:%d/%m/%Y} {self.service_id}"


class MonthlyTotal(PlaceCounts):
    """The visits of one commune in one local month at one kind of place: the sums of its
    `DailyTotal` rows, kept by the same writes in the same transaction, so that a year of
    the whole country is a few hundred thousand rows rather than millions of days."""

    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))

    class Meta:
        verbose_name = _("số liệu hỗ trợ theo tháng")
        verbose_name_plural = _("số liệu hỗ trợ theo tháng")
        constraints = [
            models.UniqueConstraint(fields=["commune", "month", "place"], name="monthly_total_key")
        ]
        indexes = [models.Index(fields=["month"], name="monthly_total_month")]

    def __str__(self):
        return f"{self.commune_id} {self.month:%m/%Y} {self.place}"


class MonthlyServiceTotal(ServiceCounts):
    """The visits of one commune in one local month that gave one service, counted."""

    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))

    class Meta:
        verbose_name = _("số liệu dịch vụ theo tháng")
        verbose_name_plural = _("số liệu dịch vụ theo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "month", "service"], name="monthly_service_total_key"
            )
        ]
        indexes = [models.Index(fields=["month"], name="monthly_service_total_month")]

    def __str__(self):
        return f"{self.commune_id} {self.month:%m/%Y} {self.service_id}"


auditlog.register(Service)
auditlog.register(SupportVisit, m2m_fields={"services"})
