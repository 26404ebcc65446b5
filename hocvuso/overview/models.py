"""Excel exports that run in the background, with their progress and their file."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from hocvuso.core.jobs import FileJob


@deconstructible
class ExportStorage(FileSystemStorage):
    """Export files live outside MEDIA_ROOT, which the web server may publish:

    an export is served only through the download view, to the user who made it.
    The folder is read from settings.EXPORT_ROOT each time, so tests can move it.
    """

    @property
    def base_location(self):
        return str(settings.EXPORT_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def export_path(job, filename):
    # A random folder per file: the name stays readable and never collides.
    return f"{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}/{filename}"


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang xuất")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Bị lỗi")


class ExportJob(FileJob):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xuất"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    kind = models.CharField(_("loại dữ liệu"), max_length=20)
    filters = models.JSONField(_("bộ lọc"), default=dict, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    rows_done = models.PositiveIntegerField(_("số dòng đã xuất"), default=0)
    rows_total = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    file = models.FileField(
        _("tệp"), storage=ExportStorage(), upload_to=export_path, max_length=200, blank=True
    )

    class Meta(FileJob.Meta):
        verbose_name = _("lượt xuất Excel")
        verbose_name_plural = _("lượt xuất Excel")

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)

    @property
    def filename(self) -> str:
        return os.path.basename(self.file.name) if self.file else ""
