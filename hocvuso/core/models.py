from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        abstract = True


class TaskWorker(models.Model):
    """A running `manage.py worker`, and when it last said it was alive (hocvuso.core.tasks)."""

    worker_id = models.CharField(_("mã tiến trình"), max_length=64, primary_key=True)
    host = models.CharField(_("máy"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("số tiến trình"), default=0)
    started_at = models.DateTimeField(_("bắt đầu lúc"), auto_now_add=True)
    seen_at = models.DateTimeField(_("còn chạy lúc"))

    class Meta:
        verbose_name = _("tiến trình chạy việc nền")
        verbose_name_plural = _("tiến trình chạy việc nền")

    def __str__(self):
        return f"{self.host}:{self.pid}"
