"""Writes on reports: create a draft, edit its text, issue it, mark it sent, cancel it.

Views, the `report` command and tests all go through these functions.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from hocvuso.accounts.permissions import writes_for_commune
from hocvuso.accounts.scoping import scope_for
from hocvuso.core.audit import acting_as
from hocvuso.units.models import Unit

from .models import Report, ReportRequest, ReportStatus
from .narrative import SECTION_KEYS
from .snapshot import build_snapshot, collect_figures

EDITABLE_KEYS = ["opening", *SECTION_KEYS, "closing"]

# fn(report) run before a report is cancelled; raises ValidationError to refuse. The levels
# above register theirs (the city: a report it accepted stays), as the report pages'
# panels are registered.
CANCEL_CHECKS = []


def on_cancel(check):
    CANCEL_CHECKS.append(check)
    return check


# fn(report) -> snapshot, by the level of the report's unit. A commune's report is built here
# (`build_snapshot`); the levels above register theirs (the city: a province's report to the
# Ministry, added up from its communes' accepted reports), as they register cancel checks.
SNAPSHOT_BUILDERS = {}


def builds_snapshot(level: str):
    def register(build):
        SNAPSHOT_BUILDERS[level] = build
        return build

    return register


def _snapshot_of(report: Report) -> dict:
    return SNAPSHOT_BUILDERS.get(report.commune.level, build_snapshot)(report)


def create_report(
    commune: Unit,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    request: ReportRequest | None = None,
    report_date: datetime.date | None = None,
    user=None,
) -> Report:
    if request is not None:
        start, end = start or request.period_start, end or request.period_end
    if start is None or end is None:
        raise ValidationError("Hãy chọn yêu cầu báo cáo hoặc nhập kỳ báo cáo (từ ngày, đến ngày).")
    if end < start:
        raise ValidationError("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")
    report = Report(
        commune=commune,
        request=request,
        period_start=start,
        period_end=end,
        report_date=report_date or timezone.localdate(),
        created_by=user if user and user.is_authenticated else None,
    )
    report.full_clean()
    with acting_as(user):
        report.save()
    return report


def save_narrative(report: Report, edits: dict[str, dict[str, str]], user=None) -> Report:
    """Keep the officer's text per section ({"override": …, "addition": …})."""
    if report.is_frozen:
        raise PermissionDenied("Báo cáo đã ban hành, không sửa được nội dung.")
    cleaned = {}
    for key, edit in edits.items():
        if key not in EDITABLE_KEYS:
            raise ValidationError(f"Không có mục “{key}” trong báo cáo.")
        kept = {k: (edit.get(k) or "").strip() for k in ("override", "addition")}
        if any(kept.values()):
            cleaned[key] = kept
    report.narrative = cleaned
    with acting_as(user):
        report.save(update_fields=["narrative", "updated_at"])
    return report


def current_snapshot(report: Report) -> dict:
    """The frozen snapshot of an issued report, or a fresh one for a draft."""
    if report.snapshot is not None:
        return report.snapshot
    return _snapshot_of(report)


def issue_report(report: Report, user=None, report_date: datetime.date | None = None) -> Report:
    """Give the report its number for the year and freeze its figures and text."""
    with transaction.atomic():
        # Lock the commune's row so that two reports issued at once never get
        # the same number.
        Unit.objects.select_for_update().filter(pk=report.commune_id).first()
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.is_frozen:
            raise ValidationError("Báo cáo này đã được ban hành.")
        if report_date:
            report.report_date = report_date
        year = report.report_date.year
        last = Report.objects.filter(commune_id=report.commune_id, year=year).aggregate(
            n=Max("number")
        )["n"]
        report.number = (last or 0) + 1
        report.year = year
        report.status = ReportStatus.ISSUED
        report.issued_at = timezone.now()
        report.issued_by = user if user and user.is_authenticated else None
        report.snapshot = _snapshot_of(report)
        with acting_as(user):
            report.save()
    return report


def mark_sent(report: Report, user=None) -> Report:
    if report.is_cancelled:
        raise ValidationError("Báo cáo đã hủy, không gửi được.")
    if report.status != ReportStatus.ISSUED:
        raise ValidationError("Chỉ gửi được báo cáo đã ban hành.")
    report.status = ReportStatus.SENT
    with acting_as(user):
        report.save(update_fields=["status", "updated_at"])
    return report


def cancel_report(report: Report, user, reason: str) -> Report:
    """Cancel an issued or sent report, with its reason: it keeps its number and snapshot,
    shows as "Đã hủy" and can no longer be sent. Only the commune's own officer (or an
    administrator) cancels, and not a report the province has accepted."""
    reason = (reason or "").strip()
    if not writes_for_commune(user) or (
        not Report.objects.editable_by(scope_for(user)).filter(pk=report.pk).exists()
    ):
        raise PermissionDenied("Chỉ cán bộ của đơn vị được hủy báo cáo của đơn vị.")
    with transaction.atomic():
        # The row as it stands, locked: two cancels at once, or a cancel beside a send, see
        # each other. The caller's object is brought up to date with it.
        report.refresh_from_db(from_queryset=Report.objects.select_for_update())
        if report.is_cancelled:
            raise ValidationError("Báo cáo này đã được hủy.")
        if not report.is_frozen:
            raise ValidationError("Dự thảo chưa ban hành thì không cần hủy.")
        if not reason:
            raise ValidationError({"reason": "Hãy ghi lý do hủy báo cáo."})
        for check in CANCEL_CHECKS:
            check(report)
        report.status = ReportStatus.CANCELLED
        report.cancelled_at = timezone.now()
        report.cancelled_by = user
        report.cancel_reason = reason
        with acting_as(user):
            report.save(
                update_fields=[
                    "status",
                    "cancelled_at",
                    "cancelled_by",
                    "cancel_reason",
                    "updated_at",
                ]
            )
    return report


def changes_since_issue(report: Report) -> list[dict]:
    """Figures of an issued report that the records now state differently."""
    if report.snapshot is None:
        return []
    now = collect_figures(report.commune, report.period)
    then = report.snapshot["figures"]
    checks = [
        ("Số lượt hỗ trợ (người)", then["visits"]["people"], now["visits"]["people"]),
        ("Số bản ghi hỗ trợ", then["visits"]["records"], now["visits"]["records"]),
        ("Số văn bản chỉ đạo", len(then["documents"]), len(now["documents"])),
        (
            "Số hoạt động tuyên truyền",
            then["outreach"]["activities"],
            now["outreach"]["activities"],
        ),
        ("Số lớp học số", then["learning"]["classes"], now["learning"]["classes"]),
        ("Số thành viên tổ", then["teams"]["members"], now["teams"]["members"]),
    ]
    return [{"label": label, "issued": old, "now": new} for label, old, new in checks if old != new]
