"""Report requests from the city, the commune's report settings, and the register of reports."""

from pathlib import Path

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from hocvuso.core.formatting import vn_date
from hocvuso.core.jobs import FileJob
from hocvuso.core.models import TimeStamped
from hocvuso.core.periods import Period, PeriodKind
from hocvuso.core.scoping import ScopedManager
from hocvuso.units.facts import commune_facts, province_facts
from hocvuso.units.models import Level, Unit, commune_key, province_key


class RequestLevel(models.TextChoices):
    """Who issues a request, and so who answers it."""

    PROVINCE = "province", _("Tỉnh, thành phố gửi xã, phường")
    NATION = "nation", _("Bộ gửi tỉnh, thành phố")


class ReportRequestQuerySet(models.QuerySet):
    def to_commune(self, commune: Unit):
        """The requests sent to `commune`, the soonest deadline first."""
        return self.filter(communes=commune).order_by("deadline")

    def of_provinces(self):
        """The provinces' requests to their communes."""
        return self.filter(level=RequestLevel.PROVINCE)

    def national(self):
        """The Ministry's requests to the provinces."""
        return self.filter(level=RequestLevel.NATION)


class ReportRequest(TimeStamped):
    """A request that reports answer, e.g. Công văn 1885/SKHCN-TTTT: the province's to its
    communes, or the Ministry's to the provinces (`level`), with the same reporting periods.

    The units asked are in `communes` (read through `recipients`): communes for a province's
    request, provinces for the Ministry's. The name stays from the time only provinces asked;
    one relation for both keeps one completeness, one synthesis and one review loop
    (`hocvuso.city.services`) for both levels.
    """

    level = models.CharField(
        _("cấp gửi"), max_length=10, choices=RequestLevel.choices, default=RequestLevel.PROVINCE
    )
    province = province_key(
        related_name="report_requests",
        null=True,
        blank=True,
        help_text=_("Tỉnh, thành phố gửi yêu cầu; để trống với yêu cầu của Bộ."),
    )
    kind = models.CharField(_("loại văn bản"), max_length=30, default="Công văn")
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=40, help_text=_("Ví dụ: SKHCN-TTTT"))
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.CharField(
        _("cơ quan ban hành"),
        max_length=200,
        blank=True,
        help_text=_("Để trống để dùng tên Sở trong thiết lập của tỉnh/thành phố."),
    )
    subject = models.CharField(
        _("trích yếu"),
        max_length=300,
        default="về việc báo cáo kết quả triển khai phong trào “Bình dân học vụ số”",
    )
    period_kind = models.CharField(
        _("loại kỳ"), max_length=8, choices=PeriodKind.CHOICES, default=PeriodKind.CUSTOM
    )
    period_number = models.PositiveSmallIntegerField(_("tháng/quý"), null=True, blank=True)
    period_start = models.DateField(_("kỳ báo cáo từ ngày"))
    period_end = models.DateField(_("kỳ báo cáo đến ngày"))
    deadline = models.DateField(_("hạn gửi báo cáo"))
    communes = models.ManyToManyField(
        Unit,
        verbose_name=_("gửi tới"),
        blank=True,
        related_name="report_requests_received",
        limit_choices_to={"level__in": [Level.COMMUNE, Level.PROVINCE]},
        help_text=_(
            "Xã, phường, đặc khu (yêu cầu của tỉnh) hoặc tỉnh, thành phố (yêu cầu của Bộ); "
            "để trống khi tạo để gửi tất cả."
        ),
    )

    objects = ReportRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("yêu cầu báo cáo")
        verbose_name_plural = _("yêu cầu báo cáo")
        ordering = ["-issued_on"]
        constraints = [
            # A province's request names its province; the Ministry's names none.
            models.CheckConstraint(
                condition=models.Q(level="province", province__isnull=False)
                | models.Q(level="nation", province__isnull=True),
                name="request_issuer_matches_level",
            ),
        ]

    def __str__(self):
        return f"{self.kind} số {self.number_symbol} ngày {vn_date(self.issued_on)}"

    @property
    def number_symbol(self) -> str:
        return f"{self.number}/{self.symbol}"

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    @property
    def is_national(self) -> bool:
        return self.level == RequestLevel.NATION

    @property
    def recipients(self):
        """The units asked: communes for a province's request, provinces for the Ministry's."""
        return self.communes

    @property
    def recipient_level(self) -> str:
        return Level.PROVINCE if self.is_national else Level.COMMUNE

    def clean(self):
        self.fill_issuer()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Ngày kết thúc kỳ phải sau ngày bắt đầu.")})

    def fill_issuer(self) -> None:
        """A request without its issuer is the province's Department's, as its settings name
        it: whoever creates the request (the city's page, the admin, an import) gets it."""
        if not self.issuer and self.province_id:
            self.issuer = province_facts(self.province).department
        elif not self.issuer and self.is_national:
            self.issuer = settings.MINISTRY_NAME

    def save(self, *args, **kwargs):
        self.fill_issuer()
        super().save(*args, **kwargs)


class ReportSettings(TimeStamped):
    """What a commune's reports say about their issuer: header, signature, recipients."""

    commune = commune_key(
        verbose_name=_("xã, phường, đặc khu"),
        on_delete=models.CASCADE,
        related_name="report_settings",
        field=models.OneToOneField,
    )
    parent_agency = models.TextField(
        _("cơ quan chủ quản"),
        blank=True,
        help_text=_("Dòng trên tên cơ quan (nếu có), mỗi dòng một hàng."),
    )
    agency = models.TextField(
        _("tên cơ quan ban hành"),
        help_text=_("Mỗi dòng một hàng, viết hoa: “ỦY BAN NHÂN DÂN” rồi tên đơn vị."),
    )
    agency_short = models.CharField(
        _("tên viết tắt"),
        max_length=60,
        help_text=_("Tên cơ quan trong câu văn: “UBND” kèm loại và tên đơn vị."),
    )
    place_name = models.CharField(
        _("địa danh"), max_length=60, help_text=_("Ghi trước ngày tháng, thường là tên đơn vị.")
    )
    symbol = models.CharField(_("ký hiệu báo cáo"), max_length=30, default="BC-UBND")
    addressee = models.CharField(
        _("nơi báo cáo"),
        max_length=150,
        blank=True,
        help_text=_(
            "Dùng ở câu kết “… để [nơi báo cáo] được biết”; để trống để dùng tên Sở trong "
            "thiết lập của tỉnh/thành phố."
        ),
    )
    recipients = models.TextField(
        _("nơi nhận"),
        help_text=_("Mỗi dòng một nơi nhận; dòng cuối thường là “Lưu: VT”."),
    )
    signer_authority = models.CharField(
        _("thẩm quyền ký"), max_length=60, blank=True, help_text=_("Ví dụ: KT. CHỦ TỊCH")
    )
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=60, help_text=_("Ví dụ: PHÓ CHỦ TỊCH")
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=100)
    template = models.FileField(
        _("mẫu báo cáo riêng (.docx)"),
        upload_to="report-templates/",
        blank=True,
        help_text=_("Để trống để dùng mẫu chung theo Nghị định 30/2020/NĐ-CP."),
    )

    objects = ScopedManager()
    scope_paths = {"commune": "commune"}
    shared_with_commune = True

    class Meta:
        verbose_name = _("thiết lập báo cáo của đơn vị")
        verbose_name_plural = _("thiết lập báo cáo của đơn vị")

    def __str__(self):
        return str(self.commune)

    @classmethod
    def defaults_for(cls, commune: Unit) -> "ReportSettings":
        """Sensible settings for a commune that has saved none yet, in its own words:
        "UBND phường Hồng Bàng" reporting to its province's Department, never another place."""
        facts = commune_facts(commune)
        words = facts.words
        return cls(
            commune=commune,
            agency=f"ỦY BAN NHÂN DÂN\n{words.phrase.upper()}",
            agency_short=words.authority,
            place_name=commune.short_name,
            addressee=facts.department,
            recipients=f"{facts.department_short}\nLãnh đạo {words.authority_kind}\nLưu: VT",
            signer_authority="TM. ỦY BAN NHÂN DÂN",
            signer_title="CHỦ TỊCH",
            signer_name="",
        )


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    SENT = "sent", _("Đã gửi")
    # An issued report is never deleted: it is cancelled with a reason, its snapshot kept.
    CANCELLED = "cancelled", _("Đã hủy")


class Report(TimeStamped):
    """A unit's report: a commune's, or a province's answer to the Ministry (then `commune`
    holds the province, as a Department's `ReportSettings` does, and `source_request` the
    province's own request whose accepted answers it adds up)."""

    commune = commune_key(
        verbose_name=_("đơn vị báo cáo"),
        related_name="reports",
        limit_choices_to={"level__in": [Level.COMMUNE, Level.PROVINCE]},
    )
    source_request = models.ForeignKey(
        ReportRequest,
        verbose_name=_("tổng hợp từ yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="syntheses",
        editable=False,
        help_text=_("Báo cáo của tỉnh, thành phố: yêu cầu gửi các xã, phường được tổng hợp."),
    )
    request = models.ForeignKey(
        ReportRequest,
        verbose_name=_("trả lời yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    report_date = models.DateField(_("ngày báo cáo"))
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # Per section: {"override": text that replaces the generated text,
    # "addition": text added after it}; paragraphs separated by blank lines.
    narrative = models.JSONField(_("nội dung biên tập"), default=dict, blank=True)
    snapshot = models.JSONField(_("bản chốt số liệu"), null=True, blank=True, editable=False)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ban hành"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người hủy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    cancel_reason = models.TextField(_("lý do hủy"), blank=True, editable=False)

    objects = ScopedManager()
    scope_paths = {"commune": "commune"}

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("sổ báo cáo")
        ordering = ["-report_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "number"],
                name="one_report_number_per_year",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_in_order",
            ),
        ]

    def __str__(self):
        number = f"{self.number}/" if self.number else ""
        return f"Báo cáo {number}{self.get_status_display().lower()} — {self.commune} — {vn_date(self.period_start)}–{vn_date(self.period_end)}"

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    @property
    def is_frozen(self) -> bool:
        return self.status != ReportStatus.DRAFT

    @property
    def is_cancelled(self) -> bool:
        return self.status == ReportStatus.CANCELLED

    @property
    def may_be_sent(self) -> bool:
        """Issued and standing: a draft is not yet a report, a cancelled one no longer is."""
        return self.is_frozen and not self.is_cancelled

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Ngày kết thúc kỳ phải sau ngày bắt đầu.")})

    def save(self, *args, **kwargs):
        self.year = self.report_date.year
        super().save(*args, **kwargs)


@receiver(pre_delete, sender=Report)
def keep_issued_reports(sender, instance: Report, **kwargs):
    """An issued report and its snapshot stay, whoever deletes and through whichever door (a
    page, the admin, the API, a cascade): it is cancelled instead. A draft may go."""
    if instance.is_frozen:
        raise PermissionDenied("Báo cáo đã ban hành không xóa được; hãy hủy báo cáo, ghi rõ lý do.")


auditlog.register(ReportRequest, m2m_fields={"communes"})
auditlog.register(ReportSettings)
auditlog.register(Report, exclude_fields=["snapshot"])


class RenderStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Bị lỗi")


# What a job's page calls its file, by format (RenderJob.options["fmt"], PDF by default).
FILE_LABELS = {"pdf": _("tệp PDF"), "docx": _("tệp Word"), "xlsx": _("tệp Excel")}


class RenderJob(FileJob):
    """A file that the worker makes for a user: a report's or a submission's PDF, the city's
    report as PDF, DOCX or XLSX. `kind` names its renderer (hocvuso.reports.jobs),
    `object_id` what it renders, `options` how (its format, with or without charts)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        on_delete=models.CASCADE,
        related_name="render_jobs",
    )
    kind = models.CharField(_("loại tệp"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    options = models.JSONField(_("tùy chọn"), default=dict, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RenderStatus.choices, default=RenderStatus.PENDING
    )
    # Relative to settings.EXPORT_ROOT (files made again on request, never backed up).
    file = models.CharField(_("tệp"), max_length=200, blank=True)
    filename = models.CharField(_("tên tệp"), max_length=200, blank=True)

    class Meta(FileJob.Meta):
        verbose_name = _("lượt tạo tệp")
        verbose_name_plural = _("lượt tạo tệp")

    @property
    def fmt(self) -> str:
        return self.options.get("fmt", "pdf")

    @property
    def file_label(self) -> str:
        return FILE_LABELS[self.fmt]

    @property
    def path(self) -> Path | None:
        """Where the file is, once done."""
        return Path(settings.EXPORT_ROOT) / self.file if self.file else None
