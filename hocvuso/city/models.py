"""The city's side of reporting: submissions of commune reports, their review, reminders."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hocvuso.core.scoping import ScopedManager
from hocvuso.reports.models import Report, ReportRequest
from hocvuso.units.models import Level, Unit, commune_key


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    RETURNED = "returned", _("Trả lại để sửa")


class Submission(models.Model):
    """A unit's answer to a request: the issued report it sent, and where its review stands —
    a commune's to its province's request, or a province's to the Ministry's (then `commune`
    holds the province, as the request's recipients do; one loop for both levels).

    One row per unit and request; a corrected report sent again replaces
    the report here, and every step stays in `SubmissionEvent`.
    """

    request = models.ForeignKey(
        ReportRequest,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("yêu cầu"),
    )
    commune = commune_key(
        related_name="submissions",
        verbose_name=_("đơn vị gửi"),
        limit_choices_to={"level__in": [Level.COMMUNE, Level.PROVINCE]},
    )
    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("báo cáo")
    )
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
    )
    first_sent_at = models.DateTimeField(_("gửi lần đầu lúc"))
    sent_at = models.DateTimeField(_("gửi lần gần nhất lúc"))
    reviewed_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)

    objects = ScopedManager()
    scope_paths = {"commune": "commune"}

    class Meta:
        verbose_name = _("báo cáo đã gửi")
        verbose_name_plural = _("báo cáo đã gửi")
        ordering = ["request", "commune__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "commune"], name="one_submission_per_request"
            ),
        ]

    def __str__(self):
        return f"{self.commune} — {self.request}"

    @property
    def is_locked(self) -> bool:
        return self.status == SubmissionStatus.ACCEPTED


class EventAction(models.TextChoices):
    SENT = "sent", _("Gửi báo cáo")
    RESENT = "resent", _("Gửi lại sau khi sửa")
    ACCEPTED = "accepted", _("Tiếp nhận")
    RETURNED = "returned", _("Trả lại")


class SubmissionEvent(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("việc"), max_length=10, choices=EventAction.choices)
    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("lúc"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người làm"),
    )
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("lịch sử gửi, duyệt")
        verbose_name_plural = _("lịch sử gửi, duyệt")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.submission}"


class Reminder(models.Model):
    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="reminders")
    commune = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(_("nhắc lúc"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("lời nhắc"))

    objects = ScopedManager()
    scope_paths = {"commune": "commune"}
    shared_with_commune = True

    class Meta:
        verbose_name = _("lời nhắc báo cáo")
        verbose_name_plural = _("lời nhắc báo cáo")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.commune} — {self.sent_at:%d/%m/%Y}"


auditlog.register(Submission)
auditlog.register(SubmissionEvent)
auditlog.register(Reminder)
