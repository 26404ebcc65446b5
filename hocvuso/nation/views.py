"""The national level's pages: the Ministry's requests, completeness by province, review of
the provinces' answers, the Ministry's report; and the province officer's answer pages.

The Ministry's officer (or an administrator) comes into the Ministry's pages; anyone else is
refused (403). A province's officer comes into its answer pages, and sees its own province's
answers only: another province's answer is not found (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from hocvuso.accounts.models import UserRole
from hocvuso.accounts.permissions import writes_for_nation
from hocvuso.city import pages
from hocvuso.city.forms import PeriodPreviewForm
from hocvuso.city.models import Submission, SubmissionStatus
from hocvuso.city.render import render_city_snapshot
from hocvuso.reports.models import Report, ReportRequest, ReportStatus
from hocvuso.reports.render.pdf import docx_to_pdf
from hocvuso.reports.services import current_snapshot
from hocvuso.reports.views import start_file
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import ProvinceWords, unit_phrase

from . import dashboard as live
from . import services
from .forms import AnswerForm, NationRequestForm
from .ministry import ministry_name
from .report import (
    nation_words,
    render_nation_completeness_xlsx,
    render_nation_docx,
    render_nation_xlsx,
)

# --- Who comes in -----------------------------------------------------------------------


def _ministry(user) -> None:
    if not (user.is_active and writes_for_nation(user)):
        raise PermissionDenied(f"Chỉ cán bộ {ministry_name()} được xem các trang này.")


def _requests_of(user):
    _ministry(user)
    return ReportRequest.objects.national()


def _get_request(request, pk) -> ReportRequest:
    return get_object_or_404(_requests_of(request.user), pk=pk)


def _own_province(user) -> Unit:
    """The province officer's province; anyone else is refused."""
    if user.role != UserRole.CITY_OFFICER or user.unit is None:
        raise PermissionDenied("Trang này dành cho cán bộ Sở của tỉnh, thành phố.")
    return user.unit


def _answers_of(user):
    """The provinces' answers `user` may read: every one for the Ministry, its own
    province's for a province's officer."""
    answers = Submission.objects.filter(request__level="nation").select_related(
        "request", "commune", "report", "report__source_request", "reviewed_by"
    )
    if user.is_active and writes_for_nation(user):
        return answers
    return answers.filter(commune=_own_province(user))


_file_response = pages.file_response
_stem = pages.stem


def _words(req: ReportRequest | None = None) -> dict:
    provinces = nation_words(req).answering if req is not None else "tỉnh, thành phố"
    return {"ministry": ministry_name(), "provinces": provinces}


# --- The Ministry's pages ---------------------------------------------------------------


@login_required
def requests(request):
    rows = pages.with_counts(_requests_of(request.user))
    return render(request, "nation/requests.html", {"rows": rows, **_words()})


@login_required
def new_request(request):
    _ministry(request.user)
    form = NationRequestForm(request.POST or None)
    req = pages.request_from_post(
        request,
        form,
        lambda arguments: services.create_national_request(request.user, **arguments),
        lambda req: _words(req)["provinces"],
    )
    if req is not None:
        return redirect("nation:request", pk=req.pk)
    return render(
        request,
        "nation/request_form.html",
        {
            "form": form,
            "preview": pages.period_of_form(form),
            "province_count": form.fields["communes"].queryset.count(),
            **_words(),
        },
    )


@login_required
@require_GET
def period_preview(request):
    _ministry(request.user)
    preview = PeriodPreviewForm(request.GET).preview()
    return render(request, "city/period_preview.html", {"preview": preview})


@login_required
def request_detail(request, pk):
    """Completeness and timeliness by province: on time, late, returned, waiting, missing."""
    req = _get_request(request, pk)
    context = pages.completeness_context(request, req)
    return render(request, "nation/request_detail.html", {**context, **_words(req)})


@login_required
def completeness_xlsx(request, pk):
    req = _get_request(request, pk)
    content = render_nation_completeness_xlsx(req)
    return _file_response(content, f"TinhHinhGuiBaoCao_{_stem(req)}.xlsx")


@login_required
@require_POST
def remind(request, pk):
    return pages.remind_from_post(request, _get_request(request, pk), "nation:request")


@login_required
def province_detail(request, pk, province_pk):
    """From a province to its communes: the completeness of its own request for the period."""
    req = _get_request(request, pk)
    province = get_object_or_404(req.recipients.all(), pk=province_pk)
    source, result = services.drill_down(req, province)
    return render(
        request,
        "nation/province_detail.html",
        {
            "req": req,
            "province": province,
            "pw": ProvinceWords.covering(province),
            "source": source,
            "result": result,
            "answer": services.answer_of(province, req),
            **_words(req),
        },
    )


@login_required
def answer(request, pk):
    """One province's answer: its figures, its files, its history, and the Ministry's review."""
    sub = get_object_or_404(_answers_of(request.user), pk=pk)
    reviews = writes_for_nation(request.user)
    if request.method == "POST" and not reviews:
        raise PermissionDenied(f"Chỉ cán bộ {ministry_name()} được duyệt báo cáo.")
    snapshot = sub.report.snapshot or {}
    context = {
        "totals": (snapshot.get("figures") or {}).get("totals", {}),
        "reporting": snapshot.get("reporting", {}),
        "may_review": reviews and sub.status == SubmissionStatus.SUBMITTED,
        "reviews": reviews,
        **_words(sub.request),
    }
    return pages.answer_page(request, sub, "nation/answer.html", "nation:answer", context)


def _report_filename(report: Report, fmt: str) -> str:
    number = f"BC{report.number:02d}" if report.number else "DuThao"
    return f"{number}_{slugify(report.commune.short_name).replace('-', '')}.{fmt}"


@login_required
def answer_download(request, pk, fmt):
    sub = get_object_or_404(_answers_of(request.user), pk=pk)
    if fmt == "pdf":
        return start_file(request, "province_report", sub.pk)
    if fmt != "docx":
        raise Http404()
    content = render_city_snapshot(sub.report.snapshot)
    return _file_response(content, _report_filename(sub.report, fmt))


@login_required
def nation_report(request, pk):
    """The preview of the Ministry's report, from the accepted provinces' reports only."""
    req = _get_request(request, pk)
    return pages.synthesis_page(request, req, "nation/report.html", _words(req))


@login_required
def nation_report_download(request, pk, fmt):
    return pages.synthesis_download(request, _get_request(request, pk), fmt, kind="nation_report")


# --- The files the worker makes ---------------------------------------------------------


def render_nation_report(job) -> tuple[bytes, str]:
    """The Ministry's report ("nation_report" in hocvuso.reports.jobs): its tables as XLSX,
    or its DOCX, as such or converted to PDF by LibreOffice."""
    req = pages.of_job_user(_requests_of, job, "báo cáo tổng hợp")
    return pages.synthesized_file(job, req, render_nation_docx, render_nation_xlsx, "BaoCaoBo")


def render_answer_pdf(job) -> tuple[bytes, str]:
    """A province's report to the Ministry as PDF ("province_report")."""
    sub = pages.of_job_user(_answers_of, job, "báo cáo của tỉnh, thành phố")
    content = docx_to_pdf(render_city_snapshot(sub.report.snapshot))
    return content, _report_filename(sub.report, "pdf")


# --- The province's side: its answers to the Ministry -----------------------------------


@login_required
def answers(request):
    """The Ministry's requests to the officer's province, each with where its answer stands."""
    province = _own_province(request.user)
    asked = list(ReportRequest.objects.national().filter(communes=province).order_by("-deadline"))
    sent = {
        s.request_id: s
        for s in Submission.objects.filter(commune=province, request__in=asked).select_related(
            "report"
        )
    }
    rows = [{"request": r, "answer": sent.get(r.pk)} for r in asked]
    return render(
        request,
        "nation/answers.html",
        {"rows": rows, "province": province, "today": timezone.localdate(), **_words()},
    )


@login_required
def answer_request(request, pk):
    """Make, issue and send the province's report in answer to one of the Ministry's
    requests, from the accepted answers to the province's own request of the same period."""
    province = _own_province(request.user)
    req = get_object_or_404(ReportRequest.objects.national().filter(communes=province), pk=pk)
    drafts = Report.objects.filter(commune=province, request=req).select_related("source_request")
    sources = services.matching_requests(province, req)
    form = AnswerForm(
        request.POST if request.POST.get("action") == "draft" else None,
        sources=sources,
        province=province,
        initial={"source": sources.first(), "report_date": timezone.localdate()},
    )
    if request.method == "POST":
        action = request.POST.get("action")
        chosen = request.POST.get("report", "")
        report = drafts.filter(pk=chosen).first() if chosen.isdigit() else None
        try:
            if action == "draft":
                if not form.is_valid():
                    raise ValidationError("Hãy chọn yêu cầu được tổng hợp và ngày báo cáo.")
                data = form.cleaned_data
                report = services.draft_answer(
                    request.user, req, province, data["source"], data["report_date"]
                )
                messages.success(request, "Đã lập dự thảo báo cáo; hãy xem lại rồi ban hành.")
            elif action == "issue" and report is not None:
                services.issue_answer(request.user, report)
                messages.success(request, "Đã ban hành báo cáo: cấp số và chốt số liệu.")
            elif action == "send" and report is not None:
                services.send_answer(request.user, report)
                messages.success(request, f"Đã gửi báo cáo tới {req.issuer}.")
            else:
                raise ValidationError("Không rõ việc cần làm; hãy thử lại.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("nation:answer_request", pk=req.pk)
    reports = [
        {"report": r, "snapshot": current_snapshot(r) if r.status == ReportStatus.DRAFT else None}
        for r in drafts.order_by("-pk")
    ]
    answer = services.answer_of(province, req)
    # Only the newest issued report is offered for sending, while the Ministry waits for one.
    may_send = answer is None or answer.status == SubmissionStatus.RETURNED
    newest = next((i["report"] for i in reports if i["report"].may_be_sent), None)
    send_pk = newest.pk if may_send and newest is not None else None
    return render(
        request,
        "nation/answer_request.html",
        {
            "req": req,
            "province": province,
            "form": form,
            "has_sources": sources.exists(),
            "reports": reports,
            "answer": answer,
            "send_pk": send_pk,
            **_words(),
        },
    )


@login_required
def answer_draft_download(request, pk, report_pk):
    """The province's own report (a draft as it would read today, or as issued) as DOCX."""
    province = _own_province(request.user)
    report = get_object_or_404(
        Report.objects.filter(commune=province, request__level="nation"), pk=report_pk, request=pk
    )
    content = render_city_snapshot(current_snapshot(report))
    return _file_response(content, _report_filename(report, "docx"))


# --- The country's live figures ---------------------------------------------------------


@login_required
@require_GET
def dashboard(request, province_pk=None):
    """The support visits of the whole country by province, or of one province by commune,
    from the monthly and daily totals: live, whatever the reports say."""
    _ministry(request.user)
    period, problem = live.period_from(request.GET, timezone.localdate())
    if problem:
        messages.warning(request, problem)
    province = None
    if province_pk is not None:
        province = get_object_or_404(Unit.objects.filter(level=Level.PROVINCE), pk=province_pk)
        figures = live.province(province, period)
        area = unit_phrase(province)
    else:
        figures = live.country(period)
        area = "cả nước"
    return render(
        request,
        "nation/dashboard.html",
        {
            **_words(),
            **figures,
            "province": province,
            "area": area,
            "period": period,
            "year": period.start.year,
            "years": range(timezone.localdate().year, live.EARLIEST.year - 1, -1),
            "month": request.GET.get("thang", "") if not problem else "",
            "months": range(1, 13),
        },
    )
