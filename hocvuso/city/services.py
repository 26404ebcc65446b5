"""The reporting loop: requests out, reports in, review, reminders, completeness.

One loop for both levels: a province asks its communes, and the Ministry asks the provinces
(`ReportRequest.level`); each answers with an issued report (`Submission`), reviewed by whoever
asked. The Ministry's side (its requests, its pages) is `hocvuso.nation`, which calls these.
"""

import datetime
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from hocvuso.accounts.models import UserRole
from hocvuso.accounts.permissions import writes_for_commune, writes_for_nation
from hocvuso.accounts.scoping import scope_for
from hocvuso.core.audit import acting_as
from hocvuso.core.periods import PeriodKind, reporting_period
from hocvuso.reports.models import Report, ReportRequest, ReportStatus, RequestLevel
from hocvuso.units.facts import province_facts
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import kind_word, unit_phrase

from .mails import mail_reminders, mail_request
from .models import EventAction, Reminder, Submission, SubmissionEvent, SubmissionStatus


def require_province_officer(user, province: Unit) -> None:
    if user.is_superuser:
        return
    if user.role != UserRole.CITY_OFFICER or user.unit_id != province.pk:
        raise PermissionDenied(f"Chỉ cán bộ của {unit_phrase(province)} được làm việc này.")


def _issuer(user, request: ReportRequest) -> None:
    """Whoever issued the request reviews its answers and reminds the late: the province's
    officer for a province's request, the Ministry's for the Ministry's."""
    if request.is_national:
        if not writes_for_nation(user):
            raise PermissionDenied(f"Chỉ cán bộ {request.issuer} được làm việc này.")
        return
    require_province_officer(user, request.province)


def _may_send(user, report: Report) -> None:
    """A commune's report is sent by the commune's officer; a province's report to the
    Ministry by the province's own officer."""
    if report.commune.level == Level.PROVINCE:
        require_province_officer(user, report.commune)
        return
    if not writes_for_commune(user):
        raise PermissionDenied("Chỉ cán bộ của đơn vị được gửi báo cáo của đơn vị.")
    if not Report.objects.editable_by(scope_for(user)).filter(pk=report.pk).exists():
        raise PermissionDenied("Báo cáo nằm ngoài phạm vi của bạn.")


def new_request(
    *,
    level: str = RequestLevel.PROVINCE,
    province: Unit | None = None,
    issuer: str,
    number: int,
    symbol: str,
    issued_on: datetime.date,
    deadline: datetime.date,
    period_kind: str = PeriodKind.CUSTOM,
    year: int | None = None,
    period_number: int | None = None,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    subject: str | None = None,
) -> ReportRequest:
    """A request (not saved yet) with its period by the cut-off rule of its kind (or its own
    dates), checked with its deadline: the same for a province's request and the Ministry's."""
    if period_kind != PeriodKind.CUSTOM:
        try:
            period = reporting_period(period_kind, year or issued_on.year, period_number or 1)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        period_start, period_end = period.start, period.end
    if period_start is None or period_end is None:
        raise ValidationError("Hãy nhập kỳ báo cáo (từ ngày, đến ngày) hoặc chọn tháng, quý, năm.")
    if period_end < period_start:
        raise ValidationError("Ngày kết thúc kỳ phải sau ngày bắt đầu.")
    if deadline < issued_on:
        raise ValidationError("Hạn gửi báo cáo phải sau ngày ban hành yêu cầu.")
    keeps_number = period_kind in (PeriodKind.MONTH, PeriodKind.QUARTER)
    request = ReportRequest(
        level=level,
        province=province,
        issuer=issuer,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        deadline=deadline,
        period_kind=period_kind,
        period_number=period_number if keeps_number else None,
        period_start=period_start,
        period_end=period_end,
    )
    if subject:
        request.subject = subject
    return request


def record_request(user, request: ReportRequest, recipients) -> ReportRequest:
    """Save a checked request with its recipients and mail their officers, in one go."""
    request.full_clean()
    with transaction.atomic(), acting_as(user):
        request.save()
        request.communes.set(recipients)
        mail_request(request, list(recipients))
    return request


def deadline_passed(deadline: datetime.date, at: datetime.datetime) -> bool:
    """A report is on time when sent by the end of the deadline day, Vietnam time."""
    return timezone.localtime(at).date() > deadline


def create_request(
    user, province: Unit, *, communes=None, issuer: str | None = None, **fields
) -> ReportRequest:
    """Record the city's request (the fields of `new_request`: number, symbol, dates,
    period); it goes to every commune of the city unless told otherwise."""
    require_province_officer(user, province)
    # The model's default names the demo's Department; a request is issued by its own.
    issuer = issuer or province_facts(province).department
    request = new_request(province=province, issuer=issuer, **fields)
    all_communes = province.communes().filter(level=Level.COMMUNE)
    targets = all_communes if communes is None else communes
    if not set(c.pk for c in targets) <= set(all_communes.values_list("pk", flat=True)):
        raise ValidationError(f"Có đơn vị không thuộc {unit_phrase(province)}.")
    return record_request(user, request, targets)


def submit_report(user, request: ReportRequest, report: Report) -> Submission:
    """Send an issued report in answer to a request (again, after it was returned): a
    commune's to its province, or a province's to the Ministry."""
    _may_send(user, report)
    if not request.communes.filter(pk=report.commune_id).exists():
        raise ValidationError(f"Yêu cầu này không gửi tới {unit_phrase(report.commune)}.")
    # The report as it stands now: its commune may have cancelled it since it was read.
    report.refresh_from_db(fields=["status"])
    if report.status == ReportStatus.DRAFT:
        raise ValidationError("Hãy ban hành báo cáo (cấp số, chốt số liệu) trước khi gửi.")
    if report.is_cancelled:
        raise ValidationError("Báo cáo đã hủy, không gửi được.")
    now = timezone.now()
    with transaction.atomic(), acting_as(user):
        submission = (
            Submission.objects.select_for_update()
            .filter(request=request, commune_id=report.commune_id)
            .first()
        )
        if submission is None:
            submission = Submission.objects.create(
                request=request,
                commune_id=report.commune_id,
                report=report,
                first_sent_at=now,
                sent_at=now,
            )
            action = EventAction.SENT
        else:
            if submission.is_locked:
                raise ValidationError(
                    f"Báo cáo đã được {_asker(request)} tiếp nhận; không gửi lại được."
                )
            if (
                submission.status == SubmissionStatus.SUBMITTED
                and submission.report_id == report.pk
            ):
                raise ValidationError("Báo cáo này đã được gửi và đang chờ duyệt.")
            submission.report = report
            submission.status = SubmissionStatus.SUBMITTED
            submission.sent_at = now
            submission.return_reason = ""
            submission.save()
            action = EventAction.RESENT
        SubmissionEvent.objects.create(
            submission=submission, action=action, report=report, at=now, by=user
        )
        if report.request_id is None:
            report.request = request
        report.status = ReportStatus.SENT
        report.save(update_fields=["status", "request", "updated_at"])
    return submission


def _asker(request: ReportRequest) -> str:
    return request.issuer if request.is_national else unit_phrase(request.province)


def review(user, submission: Submission, accept: bool, reason: str = "") -> Submission:
    _issuer(user, submission.request)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError("Chỉ duyệt được báo cáo đang chờ duyệt.")
    if accept and submission.report.is_cancelled:
        raise ValidationError("Đơn vị đã hủy báo cáo này; không tiếp nhận được, hãy trả lại.")
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError({"reason": "Hãy ghi lý do trả lại để đơn vị biết cần sửa gì."})
    now = timezone.now()
    with transaction.atomic(), acting_as(user):
        submission.status = SubmissionStatus.ACCEPTED if accept else SubmissionStatus.RETURNED
        submission.reviewed_at = now
        submission.reviewed_by = user
        submission.return_reason = "" if accept else reason
        submission.save()
        SubmissionEvent.objects.create(
            submission=submission,
            action=EventAction.ACCEPTED if accept else EventAction.RETURNED,
            report=submission.report,
            at=now,
            by=user,
            reason=reason,
        )
    return submission


@dataclass
class CompletenessRow:
    commune: Unit
    submission: Submission | None
    reminders: int
    deadline: datetime.date

    @property
    def sent(self) -> bool:
        return self.submission is not None

    @property
    def on_time(self) -> bool:
        return self.sent and not deadline_passed(self.deadline, self.submission.first_sent_at)


# The filters of the completeness table (`?trang-thai=`): where each commune's answer stands.
ROW_STATES = {
    "chua-gui": ("Chưa gửi", lambda row: not row.sent),
    "cho-duyet": (
        "Đã gửi, chờ duyệt",
        lambda row: row.sent and row.submission.status == SubmissionStatus.SUBMITTED,
    ),
    "tra-lai": (
        "Trả lại để sửa",
        lambda row: row.sent and row.submission.status == SubmissionStatus.RETURNED,
    ),
    "da-tiep-nhan": (
        "Đã tiếp nhận",
        lambda row: row.sent and row.submission.status == SubmissionStatus.ACCEPTED,
    ),
    "muon": ("Gửi muộn", lambda row: row.sent and not row.on_time),
}


def folded(text: str) -> str:
    """Lower case without tones or marks, "đ" as "d": "Quang Phục" is found by "quang phuc"."""
    bare = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return " ".join("".join(c for c in bare if not unicodedata.combining(c)).split())


def find_rows(rows: list[CompletenessRow], query: str = "", state: str = "") -> list:
    """The rows whose commune's name or code holds `query`, in the state `state` (any if "")."""
    query = folded(query)
    keep = ROW_STATES[state][1] if state in ROW_STATES else None
    return [
        row
        for row in rows
        if (keep is None or keep(row))
        and (not query or query in folded(row.commune.name) or query in row.commune.code)
    ]


@dataclass
class Completeness:
    rows: list[CompletenessRow]
    expected: int
    sent: int
    on_time: int
    accepted: int

    @property
    def rate(self) -> float:
        return 100 * self.sent / self.expected if self.expected else 0.0

    @property
    def on_time_rate(self) -> float:
        return 100 * self.on_time / self.expected if self.expected else 0.0


def completeness(request: ReportRequest) -> Completeness:
    """DHIS2's reporting rates: expected = communes asked; sent; sent by the deadline.

    Timeliness counts the first sending: a report sent on time and returned for
    a correction stays on time.
    """
    communes = list(request.communes.order_by("name"))
    submissions = {
        s.commune_id: s for s in Submission.objects.filter(request=request).select_related("report")
    }
    reminders = dict(
        Reminder.objects.filter(request=request)
        .values_list("commune_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = [
        CompletenessRow(c, submissions.get(c.pk), reminders.get(c.pk, 0), request.deadline)
        for c in communes
    ]
    # The missing first, then the late, then the rest, each by name.
    rows.sort(key=lambda r: (r.sent, r.on_time, r.commune.name))
    return Completeness(
        rows=rows,
        expected=len(rows),
        sent=sum(r.sent for r in rows),
        on_time=sum(r.on_time for r in rows),
        accepted=sum(
            1 for r in rows if r.sent and r.submission.status == SubmissionStatus.ACCEPTED
        ),
    )


def remind_late(user, request: ReportRequest, message: str = "", communes=None) -> list[Reminder]:
    """Record a reminder to each unit that has not sent its report (or the ones given)."""
    _issuer(user, request)
    sent = set(Submission.objects.filter(request=request).values_list("commune_id", flat=True))
    targets = request.communes.exclude(pk__in=sent)
    if communes is not None:
        targets = targets.filter(pk__in=[c.pk for c in communes])
    now = timezone.now()

    def text(unit: Unit) -> str:
        # A province's report is its Department's, as its settings name it.
        who = (
            province_facts(unit).department
            if request.is_national
            else f"UBND {kind_word(unit.kind)}"
        )
        return message.strip() or (
            f"Đề nghị {who} gửi báo cáo theo {request} trước ngày {request.deadline:%d/%m/%Y}."
        )

    with transaction.atomic(), acting_as(user):
        reminders = [
            Reminder.objects.create(
                request=request, commune=c, sent_at=now, sent_by=user, message=text(c)
            )
            for c in targets
        ]
        mail_reminders(request, reminders)
    return reminders
