"""The Ministry's side of the reporting loop: its requests to the provinces, and each
province's answer — its synthesized report, issued (frozen) and sent.

The loop itself is the province's (`hocvuso.city.services`: the same periods, recipients,
submissions, review and reminders, one level up); this module adds what only the national
level has: the Ministry's requests, and a province's report made from the accepted answers
to its own request for the same period.

For the demo loader (`load_demo --nation`): `create_national_request(ministry_officer, …)`
asks the provinces; `answer_for_province(city_officer, national_request)` drafts, issues and
sends one province's report (from its own request of the same period, which must exist);
`hocvuso.city.services.review(ministry_officer, submission, accept, reason)` accepts or
returns it.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hocvuso.accounts.permissions import writes_for_nation
from hocvuso.city.models import Submission
from hocvuso.city.services import (
    Completeness,
    completeness,
    new_request,
    record_request,
    require_province_officer,
    submit_report,
)
from hocvuso.core.audit import acting_as
from hocvuso.reports.models import Report, ReportRequest, RequestLevel
from hocvuso.reports.services import issue_report
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import unit_phrase

from .ministry import ministry_name


def require_ministry_officer(user) -> None:
    if not writes_for_nation(user):
        raise PermissionDenied(f"Chỉ cán bộ {ministry_name()} được làm việc này.")


def current_provinces():
    """The provinces as they are today (merged ones no longer asked)."""
    return Unit.objects.filter(level=Level.PROVINCE, valid_to__isnull=True).order_by("name")


def create_national_request(user, *, provinces=None, **fields) -> ReportRequest:
    """Record the Ministry's request (the fields of `city.services.new_request`: number,
    symbol, dates, period by the same cut-off rule as the provinces'); it goes to every
    province unless told otherwise."""
    require_ministry_officer(user)
    request = new_request(level=RequestLevel.NATION, issuer=ministry_name(), **fields)
    everyone = current_provinces()
    targets = everyone if provinces is None else provinces
    if not {p.pk for p in targets} <= set(everyone.values_list("pk", flat=True)):
        raise ValidationError("Có đơn vị không phải tỉnh, thành phố đang hoạt động.")
    return record_request(user, request, targets)


def matching_requests(province: Unit, national: ReportRequest):
    """The province's own requests to its communes for the national request's period, the
    latest first: what its answer can add up."""
    return (
        ReportRequest.objects.of_provinces()
        .filter(
            province=province, period_start=national.period_start, period_end=national.period_end
        )
        .order_by("-issued_on", "-pk")
    )


def answer_of(province: Unit, national: ReportRequest) -> Submission | None:
    return (
        Submission.objects.filter(request=national, commune=province)
        .select_related("report", "report__source_request")
        .first()
    )


def source_of(province: Unit, national: ReportRequest) -> ReportRequest | None:
    """The province's request that its answer adds up, or would: the one its sent report was
    made from, else its latest request for the same period."""
    answer = answer_of(province, national)
    if answer is not None and answer.report.source_request_id:
        return answer.report.source_request
    return matching_requests(province, national).first()


def _check_asked(national: ReportRequest, province: Unit) -> None:
    if not national.is_national:
        raise ValidationError("Đây không phải yêu cầu báo cáo của Bộ.")
    if not national.recipients.filter(pk=province.pk).exists():
        raise ValidationError(f"Yêu cầu này không gửi tới {unit_phrase(province)}.")


def draft_answer(
    user,
    national: ReportRequest,
    province: Unit,
    source: ReportRequest | None = None,
    report_date: datetime.date | None = None,
) -> Report:
    """A draft of the province's report to the Ministry, to be added up from the accepted
    answers to `source` (by default its latest request for the same period)."""
    require_province_officer(user, province)
    _check_asked(national, province)
    source = source or matching_requests(province, national).first()
    if source is None:
        raise ValidationError(
            f"{unit_phrase(province).capitalize()} chưa có yêu cầu báo cáo nào gửi các đơn vị "
            f"cho kỳ {national.period_start:%d/%m/%Y} – {national.period_end:%d/%m/%Y}; hãy "
            "tạo yêu cầu cho kỳ này trước, để có số liệu tổng hợp."
        )
    if source.province_id != province.pk or source.period != national.period:
        raise ValidationError("Yêu cầu được tổng hợp phải là của tỉnh, thành phố, cùng kỳ báo cáo.")
    report = Report(
        commune=province,
        request=national,
        source_request=source,
        period_start=national.period_start,
        period_end=national.period_end,
        report_date=report_date or timezone.localdate(),
        created_by=user if user.is_authenticated else None,
    )
    report.full_clean()
    with acting_as(user):
        report.save()
    return report


def issue_answer(user, report: Report, report_date: datetime.date | None = None) -> Report:
    """Number the province's report and freeze its figures and text (its snapshot)."""
    if report.commune.level != Level.PROVINCE or report.source_request_id is None:
        raise ValidationError("Đây không phải báo cáo của tỉnh, thành phố gửi Bộ.")
    require_province_officer(user, report.commune)
    return issue_report(report, user=user, report_date=report_date)


def send_answer(user, report: Report) -> Submission:
    """Send the issued report to the Ministry (again, after it was returned)."""
    return submit_report(user, report.request, report)


def answer_for_province(
    officer,
    national: ReportRequest,
    source: ReportRequest | None = None,
    report_date: datetime.date | None = None,
) -> Submission:
    """Draft, issue and send the officer's province's report in one go (the demo loader's
    and the tests' shortcut; the pages take the three steps one by one)."""
    province = officer.unit
    if province is None:
        raise PermissionDenied("Tài khoản này không gắn với tỉnh, thành phố nào.")
    report = draft_answer(officer, national, province, source, report_date)
    report = issue_answer(officer, report)
    return send_answer(officer, report)


def drill_down(
    national: ReportRequest, province: Unit
) -> tuple[ReportRequest | None, Completeness | None]:
    """The province's request matching the Ministry's and its communes' completeness, or
    (None, None) when the province has made none for that period."""
    source = source_of(province, national)
    return source, (completeness(source) if source is not None else None)
