"""The commune's side of the province's requests, shown on the commune's report pages.

The report pages (`hocvuso.reports`) sit below the province's level and never
import it; this module adds to them, through `hocvuso.reports.panels`, the
requests a commune has to answer and the sending of an issued report. The city
app registers it when it is ready.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q

from hocvuso.accounts.permissions import writes_for_commune
from hocvuso.reports import panels, services
from hocvuso.reports.models import Report, ReportRequest
from hocvuso.units.words import unit_phrase

from .models import Reminder, Submission, SubmissionStatus
from .services import deadline_passed


def days_left_text(deadline, today) -> str:
    days = (deadline - today).days
    if days > 0:
        return f"còn {days} ngày"
    if days == 0:
        return "hôm nay là hạn cuối"
    return f"quá hạn {-days} ngày"


def requests_of_commune(commune, today) -> list[dict]:
    """The province's requests to `commune`, each with its deadline, answer and reminders.

    Those still to answer come first; answered ones stay for a year. Three
    queries, however many requests.
    """
    since = today - datetime.timedelta(days=365)
    requests = list(ReportRequest.objects.to_commune(commune).filter(deadline__gte=since))
    submissions = {
        s.request_id: s
        for s in Submission.objects.filter(commune=commune, request__in=requests).select_related(
            "report"
        )
    }
    reminders = {}
    for r in Reminder.objects.filter(commune=commune, request__in=requests):
        reminders.setdefault(r.request_id, []).append(r)
    rows = []
    for r in requests:
        submission = submissions.get(r.pk)
        # A report cancelled while it waited for review leaves the request to answer again.
        to_do = (
            submission is None
            or submission.status == SubmissionStatus.RETURNED
            or (submission.status == SubmissionStatus.SUBMITTED and submission.report.is_cancelled)
        )
        rows.append(
            {
                "request": r,
                "submission": submission,
                "to_do": to_do,
                "days_left": (r.deadline - today).days,
                "days_text": days_left_text(r.deadline, today),
                "on_time": submission is not None
                and not deadline_passed(r.deadline, submission.first_sent_at),
                "reminders": reminders.get(r.pk, []),
            }
        )
    rows.sort(key=lambda row: (not row["to_do"], row["request"].deadline))
    return rows


@panels.on_index
def requests_panel(request, communes, today):
    """On a commune officer's report index: the requests of the province to answer."""
    if communes.count() != 1:
        return None
    rows = requests_of_commune(communes.get(), today)
    if not rows:
        return None
    return panels.Panel("city/_commune_requests.html", {"city_requests": rows})


def open_requests_for(report: Report) -> list[ReportRequest]:
    """The requests `report` may still answer: sent to its commune, not yet answered."""
    answered = Submission.objects.filter(commune_id=report.commune_id).filter(
        Q(status=SubmissionStatus.ACCEPTED) | Q(status=SubmissionStatus.SUBMITTED, report=report)
    )
    return list(
        ReportRequest.objects.to_commune(report.commune).exclude(
            pk__in=answered.values("request_id")
        )
    )


@panels.on_detail
def sending_panel(request, report):
    """On a report's page: where it was sent, and the form to send it to the province."""
    submissions = list(
        Submission.objects.filter(report=report)
        .select_related("request", "report")
        .order_by("-sent_at")
    )
    may_send = (
        report.may_be_sent
        and writes_for_commune(request.user)
        and Report.objects.editable_by(request.scope).filter(pk=report.pk).exists()
    )
    open_requests = open_requests_for(report) if may_send else []
    if not submissions and not open_requests:
        return None
    return panels.Panel(
        "city/_sending.html",
        {
            "submissions": submissions,
            "open_requests": open_requests,
            "default_request_id": report.request_id
            if any(r.pk == report.request_id for r in open_requests)
            else None,
        },
        sends_report=bool(open_requests),
    )


@services.on_cancel
def accepted_reports_stay(report: Report) -> None:
    """A report the province has accepted counts in its figures: it is not cancelled until the
    province returns it (then the commune may cancel it and send another)."""
    accepted = Submission.objects.filter(report=report, status=SubmissionStatus.ACCEPTED)
    submission = accepted.select_related("request__province").first()
    if submission is not None:
        province = unit_phrase(submission.request.province)
        raise ValidationError(
            f"Báo cáo đã được {province} tiếp nhận nên không hủy được. "
            f"Hãy đề nghị {province} trả lại báo cáo trước khi hủy."
        )
