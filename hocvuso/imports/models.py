"""A large import run by the worker (hocvuso.imports.jobs): its file, its progress, its result."""

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hocvuso.core.jobs import FileJob

from .base import ImportResult


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang kiểm tra")
    SAVING = "saving", _("Đang lưu")
    DONE = "done", _("Đã nhập")
    # The file was refused (its row errors) or the import failed (its error): nothing saved.
    FAILED = "failed", _("Không nhập được")


class ImportJob(FileJob):
    """An uploaded file that the worker imports for the officer who sent it, all or nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    kind = models.CharField(_("loại dữ liệu"), max_length=30)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    filename = models.CharField(_("tên tệp"), max_length=200)
    # Relative to settings.PRIVATE_MEDIA_ROOT; the file is deleted once the job is finished.
    upload = models.CharField(_("tệp tải lên"), max_length=200, blank=True)
    rows_total = models.PositiveIntegerField(_("số dòng"), default=0)
    rows_checked = models.PositiveIntegerField(_("số dòng đã kiểm tra"), default=0)
    rows_saved = models.PositiveIntegerField(_("số dòng đã lưu"), default=0)
    # What was saved, labelled in Vietnamese: {"thành viên mới": 12, …}.
    created = models.JSONField(_("đã tạo"), default=dict, blank=True)
    # The first problems of a refused file, as the page shows them ("Dòng 3, cột …: …").
    errors = models.JSONField(_("lỗi từng dòng"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    # The accounts the import made, whose one-time links its owner is shown once
    # (imports.views.job_links); their tokens are never stored, only made on that page.
    logins = models.JSONField(_("tài khoản mới"), default=list, blank=True)
    links_handed_at = models.DateTimeField(_("đã trao liên kết lúc"), null=True, blank=True)

    class Meta(FileJob.Meta):
        verbose_name = _("lượt nhập Excel")
        verbose_name_plural = _("lượt nhập Excel")

    @property
    def upload_path(self) -> Path | None:
        return Path(settings.PRIVATE_MEDIA_ROOT) / self.upload if self.upload else None

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_checked * 100 // self.rows_total)

    def summary(self) -> str:
        """ "Đã nhập 5.000 dòng: 12 thành viên mới, …", as a direct import says it."""
        return ImportResult(rows=self.rows_saved, created=self.created).summary()
