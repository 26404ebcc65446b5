"""Page pieces that the province's pages and the Ministry's (hocvuso/nation) share: the same
loop one level up, so the same list of requests, review form, downloads and files.

Not views: functions a view calls with what differs by level (its queryset, its URL names,
its renderers), so that neither level imports the other's views.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.text import slugify

from hocvuso.reports.models import ReportRequest
from hocvuso.reports.output import CONTENT_TYPES, NotFoundForUser
from hocvuso.reports.render.pdf import docx_to_pdf
from hocvuso.reports.views import start_file

from . import services
from .forms import PeriodPreviewForm, ReminderForm, ReturnForm
from .models import Submission, SubmissionStatus
from .synthesis import city_figures


def request_paths(views) -> list:
    """The paths of a level's requests, to the level's `views` (its module): the list, a new
    request and the preview of its period, the completeness page, its XLSX and the reminder."""
    return [
        path("", views.requests, name="requests"),
        path("yeu-cau/moi/", views.new_request, name="new_request"),
        path("yeu-cau/ky-bao-cao/", views.period_preview, name="period_preview"),
        path("yeu-cau/<int:pk>/", views.request_detail, name="request"),
        path("yeu-cau/<int:pk>/tinh-hinh.xlsx", views.completeness_xlsx, name="completeness_xlsx"),
        path("yeu-cau/<int:pk>/nhac/", views.remind, name="remind"),
    ]


def file_response(content: bytes, filename: str) -> HttpResponse:
    extension = filename.rsplit(".", 1)[-1]
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stem(req: ReportRequest) -> str:
    """ "1885_SKHCN-TTTT": a request's number and symbol, as a file name says them."""
    return f"{req.number}_{slugify(req.symbol).upper()}"


def with_counts(requests):
    """The requests with how many units were asked, have sent and were accepted."""
    return requests.annotate(
        expected=Count("communes", distinct=True),
        sent=Count("submissions", distinct=True),
        accepted=Count(
            "submissions",
            filter=Q(submissions__status=SubmissionStatus.ACCEPTED),
            distinct=True,
        ),
    ).order_by("-issued_on", "-pk")


def request_from_post(request, form, create, units_word):
    """The request that `create(arguments)` (a service) makes of the posted request `form`,
    said in a message with how many `units_word(req)` it goes to; None when nothing was
    posted, the form has errors, the service refuses (its reason then on the form), or the
    officer only looks at the period ("Xem kỳ báo cáo" without the script)."""
    if request.method != "POST" or not form.is_valid() or "preview" in request.POST:
        return None
    try:
        req = create(form.service_arguments())
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None
    messages.success(
        request,
        f"Đã tạo yêu cầu {req.number_symbol}, gửi tới {req.communes.count()} {units_word(req)}.",
    )
    return req


def period_of_form(form):
    """The period a request form (`RequestForm`) says, as its page previews it: from the
    posted fields, or from the form's first values."""
    data = form.data or {name: form[name].value() for name in PeriodPreviewForm.base_fields}
    return PeriodPreviewForm(data).preview()


def completeness_context(request, req: ReportRequest) -> dict:
    """What a completeness page shows of `req` (the template's `city/_completeness_summary.html`
    and `city/_find_units.html`): the totals, the rows found by the name or code `q` and the
    state `trang-thai`, how many rows are in each state, and the reminder form."""
    result = services.completeness(req)
    query = request.GET.get("q", "").strip()[:100]
    state = request.GET.get("trang-thai", "")
    state = state if state in services.ROW_STATES else ""
    states = [
        {"value": value, "label": label, "count": sum(1 for row in result.rows if keep(row))}
        for value, (label, keep) in services.ROW_STATES.items()
    ]
    return {
        "req": req,
        "result": result,
        "rows": services.find_rows(result.rows, query, state),
        "query": query,
        "state": state,
        "states": states,
        "filtered": bool(query or state),
        "missing": result.expected - result.sent,
        "reminder_form": ReminderForm(),
    }


def answer_page(request, sub: Submission, template: str, url_name: str, context: dict):
    """One unit's answer, its history and the review: the review posted (a redirect to
    `url_name` when done), or the page `template` with what it shares and `context`."""
    return_form = ReturnForm()
    if request.method == "POST":
        answer = review_from_post(request, sub, url_name)
        if not isinstance(answer, ReturnForm):
            return answer
        return_form = answer
    snapshot = sub.report.snapshot or {}
    return render(
        request,
        template,
        {
            "sub": sub,
            "req": sub.request,
            "report": sub.report,
            "snapshot": snapshot,
            "on_time": not services.deadline_passed(sub.request.deadline, sub.first_sent_at),
            "events": sub.events.select_related("by", "report"),
            "return_form": return_form,
            **context,
        },
    )


def review_from_post(request, sub: Submission, url_name: str):
    """Accept or return `sub` as the posted form says: a redirect to `url_name` when done,
    else the return form with its error (the page shows it again)."""
    accept = request.POST.get("decision") == "accept"
    return_form = ReturnForm(request.POST)
    return_form.is_valid()
    try:
        services.review(
            request.user, sub, accept=accept, reason=return_form.cleaned_data.get("reason", "")
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and "reason" in error.error_dict:
            return_form.add_error("reason", error.error_dict["reason"])
        else:
            messages.error(request, " ".join(error.messages))
        return return_form
    if accept:
        messages.success(request, f"Đã tiếp nhận báo cáo của {sub.commune.name}.")
    else:
        messages.success(request, f"Đã trả lại báo cáo cho {sub.commune.name} để sửa.")
    return redirect(url_name, pk=sub.pk)


def synthesis_page(request, req: ReportRequest, template: str, words: dict):
    """The preview of the synthesized report of `req`, from the accepted answers only."""
    figures = city_figures(req)
    context = {"req": req, "figures": figures, "totals": figures["totals"], **words}
    return render(request, template, context)


def synthesis_download(request, req: ReportRequest, fmt: str, *, kind: str):
    """The synthesized report of `req` made by the worker (the renderer of `kind`,
    hocvuso.reports.jobs): its tables as XLSX, its DOCX, or that DOCX as PDF."""
    if fmt not in ("pdf", "docx", "xlsx"):
        raise Http404()
    options = {} if fmt == "pdf" else {"fmt": fmt}
    if fmt != "xlsx":
        options["charts"] = request.GET.get("charts") != "0"
    return start_file(request, kind, req.pk, options)


def remind_from_post(request, req: ReportRequest, back: str):
    """Remind the units asked by `req` that have not sent (in the officer's own words, if the
    form gives some), then back to the page `back` of the request."""
    form = ReminderForm(request.POST)
    form.is_valid()
    reminders = services.remind_late(request.user, req, form.cleaned_data.get("message", ""))
    if reminders:
        messages.success(request, f"Đã nhắc {len(reminders)} đơn vị chưa gửi báo cáo.")
    else:
        messages.info(request, "Không còn đơn vị nào chưa gửi báo cáo; không có ai để nhắc.")
    return redirect(back, pk=req.pk)


def of_job_user(objects, job, what: str):
    """The job's object as its user would find it on the page, when the file is made:
    among `objects(user)`, which refuses (PermissionDenied) a user who may no longer come in."""
    try:
        found = objects(job.user).filter(pk=job.object_id).first()
    except PermissionDenied:
        raise NotFoundForUser(f"Bạn không còn được xem {what} này.") from None
    if found is None:
        raise NotFoundForUser(f"Không tìm thấy {what}, hoặc bạn không còn được xem {what} này.")
    return found


def synthesized_file(job, req: ReportRequest, docx, xlsx, prefix: str) -> tuple[bytes, str]:
    """The file a worker's job asks of a synthesized report: its tables as XLSX (`xlsx`), or
    its DOCX (`docx`), as such or converted to PDF by LibreOffice."""
    filename = f"{prefix}_{stem(req)}.{job.fmt}"
    if job.fmt == "xlsx":
        return xlsx(req), filename
    content = docx(req, charts=job.options.get("charts", True))
    return (docx_to_pdf(content) if job.fmt == "pdf" else content), filename
