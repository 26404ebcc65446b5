"""The register of directive documents: officers add and edit, every user of the commune reads.

The signed PDF is never linked from MEDIA_URL: `signed_file` checks the
reader's scope and streams the file itself.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from hocvuso.accounts.permissions import writer_scope
from hocvuso.accounts.scoping import scope_for
from hocvuso.units.models import Level, Unit

from .forms import DocumentForm
from .models import Document, DocumentKind

# The register's orders: by date (newest first), by kind, by number.
ORDERS = {
    "ngay": ("-issued_on", "-number"),
    "loai": ("kind", "-issued_on", "-number"),
    "so": ("-number", "-issued_on"),
}


def _writer_scope(request):
    return writer_scope(
        request,
        "Chỉ cán bộ xã, phường được thêm và sửa văn bản; cán bộ tỉnh, thành phố chỉ được xem.",
    )


def _get_document(request, pk, for_write=False) -> Document:
    scope = _writer_scope(request) if for_write else scope_for(request.user)
    documents = Document.objects.select_related("commune")
    documents = documents.editable_by(scope) if for_write else documents.visible_to(scope)
    try:
        return documents.get(pk=pk)
    except Document.DoesNotExist:
        raise Http404("Không tìm thấy văn bản.") from None


@login_required
def index(request):
    scope = scope_for(request.user)
    order = request.GET.get("sap-xep", "ngay")
    if order not in ORDERS:
        order = "ngay"
    kind = request.GET.get("loai", "")
    documents = Document.objects.visible_to(scope).select_related("commune")
    if kind in DocumentKind.values:
        documents = documents.filter(kind=kind)
    else:
        kind = ""
    communes = Unit.objects.visible_to(scope).filter(level=Level.COMMUNE)
    context = {
        "documents": documents.order_by(*ORDERS[order]),
        "order": order,
        "kind": kind,
        "kinds": DocumentKind.choices,
        "edits": scope.is_officer and scope.writes,
        "many_communes": communes.count() > 1,
    }
    return render(request, "documents/index.html", context)


def _edit(request, document=None):
    scope = _writer_scope(request)
    communes = Unit.objects.editable_by(scope)
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES, instance=document, communes=communes)
        if form.is_valid():
            saved = form.save()
            verb = "Đã lưu" if document else "Đã thêm"
            messages.success(request, f"{verb} {saved}.")
            return redirect("documents:index")
    else:
        form = DocumentForm(instance=document, communes=communes)
    return render(request, "documents/form.html", {"form": form, "document": document})


@login_required
def add(request):
    return _edit(request)


@login_required
def change(request, pk):
    return _edit(request, _get_document(request, pk, for_write=True))


@login_required
def signed_file(request, pk):
    document = _get_document(request, pk)
    if not document.signed_file:
        raise Http404("Văn bản chưa có bản ký.")
    name = f"{document.get_kind_display()} {document.number_symbol}.pdf".replace("/", "-")
    return FileResponse(
        document.signed_file.open("rb"), content_type="application/pdf", filename=name
    )
