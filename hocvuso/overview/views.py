import datetime
import os
import tempfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Sum
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hocvuso.accounts.permissions import officer_scope
from hocvuso.accounts.scoping import scope_for
from hocvuso.core.scoping import MEMBER, NOTHING, TEAMS
from hocvuso.core.tasks import workers_alive
from hocvuso.units.models import Level, Unit, lineage_ids
from hocvuso.units.words import CommuneWords, ProvinceWords, capfirst

from . import figures, jobs
from .aggregates import service_names
from .exports import EXPORTERS, export_filename, write_xlsx
from .filters import communes_for
from .models import ExportJob, ExportStatus

PER_PAGE = 50


def _officer_scope(request):
    return officer_scope(
        request, "Trang tổng quan dành cho cán bộ xã, phường và cán bộ tỉnh, thành phố."
    )


def _list_scope(request):
    """Team leaders see their teams' records, officers their communes'."""
    scope = scope_for(request.user)
    if scope.kind in (MEMBER, NOTHING):
        raise PermissionDenied("Danh sách dành cho tổ trưởng và cán bộ xã, phường.")
    return scope


def _day(text: str | None) -> datetime.date:
    """The day the overview is seen at: ?ngay=YYYY-MM-DD, or today."""
    today = timezone.localdate()
    try:
        day = datetime.date.fromisoformat(text or "")
    except ValueError:
        return today
    return day if datetime.date(2000, 1, 1) <= day <= today else today


@login_required
def index(request):
    if scope_for(request.user).kind == TEAMS:
        # A team leader's view of the movement is their teams' lists.
        return redirect("overview:visits")
    scope = _officer_scope(request)
    communes = list(communes_for(scope).select_related("parent"))
    if not communes:
        raise Http404("Không có xã, phường nào trong phạm vi của bạn.")
    chosen = request.GET.get("xa")
    commune = next((c for c in communes if str(c.pk) == chosen), None)
    day = _day(request.GET.get("ngay"))
    context = {"communes": communes, "day": day, "today": timezone.localdate()}
    province = _own_province(request.user)
    if province is not None:
        words = ProvinceWords.covering(province)
        context |= {"province": province, "area_name": capfirst(f"{words.whole} {words.name}")}
    if commune is None and province is not None:
        # A province's officer lands on the whole province: its every commune, from the
        # monthly and daily totals of the visits, however many visits the province has.
        ids = scope.commune_ids
        charts = figures.charts(ids, day, from_totals=True)
        return render(
            request,
            "overview/index.html",
            context
            | {
                "compared": figures.comparisons(ids, day, from_totals=True),
                "charts": charts,
                "chart_cards": figures.chart_cards(charts, words.communes),
            },
        )
    commune = commune or communes[0]
    # Records of the communes merged into this one count as its own, but never
    # beyond what the scope sees.
    ids = lineage_ids({commune.pk})
    if scope.commune_ids:
        ids &= scope.commune_ids
    charts = figures.charts(ids, day)
    return render(
        request,
        "overview/index.html",
        context
        | {
            "commune": commune,
            "compared": figures.comparisons(ids, day),
            "charts": charts,
            "chart_cards": figures.chart_cards(charts, CommuneWords.of(commune).villages),
        },
    )


def _own_province(user) -> Unit | None:
    """The province a province's officer works for; None for anyone else."""
    unit = user.unit if user.unit_id else None
    return unit if unit is not None and unit.level == Level.PROVINCE else None


def _record_list(request, kind: str, template: str, prepare, totals: dict):
    scope = _list_scope(request)
    exporter = EXPORTERS[kind]
    form, records = exporter.filtered(scope, request.GET, request.user)
    summary = records.aggregate(**totals)
    page = Paginator(prepare(records), PER_PAGE).get_page(request.GET.get("trang"))
    return render(
        request,
        template,
        {
            "kind": kind,
            "exporter": exporter,
            "form": form,
            "page": page,
            "summary": summary,
            "filters": form.active_filters(),
            "is_officer": scope.is_officer,
            "direct_limit": settings.EXPORT_DIRECT_LIMIT,
        },
    )


@login_required
def visits(request):
    return _record_list(
        request,
        "visits",
        "overview/visits.html",
        lambda records: (
            records.select_related("village", "team", "member")
            .annotate(service_names=service_names("service__short_name"))
            .order_by("-occurred_at", "-pk")
        ),
        {"records": Count("pk"), "people": Sum("people", default=0)},
    )


@login_required
def activities(request):
    return _record_list(
        request,
        "activities",
        "overview/activities.html",
        lambda records: records.select_related("village", "team", "member").order_by(
            "-held_on", "-pk"
        ),
        {"records": Count("pk"), "times": Sum("times", default=0)},
    )


@login_required
def classes(request):
    return _record_list(
        request,
        "classes",
        "overview/classes.html",
        lambda records: records.select_related("village", "team", "member").order_by(
            "-held_on", "-pk"
        ),
        {
            "records": Count("pk"),
            "attendees": Sum(
                F("officials") + F("teachers") + F("students") + F("citizens"), default=0
            ),
        },
    )


@login_required
@require_POST
def export(request):
    """Export a list with its filters: small ones at once, long ones in the background."""
    scope = _list_scope(request)
    exporter = EXPORTERS.get(request.POST.get("kind", ""))
    if exporter is None:
        raise Http404("Không có bảng xuất này.")
    data = request.POST.copy()
    for name in ("kind", "csrfmiddlewaretoken"):
        data.pop(name, None)
    form, records = exporter.filtered(scope, data)
    list_url = reverse(f"overview:{exporter.identifier}")
    if not form.is_valid():
        messages.error(request, "Bộ lọc không hợp lệ, chưa xuất được.")
        return redirect(list_url)
    total = records.count()
    if total < settings.EXPORT_DIRECT_LIMIT:
        return _send_now(exporter, records, request.user)
    job = jobs.start_export(request.user, exporter, form.active_filters(), total)
    return redirect("overview:export_status", pk=job.pk)


def _send_now(exporter, records, user):
    handle, path = tempfile.mkstemp(prefix="hocvuso-export-", suffix=".xlsx")
    os.close(handle)
    try:
        write_xlsx(exporter, records, path, user=user)
        file = open(path, "rb")  # FileResponse closes it when sent
    finally:
        # The open file stays readable after its name is gone.
        os.unlink(path)
    return FileResponse(file, as_attachment=True, filename=export_filename(exporter))


def _get_job(request, pk) -> ExportJob:
    try:
        return ExportJob.objects.owned_by(request.user).get(pk=pk)
    except ExportJob.DoesNotExist:
        raise Http404("Không tìm thấy lượt xuất này.") from None


@login_required
def export_status(request, pk):
    """The job's progress; `?phan=1` gives only the part the page refreshes."""
    job = _get_job(request, pk)
    exporter = EXPORTERS.get(job.kind)
    # Without a worker the job would wait for ever: the officer is told why.
    waits = job.status == ExportStatus.PENDING and not workers_alive()
    context = {"job": job, "exporter": exporter, "no_worker": waits}
    if request.GET.get("phan"):
        return render(request, "overview/_export_progress.html", context)
    return render(request, "overview/export_status.html", context)


@login_required
def export_download(request, pk):
    job = _get_job(request, pk)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404("Tệp chưa sẵn sàng.")
    try:
        file = job.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp đã bị xóa.") from None
    return FileResponse(file, as_attachment=True, filename=job.filename)
