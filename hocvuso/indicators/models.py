"""Indicators (chỉ số) with their values per commune and period, and targets."""

from decimal import Decimal

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from hocvuso.core.citizen_data import NoCitizenData
from hocvuso.core.models import TimeStamped
from hocvuso.core.scoping import ScopedManager
from hocvuso.units.models import Unit, commune_key


class IndicatorKind(models.TextChoices):
    SHARE = "share", _("Tỷ lệ (tử số/mẫu số)")
    COUNT = "count", _("Số lượng")


class Indicator(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên chỉ số"), max_length=250)
    kind = models.CharField(_("loại"), max_length=8, choices=IndicatorKind.choices)
    numerator_label = models.CharField(_("tử số là"), max_length=150, blank=True)
    denominator_label = models.CharField(_("mẫu số là"), max_length=150, blank=True)
    unit_label = models.CharField(
        _("đơn vị tính"), max_length=30, default="%", help_text=_("Ví dụ: %, hộ, người")
    )
    default_source = models.CharField(_("nguồn số liệu"), max_length=150, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("chỉ số")
        verbose_name_plural = _("chỉ số")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class IndicatorValue(TimeStamped):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ số"), on_delete=models.PROTECT, related_name="values"
    )
    commune = commune_key(
        related_name="indicator_values",
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    numerator = models.DecimalField(
        _("tử số"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("mẫu số"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    value = models.DecimalField(
        _("giá trị"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Với chỉ số tỷ lệ, giá trị (%) được tính từ tử số và mẫu số."),
    )
    is_estimate = models.BooleanField(
        _("số ước tính"), default=False, help_text=_("Báo cáo sẽ ghi “khoảng”.")
    )
    source = models.CharField(_("nguồn số liệu"), max_length=150, blank=True)
    note = models.CharField(
        _("ghi chú"), max_length=250, blank=True, validators=[NoCitizenData("Ghi chú")]
    )

    objects = ScopedManager()
    scope_paths = {"commune": "commune"}
    shared_with_commune = True

    class Meta:
        verbose_name = _("giá trị chỉ số")
        verbose_name_plural = _("giá trị chỉ số")
        ordering = ["indicator", "-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "commune", "period_start", "period_end"],
                name="unique_indicator_value_per_period",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="indicator_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(numerator__isnull=True)
                | models.Q(denominator__isnull=True)
                | models.Q(numerator__lte=models.F("denominator")),
                name="indicator_numerator_not_above_denominator",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} — {self.commune}"

    def clean(self):
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
        if self.indicator_id and self.indicator.kind == IndicatorKind.SHARE:
            if self.denominator is None or self.denominator <= 0:
                errors["denominator"] = _("Chỉ số tỷ lệ cần mẫu số lớn hơn 0.")
            if self.numerator is None or self.numerator < 0:
                errors["numerator"] = _("Chỉ số tỷ lệ cần tử số không âm.")
            elif self.denominator and self.numerator > self.denominator:
                errors["numerator"] = _("Tử số không được lớn hơn mẫu số.")
        elif self.indicator_id and self.value is None:
            errors["value"] = _("Hãy nhập giá trị.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.numerator is not None and self.denominator:
            self.value = (Decimal(self.numerator) * 100 / Decimal(self.denominator)).quantize(
                Decimal("0.01")
            )
        super().save(*args, **kwargs)


class Target(TimeStamped):
    """A target for an indicator set for a province or a commune for a year."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ số"), on_delete=models.PROTECT, related_name="targets"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("năm"))
    value = models.DecimalField(_("chỉ tiêu"), max_digits=12, decimal_places=2)
    source = models.CharField(
        _("căn cứ"), max_length=150, blank=True, help_text=_("Ví dụ: Kế hoạch số 01-KH/BCĐTW")
    )

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "year"], name="unique_target")
        ]

    def __str__(self):
        return f"{self.indicator} — {self.unit} — {self.year}"


auditlog.register(Indicator)
auditlog.register(IndicatorValue)
auditlog.register(Target)
