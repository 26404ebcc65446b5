from functools import wraps

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hocvuso.accounts.handover import hand_over
from hocvuso.accounts.models import User
from hocvuso.accounts.services import issue_setup_link
from hocvuso.core.formatting import vn_number
from hocvuso.core.tasks import workers_alive

from . import jobs
from .base import ImportResult, RowError, can_import
from .files import BadFile, check_xlsx
from .forms import UploadForm
from .kinds import KINDS
from .models import ImportJob, ImportStatus
from .template import XLSX_CONTENT_TYPE, build_template

# A file with thousands of mistakes is a wrong file; the first ones say enough.
MAX_ERRORS_SHOWN = 200


def officer_required(view):
    """Officers import; team leaders and members get a 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _errors_context(errors: list, count: int) -> dict:
    shown = errors[:MAX_ERRORS_SHOWN]
    return {"errors_shown": shown, "errors_hidden": max(0, count - len(shown))}


def _render_index(request, form=None, result=None, kind=None):
    context = admin.site.each_context(request) | {
        "title": "Nhập dữ liệu từ Excel",
        "kinds": KINDS.values(),
        "form": form,
        "kind": kind,
        "result": result,
        "recent": ImportJob.objects.owned_by(request.user)[:5],
        "direct_limit": vn_number(settings.IMPORT_DIRECT_LIMIT),
    }
    if result is not None:
        context |= _errors_context(result.errors, len(result.errors))
    return render(request, "imports/index.html", context)


@officer_required
def index(request):
    return _render_index(request)


@officer_required
def template(request, kind):
    if kind not in KINDS:
        raise Http404
    sheet = KINDS[kind].sheet_for(request.user)
    response = HttpResponse(build_template(sheet), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="mau-{sheet.slug}.xlsx"'
    return response


@require_POST
@officer_required
def upload(request):
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_index(request, form=form, kind=KINDS.get(request.POST.get("kind")))
    kind = KINDS[form.cleaned_data["kind"]]
    upload = form.cleaned_data["file"]
    try:
        data = check_xlsx(upload)
    except BadFile as error:
        result = ImportResult(errors=[RowError(None, None, str(error))])
        return _render_index(request, form=form, result=result, kind=kind)
    if jobs.in_background(data):
        # Too long for a web request: the worker imports it, the job's page follows it.
        job = jobs.start_import(request.user, kind, data, upload.name)
        return redirect("imports:job", pk=job.pk)
    result = kind.run(request.user, upload)
    if not result.ok:
        return _render_index(request, form=form, result=result, kind=kind)
    messages.success(request, f"{kind.sheet.title}: {result.summary()}")
    if result.links:
        # The logins the import made: their links are mailed or shown once, printable.
        return hand_over(request, result.links, reverse("imports:index"))
    return redirect("imports:index")


def _get_job(request, pk) -> ImportJob:
    # Another user's import is not found.
    return get_object_or_404(ImportJob.objects.owned_by(request.user), pk=pk)


@login_required
def job(request, pk):
    """A file the worker imports: its progress, then what it saved or why it saved nothing;
    `?phan=1` gives only the part the page polls."""
    job = _get_job(request, pk)
    kind = KINDS.get(job.kind)
    context = admin.site.each_context(request) | {
        "title": "Nhập dữ liệu từ Excel",
        "job": job,
        "kind_title": kind.sheet.title if kind else job.kind,
        # Without a worker the job would wait for ever: the officer is told why.
        "no_worker": job.status == ImportStatus.PENDING and not workers_alive(),
        **_errors_context(job.errors, job.error_count),
    }
    if request.GET.get("phan"):
        return render(request, "imports/_job_progress.html", context)
    return render(request, "imports/job.html", context)


@require_POST
@login_required
def job_links(request, pk):
    """The one-time links of the logins a background import made: made now, for its owner,
    and shown once (a second visit finds them handed)."""
    job = _get_job(request, pk)
    back = reverse("imports:job", args=[job.pk])
    if job.status != ImportStatus.DONE or not job.logins:
        raise Http404
    with transaction.atomic():
        claimed = ImportJob.objects.filter(pk=job.pk, links_handed_at__isnull=True).update(
            links_handed_at=timezone.now()
        )
        if claimed:
            accounts = User.objects.in_bulk(job.logins)
            issued = [
                issue_setup_link(request.user, accounts[pk]) for pk in job.logins if pk in accounts
            ]
    if not claimed:
        messages.info(
            request, "Liên kết của lần nhập này đã được trao; mỗi liên kết chỉ hiện một lần."
        )
        return redirect(back)
    return hand_over(request, issued, back)
