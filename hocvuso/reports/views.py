from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hocvuso.accounts.models import UserRole
from hocvuso.accounts.permissions import officer_scope, writes_for_commune
from hocvuso.accounts.scoping import may_edit_settings, scope_for
from hocvuso.core.tasks import workers_alive
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import CommuneWords, ProvinceWords

from . import jobs, panels, services
from .forms import NarrativeForm, NewReportForm
from .models import RenderJob, RenderStatus, Report, ReportRequest, ReportSettings
from .narrative import SECTION_KEYS
from .output import CONTENT_TYPES, render_report
from .render.pdf import LibreOfficeMissing
from .setup import FactsForm, HeaderForm, add_errors, header_of, save_settings


def _officer_scope(request):
    return officer_scope(request, "Chỉ cán bộ phụ trách báo cáo của đơn vị được lập báo cáo.")


# A commune's report is written and issued by the commune, not by the city.
_writes_reports = writes_for_commune


def get_report(request, pk, for_write=False) -> Report:
    scope = _officer_scope(request)
    if for_write and not _writes_reports(request.user):
        raise PermissionDenied("Chỉ cán bộ của đơn vị được sửa và ban hành báo cáo của đơn vị.")
    # A province's report to the Ministry has its own pages (hocvuso/nation).
    reports = Report.objects.filter(commune__level=Level.COMMUNE).select_related(
        "commune", "commune__parent", "request"
    )
    reports = reports.editable_by(scope) if for_write else reports.visible_to(scope)
    try:
        return reports.get(pk=pk)
    except Report.DoesNotExist:
        raise Http404("Không tìm thấy báo cáo.") from None


def province_kind(user, commune: Unit | None = None) -> str:
    """ "tỉnh" or "thành phố": what the pages call the province a report goes to."""
    if commune is not None:
        return ProvinceWords.of(commune.parent if commune.parent_id else None).kind
    unit = getattr(user, "unit", None)
    if unit is not None and unit.level == Level.PROVINCE:
        return ProvinceWords.of(unit).kind
    if unit is not None and unit.level == Level.COMMUNE and unit.parent_id:
        return ProvinceWords.of(unit.parent).kind
    # An administrator's pages span every province.
    return "tỉnh, thành phố"


def _requests_for(communes):
    provinces = communes.values("parent_id")
    return ReportRequest.objects.filter(province_id__in=provinces).order_by("-issued_on")


def _chosen(requests, pk: str | None):
    """The request of `requests` with the primary key given in a form, or None."""
    return requests.filter(pk=pk).first() if pk and pk.isdigit() else None


@login_required
def index(request):
    scope = _officer_scope(request)
    communes = Unit.objects.visible_to(scope).filter(level=Level.COMMUNE)
    single_commune = communes.count() == 1
    if single_commune:
        # A commune answers the requests the city sent it, not those to other communes.
        requests = ReportRequest.objects.to_commune(communes.get()).order_by("-issued_on")
    else:
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
            initial={
                "report_date": timezone.localdate(),
                "commune": communes.first(),
                # "Lập báo cáo" beside a request of the city opens the form with it chosen.
                "request": _chosen(requests, request.GET.get("yeu-cau")),
            },
        )
    reports = (
        Report.objects.visible_to(scope)
        .filter(commune__level=Level.COMMUNE)
        .select_related("commune", "request")[:200]
    )
    today = timezone.localdate()
    waiting = []
    if not single_commune:
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
            "panels": panels.collect(panels.INDEX, request, communes, today),
            "single_commune": single_commune,
            "province_kind": province_kind(request.user),
        },
    )


@login_required
def detail(request, pk):
    report = get_report(request, pk)
    snapshot = services.current_snapshot(report)
    generated = {s["key"]: s["paragraphs"] for s in snapshot["sections"]}
    generated["opening"] = [snapshot["opening"]]
    generated["closing"] = snapshot["closing"]
    writes = (
        _writes_reports(request.user)
        and Report.objects.editable_by(scope_for(request.user)).filter(pk=report.pk).exists()
    )
    may_edit = not report.is_frozen and writes
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
    detail_panels = panels.collect(panels.DETAIL, request, report)
    return render(
        request,
        "reports/detail.html",
        {
            "panels": detail_panels,
            "sends_report": any(panel.sends_report for panel in detail_panels),
            "report": report,
            "snapshot": snapshot,
            "figures": snapshot["figures"],
            "form": form,
            "may_edit": may_edit,
            "may_cancel": writes and report.may_be_sent,
            "changes": services.changes_since_issue(report) if report.is_frozen else [],
            "section_keys": SECTION_KEYS,
            "province_kind": province_kind(request.user, report.commune),
        },
    )


@login_required
def download(request, pk, fmt):
    if fmt not in ("docx", "pdf", "xlsx"):
        raise Http404()
    report = get_report(request, pk)
    charts = request.GET.get("charts") == "1"
    if fmt == "pdf":
        # LibreOffice takes seconds: the worker makes the PDF, the page waits for it.
        return start_file(request, "report", report.pk, {"charts": charts})
    try:
        file = render_report(report, fmt, charts=charts)
    except LibreOfficeMissing as error:
        messages.error(request, str(error))
        return redirect("reports:detail", pk=report.pk)
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.filename}"'
    return response


def start_file(request, kind: str, object_id: int, options: dict | None = None):
    """The PDF link of a page (and the city's report's links): the user's job for that file,
    and its page (for city's too)."""
    job = jobs.start_render(request.user, kind, object_id, options)
    return redirect("reports:render_status", pk=job.pk)


def _get_render_job(request, pk) -> RenderJob:
    # Another user's file is not found.
    return get_object_or_404(RenderJob.objects.owned_by(request.user), pk=pk)


@login_required
def render_status(request, pk):
    """The PDF being made, then its download; `?phan=1` gives only the part the page polls."""
    job = _get_render_job(request, pk)
    back = jobs.BACK.get(job.kind)
    context = {
        "job": job,
        "back_url": back(job) if back else "",
        # Without a worker the job would wait for ever: the user is told why.
        "no_worker": job.status == RenderStatus.PENDING and not workers_alive(),
    }
    if request.GET.get("phan"):
        return render(request, "reports/_render_progress.html", context)
    return render(request, "reports/render_status.html", context)


@login_required
def render_download(request, pk):
    job = _get_render_job(request, pk)
    if job.status != RenderStatus.DONE or job.path is None:
        raise Http404("Tệp chưa sẵn sàng.")
    try:
        file = job.path.open("rb")  # FileResponse closes it when sent
    except FileNotFoundError:
        raise Http404("Tệp đã bị xóa.") from None
    return FileResponse(
        file, as_attachment=True, filename=job.filename, content_type=CONTENT_TYPES[job.fmt]
    )


@login_required
@require_POST
def issue(request, pk):
    report = get_report(request, pk, for_write=True)
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
    report = get_report(request, pk, for_write=True)
    try:
        services.mark_sent(report, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã đánh dấu báo cáo là đã gửi.")
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def cancel(request, pk):
    """Cancel an issued report with its reason; it stays in the register as "Đã hủy"."""
    report = get_report(request, pk, for_write=True)
    try:
        services.cancel_report(report, request.user, request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã hủy báo cáo. Báo cáo vẫn được lưu trong sổ, kèm lý do hủy.")
    return redirect("reports:detail", pk=report.pk)


def _settings_commune(request, pk) -> Unit:
    """The commune whose settings the user edits: their own, or any for an administrator.

    Team leaders, members and the province's officers are refused (403); a commune that is
    not the officer's own is not found (404).
    """
    user = request.user
    if not (user.is_superuser or user.role == UserRole.COMMUNE_OFFICER):
        raise PermissionDenied("Chỉ cán bộ của xã, phường được sửa thiết lập của đơn vị.")
    if pk is None:
        pk = user.unit_id
    commune = Unit.objects.filter(level=Level.COMMUNE, pk=pk).select_related("parent").first()
    if commune is None or not may_edit_settings(user, commune):
        raise Http404("Không tìm thấy đơn vị.")
    return commune


@login_required
def unit_settings(request, pk=None):
    """The commune's facts and its report's header, signer and recipients, on one page."""
    commune = _settings_commune(request, pk)
    defaults = ReportSettings.defaults_for(commune)
    data = request.POST if request.method == "POST" else None
    facts = FactsForm(data, unit=commune)
    header = HeaderForm(data, instance=header_of(commune, defaults), defaults=defaults)
    if data is not None and facts.is_valid() and header.is_valid():
        try:
            save_settings(request.user, commune, facts.cleaned_data, header.cleaned_data)
        except ValidationError as error:
            add_errors(error, facts, header)
        else:
            messages.success(request, "Đã lưu thiết lập. Các báo cáo lập từ nay dùng nội dung mới.")
            return redirect(request.path)
    return render(
        request,
        "reports/settings.html",
        {
            "unit": commune,
            "words": CommuneWords.of(commune),
            "facts": facts,
            "header": header,
            "saved": ReportSettings.objects.filter(commune=commune).exists(),
        },
    )
