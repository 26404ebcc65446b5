"""The commune's villages page: paste or upload the list, preview it, save it; rename, change
the kind of, retire or restore one village.

The commune officer writes; the city officer reads a commune's page (`?xa=<code>`);
a team leader or a member is refused, and a village or commune out of scope is a
404. The writes are in hocvuso/dashboard/villages.py.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hocvuso.accounts.permissions import officer_scope, writes_for_commune
from hocvuso.units.lookup import current_communes
from hocvuso.units.models import Level, Unit
from hocvuso.units.villages import (
    Line,
    commune_villages,
    lines_of_text,
    plan_villages,
    split_kind,
    text_of_lines,
    village_kind_choices,
)
from hocvuso.units.words import KIND_WORDS, VILLAGE_KINDS, CommuneWords, capfirst

from . import villages as services

REFUSAL = "Trang địa bàn dành cho cán bộ xã, phường và tỉnh, thành phố."


class ListForm(forms.Form):
    text = forms.CharField(
        label="Danh sách (mỗi dòng một tên)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )
    default_kind = forms.ChoiceField(label="Loại cho các dòng không ghi loại", choices=())
    sheet = forms.FileField(
        label="Hoặc tải lên tệp Excel (.xlsx)",
        required=False,
        help_text="Cột Tên, Loại và Mã (không bắt buộc); dòng đầu là tên cột.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, words: CommuneWords, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_kind"].choices = village_kind_choices()
        self.fields["default_kind"].initial = _kind_of_word(words.village)
        example = capfirst(words.village)
        self.fields["text"].widget.attrs["placeholder"] = f"{example} 1\n{example} 2\n…"

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("sheet"):
            raise ValidationError("Hãy dán danh sách hoặc chọn tệp Excel.")
        return data


class VillageForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=())
    short_name = forms.CharField(label="Tên", max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = village_kind_choices()
        self.fields["short_name"].error_messages["required"] = "Hãy nhập tên."


class RetireForm(forms.Form):
    on = forms.DateField(
        label="Thôi từ ngày",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _kind_of_word(word: str) -> str:
    return next((str(k) for k in VILLAGE_KINDS if KIND_WORDS[k] == word), str(VILLAGE_KINDS[0]))


def _communes(scope):
    return current_communes(scope).order_by("name")


def _commune(request, scope) -> Unit | None:
    """The commune of the page: `?xa=<code>`, else the officer's own; None for a city officer
    who has not chosen one."""
    code = request.GET.get("xa")
    communes = _communes(scope)
    if code:
        commune = communes.filter(code=code).first()
        if commune is None:
            raise Http404("Không tìm thấy xã, phường.")
        return commune
    if request.user.unit_id:
        return communes.filter(pk=request.user.unit_id).first()
    return None


def _writes(request, scope, commune) -> bool:
    return writes_for_commune(request.user) and (
        Unit.objects.editable_by(scope).filter(pk=commune.pk).exists()
    )


def _page_url(commune) -> str:
    return f"{reverse('units:villages')}?xa={commune.code}"


def _choices(post) -> dict[int, str]:
    """The kinds chosen line by line on the preview: `kind-5` = "ban"."""
    chosen = {}
    for key, value in post.items():
        number = key.removeprefix("kind-")
        if number != key and number.isdigit() and value:
            chosen[int(number)] = value
    return chosen


def _village_rows(commune):
    return (
        commune_villages(commune)
        .prefetch_related("teams", "village_zalo_groups")
        .order_by("valid_to", "code")
    )


@login_required
def villages(request):
    scope = officer_scope(request, REFUSAL)
    commune = _commune(request, scope)
    if commune is None:
        return render(request, "dashboard/villages_choose.html", {"communes": _communes(scope)})
    words = CommuneWords.of(commune)
    may_write = _writes(request, scope, commune)
    form = ListForm(words=words)
    plan = source = None
    offset = 0
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied("Chỉ cán bộ của xã, phường được sửa danh sách địa bàn.")
        if "confirm" in request.POST or "again" in request.POST:
            source = request.POST.get("source", "")
            offset = _int(request.POST.get("offset"))
            default_kind = request.POST.get("default_kind") or None
            lines = lines_of_text(source, first_number=offset + 1)
            plan = plan_villages(commune, lines, default_kind, _choices(request.POST))
            if "confirm" in request.POST and plan.is_valid:
                done = services.set_up_villages(plan, user=request.user)
                messages.success(request, done.summary())
                return redirect(_page_url(commune))
            form = ListForm(initial={"text": source, "default_kind": default_kind}, words=words)
        else:
            form = ListForm(request.POST, request.FILES, words=words)
            if form.is_valid():
                lines = _lines(form)
                if lines is not None:
                    offset = lines[0].number - 1 if lines else 0
                    source = text_of_lines(lines)
                    plan = plan_villages(commune, lines, form.cleaned_data["default_kind"])
    if plan is not None:
        missing = services.missing_parts(plan)
        for row in plan.existing_rows:
            row.missing = missing.get(row.village.pk, [])
    context = {
        "commune": commune,
        "words": words,
        "may_write": may_write,
        "form": form if may_write else None,
        "plan": plan,
        "source": source,
        "offset": offset,
        "default_kind": request.POST.get("default_kind", ""),
        "kinds": village_kind_choices(),
        "villages": _village_rows(commune),
        "max_lines": services.MAX_LINES,
    }
    return render(request, "dashboard/villages.html", context)


def _int(value) -> int:
    try:
        return max(int(value or 0), 0)
    except ValueError:
        return 0


def _lines(form) -> list[Line] | None:
    """The lines of the pasted box or of the uploaded sheet; None after adding its error."""
    sheet = form.cleaned_data.get("sheet")
    if sheet is None:
        return lines_of_text(form.cleaned_data["text"])
    try:
        return services.lines_of_sheet(sheet)
    except ValidationError as error:
        form.add_error("sheet", error)
        return None


def _village(request, pk, for_write=False) -> tuple[Unit, object]:
    scope = officer_scope(request, REFUSAL)
    villages = Unit.objects.filter(level=Level.VILLAGE).select_related("parent")
    villages = villages.editable_by(scope) if for_write else villages.visible_to(scope)
    village = villages.filter(pk=pk).first()
    if village is None:
        raise Http404("Không tìm thấy địa bàn.")
    return village, scope


@login_required
def village_edit(request, pk):
    village, scope = _village(request, pk)
    commune = village.parent
    may_write = _writes(request, scope, commune)
    back = _page_url(commune)
    form = VillageForm(initial={"kind": village.kind, "short_name": _own_name(village)})
    retire = RetireForm(initial={"on": timezone.localdate()})
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied("Chỉ cán bộ của xã, phường được sửa danh sách địa bàn.")
        action = request.POST.get("action")
        try:
            if action == "retire":
                retire = RetireForm(request.POST)
                if retire.is_valid():
                    services.retire_village(village, retire.cleaned_data["on"], user=request.user)
                    messages.success(
                        request, f"{village.name} đã thôi từ ngày {village.valid_to:%d/%m/%Y}."
                    )
                    return redirect(back)
            elif action == "restore":
                services.restore_village(village, user=request.user)
                messages.success(request, f"Đã khôi phục {village.name}.")
                return redirect(back)
            else:
                form = VillageForm(request.POST)
                if form.is_valid():
                    data = form.cleaned_data
                    services.change_village(
                        village, data["short_name"], data["kind"], user=request.user
                    )
                    messages.success(request, f"Đã lưu {village.name}.")
                    return redirect(back)
        except ValidationError as error:
            target = retire if action == "retire" else form
            _add_errors(target, error)
    return render(
        request,
        "dashboard/village_edit.html",
        {
            "village": village,
            "commune": commune,
            "words": CommuneWords.of(commune),
            "form": form,
            "retire": retire,
            "may_write": may_write,
            "back": back,
        },
    )


def _own_name(village: Unit) -> str:
    """ "Na Son" for "Bản Na Son", whether or not the short name kept the kind word."""
    kind, rest = split_kind(village.short_name)
    return rest if kind == village.kind and rest else village.short_name


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)
