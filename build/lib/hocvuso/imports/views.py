from functools import wraps

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hocvuso.accounts.handover import hand_over

from .base import can_import
from .forms import UploadForm
from .kinds import KINDS
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


def _render_index(request, form=None, result=None, kind=None):
    context = admin.site.each_context(request) | {
        "title": "Nhập dữ liệu từ Excel",
        "kinds": KINDS.values(),
        "form": form,
        "kind": kind,
        "result": result,
    }
    if result is not None:
        context["errors_shown"] = result.errors[:MAX_ERRORS_SHOWN]
        context["errors_hidden"] = max(0, len(result.errors) - MAX_ERRORS_SHOWN)
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
    result = kind.run(request.user, form.cleaned_data["file"])
    if not result.ok:
        return _render_index(request, form=form, result=result, kind=kind)
    messages.success(request, f"{kind.sheet.title}: {result.summary()}")
    if result.links:
        # The logins the import made: their links are mailed or shown once, printable.
        return hand_over(request, result.links, reverse("imports:index"))
    return redirect("imports:index")
