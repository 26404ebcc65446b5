"""The city officer's pages: requests, who has reported, review, reminders, the city's report.

Every request is fetched through `_requests_of(user)`: a city officer sees the
requests of their own city, a superuser those of every city, and nobody else
comes in (403). A request of another city is simply not found (404).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from hocvuso.accounts.handover import email_configured, hand_over
from hocvuso.accounts.models import UserRole
from hocvuso.accounts.scoping import may_edit_settings
from hocvuso.accounts.services import create_officer_accounts
from hocvuso.imports.template import XLSX_CONTENT_TYPE
from hocvuso.learning.models import Platform
from hocvuso.reports.models import ReportRequest, ReportSettings
from hocvuso.reports.output import render_report
from hocvuso.reports.setup import FactsForm, HeaderForm, add_errors, header_of
from hocvuso.reports.views import get_report, province_kind, start_file
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import ProvinceWords, communes_word, unit_phrase

from . import officers, pages, services, setup
from .department import department_defaults
from .forms import PeriodPreviewForm, RequestForm
from .models import Reminder, Submission, SubmissionStatus
from .render import render_city_docx, render_city_xlsx, render_completeness_xlsx

# The columns of the completeness table that `?sort=` orders by; the default
# is the service's order, the missing communes first.
SORT_KEYS = {
    "code": lambda row: row.commune.code,
    "name": lambda row: row.commune.name,
    "sent": lambda row: (row.sent, row.submission.first_sent_at if row.sent else None),
    "on_time": lambda row: (row.sent, row.on_time),
    "status": lambda row: REVIEW_ORDER[row.submission.status if row.sent else ""],
    "reminders": lambda row: row.reminders,
}
REVIEW_ORDER = {
    "": 0,
    SubmissionStatus.RETURNED: 1,
    SubmissionStatus.SUBMITTED: 2,
    SubmissionStatus.ACCEPTED: 3,
}
COLUMNS = [
    ("code", "Mã"),
    ("name", "Đơn vị"),
    ("sent", "Ngày gửi"),
    ("on_time", "Đúng hạn?"),
    ("status", "Duyệt"),
    ("reminders", "Lần nhắc"),
]


SORT_CHOICES = [
    ("", "Chưa gửi trước"),
    ("name", "Tên đơn vị (A–Z)"),
    ("code", "Mã đơn vị"),
    ("sent", "Ngày gửi (sớm trước)"),
    ("-sent", "Ngày gửi (muộn trước)"),
    ("-on_time", "Đúng hạn trước"),
    ("status", "Trạng thái duyệt"),
    ("-reminders", "Nhắc nhiều nhất"),
]


def _words(req: ReportRequest | None = None, province: Unit | None = None) -> dict:
    """The words of a page about a province: "tỉnh", and its communes' kinds ("xã, phường")."""
    province = req.province if req is not None else province
    if province is None:
        # An administrator's list spans every province.
        return {"pw": None, "province_kind": "tỉnh, thành phố", "communes": "đơn vị"}
    communes = req.communes.all() if req is not None else province.children.all()
    kinds = communes.filter(level=Level.COMMUNE).values_list("kind", flat=True)
    pw = ProvinceWords.of(province)
    return {"pw": pw, "province_kind": pw.kind, "communes": communes_word(kinds)}


def _city_officer(user) -> None:
    if user.is_superuser:
        return
    if user.role != UserRole.CITY_OFFICER or user.unit_id is None:
        raise PermissionDenied("Chỉ cán bộ cấp tỉnh được xem các trang này.")


def _provinces_of(user) -> list[Unit]:
    if user.is_superuser:
        return list(Unit.objects.filter(level=Level.PROVINCE).order_by("name"))
    return [user.unit]


def _requests_of(user):
    _city_officer(user)
    # The Ministry's requests to the provinces have their own pages (hocvuso/nation).
    requests = ReportRequest.objects.of_provinces().select_related("province")
    if user.is_superuser:
        return requests
    return requests.filter(province_id=user.unit_id)


def _get_request(request, pk) -> ReportRequest:
    return get_object_or_404(_requests_of(request.user), pk=pk)


def _submissions_of(user):
    return Submission.objects.filter(request__in=_requests_of(user)).select_related(
        "request", "request__province", "commune", "report", "reviewed_by"
    )


def _get_submission(request, pk) -> Submission:
    return get_object_or_404(_submissions_of(request.user), pk=pk)


_file_response = pages.file_response
_stem = pages.stem


@login_required
def requests(request):
    rows = pages.with_counts(_requests_of(request.user))
    province = None if request.user.is_superuser else request.user.unit
    return render(request, "city/requests.html", {"rows": rows, **_words(province=province)})


@login_required
def new_request(request):
    _city_officer(request.user)
    provinces = _provinces_of(request.user)
    form = RequestForm(request.POST if request.method == "POST" else None, provinces=provinces)
    req = pages.request_from_post(
        request,
        form,
        lambda arguments: services.create_request(request.user, form.province, **arguments),
        lambda req: _words(req)["communes"],
    )
    if req is not None:
        return redirect("city:request", pk=req.pk)
    return render(
        request,
        "city/request_form.html",
        {
            "form": form,
            "preview": pages.period_of_form(form),
            "pick_province": "province" in form.fields,
            **_words(province=None if len(provinces) > 1 else provinces[0]),
            "commune_count": form.fields["communes"].queryset.count(),
        },
    )


@login_required
@require_GET
def period_preview(request):
    """The fragment "Kỳ báo cáo: 15/03/2026 – 14/06/2026" that the form swaps in as it changes."""
    _city_officer(request.user)
    preview = PeriodPreviewForm(request.GET).preview()
    return render(request, "city/period_preview.html", {"preview": preview})


def _sorted_rows(rows, sort: str):
    key = SORT_KEYS.get(sort.lstrip("-"))
    if key is None:
        return rows, ""
    # Each sort keeps the missing-first order among equals, as Python's sort is stable.
    return sorted(rows, key=key, reverse=sort.startswith("-")), sort


@login_required
def request_detail(request, pk):
    """The completeness page: who has sent, who was on time, who was reminded."""
    req = _get_request(request, pk)
    context = pages.completeness_context(request, req)
    rows, sort = _sorted_rows(context["rows"], request.GET.get("sort", ""))
    columns = [
        {
            "key": key,
            "label": label,
            "active": sort.lstrip("-") == key,
            "descending": sort == f"-{key}",
            "next": f"-{key}" if sort == key else key,
        }
        for key, label in COLUMNS
    ]
    last_reminder = Reminder.objects.filter(request=req).order_by("-sent_at").first()
    return render(
        request,
        "city/request_detail.html",
        {
            **context,
            "rows": rows,
            "columns": columns,
            "sort": sort,
            "sort_choices": SORT_CHOICES,
            "last_reminder": last_reminder,
            **_words(req),
        },
    )


@login_required
def completeness_xlsx(request, pk):
    req = _get_request(request, pk)
    return _file_response(render_completeness_xlsx(req), f"TinhHinhGuiBaoCao_{_stem(req)}.xlsx")


@login_required
@require_POST
def remind(request, pk):
    return pages.remind_from_post(request, _get_request(request, pk), "city:request")


@login_required
def submission(request, pk):
    """One commune's answer: its figures, its files, its history, and the review."""
    sub = _get_submission(request, pk)
    snapshot = sub.report.snapshot or {}
    context = {
        "figures": snapshot.get("figures", {}),
        "may_review": sub.status == SubmissionStatus.SUBMITTED,
        **_words(sub.request),
    }
    return pages.answer_page(request, sub, "city/submission.html", "city:submission", context)


@login_required
def submission_download(request, pk, fmt):
    if fmt not in ("docx", "pdf"):
        raise Http404()
    sub = _get_submission(request, pk)
    if fmt == "pdf":
        # Made by the worker (hocvuso.reports.jobs); the link leads to the file's page.
        return start_file(request, "submission", sub.pk)
    file = render_report(sub.report, fmt)
    return _file_response(file.content, file.filename)


def render_submission_pdf(job) -> tuple[bytes, str]:
    """A commune's submitted report as PDF ("submission" in hocvuso.reports.jobs)."""
    sub = pages.of_job_user(_submissions_of, job, "báo cáo đơn vị đã gửi")
    file = render_report(sub.report, "pdf")
    return file.content, file.filename


def render_city_report(job) -> tuple[bytes, str]:
    """The city's report ("city_report"): its tables as XLSX, or its DOCX, as such or
    converted to PDF by LibreOffice."""
    req = pages.of_job_user(_requests_of, job, "báo cáo tổng hợp")
    return pages.synthesized_file(job, req, render_city_docx, render_city_xlsx, "BaoCaoThanhPho")


@login_required
def city_report(request, pk):
    """The preview of the city's synthesized report, from the accepted reports only."""
    req = _get_request(request, pk)
    return pages.synthesis_page(request, req, "city/city_report.html", _words(req))


@login_required
def city_report_download(request, pk, fmt):
    return pages.synthesis_download(request, _get_request(request, pk), fmt, kind="city_report")


def _settings_province(request, pk) -> Unit:
    """The province whose settings the user edits: the city officer's own, any for an
    administrator; another province is not found."""
    _city_officer(request.user)
    pk = pk if pk is not None else request.user.unit_id
    province = Unit.objects.filter(level=Level.PROVINCE, pk=pk).first()
    if province is None or not may_edit_settings(request.user, province):
        raise Http404("Không tìm thấy đơn vị.")
    return province


@login_required
def province_settings(request, pk=None):
    """The province's facts, the Department's header, its platforms and its apps."""
    province = _settings_province(request, pk)
    defaults = department_defaults(province)
    data = request.POST if request.method == "POST" else None
    facts = FactsForm(data, unit=province)
    header = HeaderForm(data, instance=header_of(province, defaults), defaults=defaults)
    platforms = setup.platform_formset(province, data)
    services_ = setup.service_formset(province, data)
    forms_valid = all([f.is_valid() for f in (facts, header, platforms, services_)])
    row_errors = {}
    if data is not None and forms_valid:
        try:
            setup.save_province_settings(
                request.user,
                province,
                facts.cleaned_data,
                header.cleaned_data,
                setup.platform_inputs(platforms),
                setup.service_inputs(services_),
            )
        except ValidationError as error:
            row_errors = add_errors(error, facts, header)
        else:
            messages.success(request, "Đã lưu thiết lập. Báo cáo lập từ nay dùng nội dung mới.")
            return redirect(request.path)
    return render(
        request,
        "city/settings.html",
        {
            "unit": province,
            "words": ProvinceWords.of(province),
            "communes": communes_word(
                Unit.objects.filter(level=Level.COMMUNE, parent=province).values_list(
                    "kind", flat=True
                )
            ),
            "facts": facts,
            "header": header,
            "platforms": platforms,
            "services": services_,
            "row_errors": row_errors,
            "national_platforms": Platform.objects.filter(province__isnull=True),
            "saved": ReportSettings.objects.filter(commune=province).exists(),
        },
    )


@login_required
@require_POST
def submit(request, pk):
    """A commune sends its issued report to the province, answering one of its requests."""
    report = get_report(request, pk, for_write=True)
    chosen = request.POST.get("request", "")
    req = (
        ReportRequest.objects.filter(province_id=report.commune.parent_id, pk=chosen).first()
        if chosen.isdigit()
        else None
    )
    kind = province_kind(request.user, report.commune)
    if req is None:
        messages.error(request, f"Hãy chọn yêu cầu báo cáo của {kind} mà báo cáo này trả lời.")
        return redirect("reports:detail", pk=report.pk)
    try:
        services.submit_report(request.user, req, report)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Đã gửi báo cáo tới {unit_phrase(req.province)} theo {req}. Báo cáo đang chờ "
            f"{kind} duyệt.",
        )
    return redirect("reports:detail", pk=report.pk)


def _own_province(request) -> Unit:
    """The city officer's province; an administrator, bound to none, is sent to the admin."""
    _city_officer(request.user)
    province = request.user.unit
    if province is None or province.level != Level.PROVINCE:
        raise Http404("Tài khoản này không gắn với tỉnh, thành phố nào.")
    return province


def _accounts_page(request, province, rows, errors=None, file_errors=None, status=200):
    shown = {str(row.commune.pk) for row in rows}
    # Errors of rows that are not on the page (a commune of another province) go on top.
    stray = [m for key, ms in (errors or {}).items() if key not in shown for m in ms]
    words = ProvinceWords.covering(province)
    return render(
        request,
        "city/officer_accounts.html",
        {
            "province": province,
            "pw": words,
            "rows": rows,
            "with_officer": sum(1 for row in rows if row.officers),
            "stray_errors": stray,
            "has_errors": bool(errors),
            "file_errors": file_errors or [],
            "email": email_configured(),
        },
        status=status,
    )


@login_required
def officer_accounts(request):
    """Every commune of the province with its officers, and boxes to make the missing ones."""
    province = _own_province(request)
    if request.method == "POST":
        try:
            issued = create_officer_accounts(
                request.user, province, officers.inputs_from_post(request.POST)
            )
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            rows = officers.page_rows(province, request.POST, errors)
            return _accounts_page(request, province, rows, errors=errors, status=400)
        return hand_over(request, issued, back=request.path)
    return _accounts_page(request, province, officers.page_rows(province))


@login_required
def officer_accounts_template(request):
    province = _own_province(request)
    response = HttpResponse(officers.template_for(province), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="mau-tai-khoan-can-bo-{province.code}.xlsx"'
    )
    return response


@login_required
@require_POST
def officer_accounts_upload(request):
    province = _own_province(request)
    file = request.FILES.get("file")
    if file is None:
        issued, problems = [], ["Hãy chọn file Excel cần nhập."]
    else:
        issued, problems = officers.create_from_file(request.user, province, file)
    if problems:
        rows = officers.page_rows(province)
        return _accounts_page(request, province, rows, file_errors=problems, status=400)
    return hand_over(request, issued, back=reverse("city:accounts"))
