from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hocvuso.accounts.models import UserRole
from hocvuso.accounts.scoping import scope_for
from hocvuso.units.models import Level, Unit

from . import services
from .forms import NarrativeForm, NewReportForm
from .models import Report, ReportRequest
from .narrative import SECTION_KEYS
from .output import render_report
from .render.pdf import LibreOfficeMissing


def _officer_scope(request):
    scope = scope_for(request.user)
    if not scope.is_officer:
        raise PermissionDenied("Chỉ cán bộ xã và cán bộ thành phố được lập báo cáo.")
    return scope


def _writes_reports(user) -> bool:
    """A commune's report is written and issued by the commune, not by the city."""
    return user.is_superuser or user.role == UserRole.COMMUNE_OFFICER


def _get_report(request, pk, for_write=False) -> Report:
    scope = _officer_scope(request)
    if for_write and not _writes_reports(request.user):
        raise PermissionDenied("Chỉ cán bộ xã được sửa và ban hành báo cáo của xã.")
    reports = Report.objects.select_related("commune", "commune__parent", "request")
    reports = reports.editable_by(scope) if for_write else reports.visible_to(scope)
    try:
        return reports.get(pk=pk)
    except Report.DoesNotExist:
        raise Http404("Không tìm thấy báo cáo.") from None


def _requests_for(communes):
    provinces = communes.values("parent_id")
    return ReportRequest.objects.filter(province_id__in=provinces).order_by("-issued_on")


@login_required
def index(request):
    scope = _officer_scope(request)
    communes = Unit.objects.visible_to(scope).filter(level=Level.COMMUNE)
    requests = _requests_for(communes)
    if request.method == "POST":
        form = NewReportForm(request.POST, communes=communes, requests=requests)
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.create_report(
                    data["commune"],
                    request=data["request"],
                    start=data["period_start"],
                    end=data["period_end"],
                    report_date=data["report_date"],
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, "Đã tạo dự thảo báo cáo. Kiểm tra số liệu và nội dung bên dưới."
                )
                return redirect("reports:detail", pk=report.pk)
    else:
        form = NewReportForm(
            communes=communes,
            requests=requests,
            initial={"report_date": timezone.localdate(), "commune": communes.first()},
        )
    reports = Report.objects.visible_to(scope).select_related("commune", "request")[:200]
    today = timezone.localdate()
    waiting = [
        {"request": r, "days_left": (r.deadline - today).days}
        for r in requests.filter(deadline__gte=today)
    ]
    return render(
        request,
        "reports/index.html",
        {
            "form": form,
            "reports": reports,
            "waiting": waiting,
            "single_commune": communes.count() == 1,
        },
    )


@login_required
def detail(request, pk):
    report = _get_report(request, pk)
    snapshot = services.current_snapshot(report)
    generated = {s["key"]: s["paragraphs"] for s in snapshot["sections"]}
    generated["opening"] = [snapshot["opening"]]
    generated["closing"] = snapshot["closing"]
    may_edit = (
        not report.is_frozen
        and _writes_reports(request.user)
        and Report.objects.editable_by(scope_for(request.user)).filter(pk=report.pk).exists()
    )
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("Báo cáo đã ban hành, không sửa được.")
        form = NarrativeForm(request.POST, report=report, generated=generated)
        if form.is_valid():
            services.save_narrative(report, form.edits(), user=request.user)
            messages.success(request, "Đã lưu nội dung báo cáo.")
            return redirect("reports:detail", pk=report.pk)
    else:
        form = NarrativeForm(report=report, generated=generated)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "snapshot": snapshot,
            "figures": snapshot["figures"],
            "form": form,
            "may_edit": may_edit,
            "changes": services.changes_since_issue(report) if report.is_frozen else [],
            "section_keys": SECTION_KEYS,
        },
    )


@login_required
def download(request, pk, fmt):
    if fmt not in ("docx", "pdf", "xlsx"):
        raise Http404()
    report = _get_report(request, pk)
    try:
        file = render_report(report, fmt, charts=request.GET.get("charts") == "1")
    except LibreOfficeMissing as error:
        messages.error(request, str(error))
        return redirect("reports:detail", pk=report.pk)
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response


@login_required
@require_POST
def issue(request, pk):
    report = _get_report(request, pk, for_write=True)
    try:
        report = services.issue_report(report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Đã ban hành báo cáo số {report.number}/{report.snapshot['header']['symbol']}. "
            "Số liệu đã được chốt.",
        )
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def send(request, pk):
    report = _get_report(request, pk, for_write=True)
    try:
        services.mark_sent(report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã đánh dấu báo cáo là đã gửi.")
    return redirect("reports:detail", pk=report.pk)
