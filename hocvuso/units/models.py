"""Administrative units: province/city → commune (xã, phường, đặc khu) → village.

Provinces and communes are the official ones of the 2025 reform, loaded from
the `vietnam-provinces` package (`manage.py load_units`); villages are added
per commune. Units keep their history: the dates they were valid, and the
units they were merged from, so that a record made for a former commune still
rolls up to the commune that absorbed it.
"""

import datetime

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from hocvuso.core.models import TimeStamped
from hocvuso.core.scoping import ScopedManager

REFORM_DATE = datetime.date(2025, 7, 1)


class Level(models.TextChoices):
    PROVINCE = "province", _("Tỉnh/thành phố")
    COMMUNE = "commune", _("Xã/phường/đặc khu")
    VILLAGE = "village", _("Thôn, bản, tổ dân phố")


class Kind(models.TextChoices):
    # Province level
    TINH = "tinh", _("Tỉnh")
    THANH_PHO = "thanh_pho", _("Thành phố trực thuộc trung ương")
    # Commune level
    XA = "xa", _("Xã")
    PHUONG = "phuong", _("Phường")
    DAC_KHU = "dac_khu", _("Đặc khu")
    # Village level: the word differs by region.
    THON = "thon", _("Thôn")
    TO_DAN_PHO = "to_dan_pho", _("Tổ dân phố")
    XOM = "xom", _("Xóm")
    AP = "ap", _("Ấp")
    BAN = "ban", _("Bản")
    BUON = "buon", _("Buôn")
    KHU_PHO = "khu_pho", _("Khu phố")


LEVEL_OF_KIND = {
    Kind.TINH: Level.PROVINCE,
    Kind.THANH_PHO: Level.PROVINCE,
    Kind.XA: Level.COMMUNE,
    Kind.PHUONG: Level.COMMUNE,
    Kind.DAC_KHU: Level.COMMUNE,
}
PARENT_LEVEL = {Level.COMMUNE: Level.PROVINCE, Level.VILLAGE: Level.COMMUNE}


def lineage_ids(ids: set[int]) -> set[int]:
    """The given unit ids and those of every unit merged into them, transitively."""
    seen = set(ids)
    frontier = set(ids)
    through = Unit.merged_from.through
    while frontier:
        rows = through.objects.filter(from_unit_id__in=frontier).values_list(
            "to_unit_id", flat=True
        )
        frontier = set(rows) - seen
        seen |= frontier
    return seen


class Unit(TimeStamped):
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices, db_index=True)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    code = models.CharField(
        _("mã"),
        max_length=20,
        help_text=_("Mã đơn vị hành chính chính thức; thôn được đánh mã theo xã, ví dụ 11131-01."),
    )
    name = models.CharField(
        _("tên"),
        max_length=120,
        help_text=_("Tên đầy đủ, có loại đơn vị: “Xã …”, “Phường …”, “Thôn …”."),
    )
    short_name = models.CharField(
        _("tên ngắn"),
        max_length=100,
        help_text=_("Tên không có loại đơn vị, như người ta vẫn gọi."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hết hiệu lực"), null=True, blank=True)
    merged_from = models.ManyToManyField(
        "self",
        verbose_name=_("hợp nhất từ"),
        symmetrical=False,
        blank=True,
        related_name="merged_into",
        help_text=_("Các đơn vị cũ đã sáp nhập vào đơn vị này."),
    )

    objects = ScopedManager()
    scope_paths = {"commune": "commune_scope_id"}

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "code"]
        constraints = [
            # Province and commune codes are separate series: 1 is both Hà Nội
            # and a ward of it.
            models.UniqueConstraint(fields=["level", "code"], name="unique_unit_code_per_level"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_dates_in_order",
            ),
        ]

    # A unit is scoped by the commune it belongs to: a commune by itself, a
    # village by its parent. Provinces are visible to officers of the city.
    commune_scope = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="+",
    )

    def __str__(self):
        return self.name

    def clean(self):
        expected_parent = PARENT_LEVEL.get(self.level)
        if expected_parent is None:
            if self.parent_id:
                raise ValidationError({"parent": _("Tỉnh/thành phố không trực thuộc đơn vị nào.")})
        elif not self.parent_id or self.parent.level != expected_parent:
            raise ValidationError(
                {
                    "parent": _("%(level)s phải trực thuộc một %(parent)s.")
                    % {"level": self.get_level_display(), "parent": Level(expected_parent).label}
                }
            )
        if self.kind in LEVEL_OF_KIND and LEVEL_OF_KIND[self.kind] != self.level:
            raise ValidationError({"kind": _("Loại đơn vị không khớp với cấp.")})
        if self.level == Level.VILLAGE and self.kind in LEVEL_OF_KIND:
            raise ValidationError({"kind": _("Loại đơn vị không khớp với cấp.")})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày hiệu lực.")})

    def save(self, *args, **kwargs):
        if self.level == Level.COMMUNE:
            if self.pk is None:
                # The row must exist before it can point at itself.
                self.commune_scope = None
                super().save(*args, **kwargs)
                self.commune_scope = self
                return super().save(update_fields=["commune_scope"])
            self.commune_scope = self
        elif self.level == Level.VILLAGE:
            self.commune_scope_id = self.parent_id
        else:
            self.commune_scope = None
        return super().save(*args, **kwargs)

    def is_valid_on(self, day: datetime.date) -> bool:
        starts = self.valid_from is None or self.valid_from <= day
        ends = self.valid_to is None or day <= self.valid_to
        return starts and ends

    def lineage_ids(self) -> set[int]:
        """This unit's id and the ids of every unit merged into it, transitively.

        Records made for a former unit roll up to the unit that absorbed it by
        filtering on these ids.
        """
        return lineage_ids({self.pk})

    def current(self) -> "Unit":
        """The unit that holds this one's records today (itself if never merged)."""
        unit = self
        visited = {unit.pk}
        while True:
            successor = unit.merged_into.order_by("-valid_from").first()
            if successor is None or successor.pk in visited:
                return unit
            visited.add(successor.pk)
            unit = successor

    def communes(self):
        """The communes under this unit, former ones included (for a province)."""
        if self.level == Level.COMMUNE:
            return Unit.objects.filter(pk__in=self.lineage_ids())
        if self.level == Level.PROVINCE:
            direct = Unit.objects.filter(
                level=Level.COMMUNE, parent_id__in=self.lineage_ids()
            ).values_list("pk", flat=True)
            return Unit.objects.filter(pk__in=lineage_ids(set(direct)))
        return Unit.objects.filter(pk=self.parent_id)

    @property
    def commune(self):
        if self.level == Level.COMMUNE:
            return self
        if self.level == Level.VILLAGE:
            return self.parent
        return None

    @property
    def province(self):
        if self.level == Level.PROVINCE:
            return self
        if self.level == Level.COMMUNE:
            return self.parent
        return self.parent.parent if self.parent else None


def _unit_key(level: str, verbose_name, field=models.ForeignKey, **options):
    """A record's unit of one level: protected by default, offering units of that level only."""
    options.setdefault("on_delete", models.PROTECT)
    options.setdefault("limit_choices_to", {"level": level})
    return field(Unit, verbose_name=verbose_name, **options)


PROVINCE_LABEL = _("tỉnh/thành phố")
COMMUNE_LABEL = _("xã, phường")
VILLAGE_LABEL = _("thôn, tổ dân phố")


def province_key(verbose_name=PROVINCE_LABEL, **options):
    return _unit_key(Level.PROVINCE, verbose_name, **options)


def commune_key(verbose_name=COMMUNE_LABEL, **options):
    return _unit_key(Level.COMMUNE, verbose_name, **options)


def village_key(verbose_name=VILLAGE_LABEL, **options):
    """A record's village, which it may not have (a record of the whole commune)."""
    options.setdefault("null", True)
    options.setdefault("blank", True)
    return _unit_key(Level.VILLAGE, verbose_name, **options)


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a text box."""
    return [line.strip() for line in (text or "").replace("\r", "").split("\n") if line.strip()]


class UnitSettings(TimeStamped):
    """A commune's or a province's own facts, which its reports and pages name.

    Every field may stay empty: the unit's words then give a default that names
    no other place ("Trung tâm Phục vụ hành chính công phường", "Sở Khoa học và
    Công nghệ tỉnh Điện Biên"). A commune without its own local apps or
    programmes takes its province's.
    """

    unit = models.OneToOneField(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="settings",
        limit_choices_to={"level__in": [Level.PROVINCE, Level.COMMUNE]},
    )
    service_centre = models.CharField(
        _("tên trung tâm phục vụ hành chính công"),
        max_length=150,
        blank=True,
        help_text=_("Để trống để dùng tên chung, ví dụ “Trung tâm Phục vụ hành chính công xã”."),
    )
    portal = models.CharField(
        _("tên cổng thông tin điện tử"),
        max_length=150,
        blank=True,
        help_text=_("Để trống để dùng tên chung, ví dụ “Cổng thông tin điện tử xã”."),
    )
    local_apps = models.TextField(
        _("ứng dụng số của địa phương"),
        blank=True,
        help_text=_(
            "Mỗi dòng một ứng dụng mà báo cáo nhắc tới, ví dụ “ứng dụng Công dân số …”. "
            "Xã để trống thì dùng danh sách của tỉnh/thành phố."
        ),
    )
    programmes = models.TextField(
        _("chương trình, đề án gắn với phong trào"),
        blank=True,
        default="Đề án 06",
        help_text=_("Mỗi dòng một chương trình, đề án; xã để trống thì dùng của tỉnh/thành phố."),
    )
    department = models.CharField(
        _("tên Sở nhận báo cáo"),
        max_length=150,
        blank=True,
        help_text=_("Để trống để dùng “Sở Khoa học và Công nghệ” kèm tên tỉnh/thành phố."),
    )
    department_short = models.CharField(
        _("tên Sở viết tắt"),
        max_length=60,
        blank=True,
        help_text=_("Dùng ở nơi nhận, ví dụ “Sở KH&CN tỉnh”."),
    )

    objects = ScopedManager()
    scope_paths = {"commune": "unit__commune_scope_id"}

    class Meta:
        verbose_name = _("thiết lập của đơn vị")
        verbose_name_plural = _("thiết lập của đơn vị")

    def __str__(self):
        return str(self.unit)


# The unit's own fields only: the diff of a new row would otherwise read every reverse
# one-to-one of Unit (its settings, its report's settings), a query each per village
# created, for values that are always empty then.
auditlog.register(
    Unit,
    m2m_fields={"merged_from"},
    include_fields=[f.name for f in Unit._meta.concrete_fields],
)
auditlog.register(UnitSettings)
