"""The commune's duty places and office hours: listed for its officers, added, changed and
deactivated by the commune's officer, read by the city's.

The writes are in hocvuso/roster/duty_places.py; a place of another commune is a 404,
and a team leader or member is refused, as on the other roster pages.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hocvuso.units.facts import commune_facts, local_choices
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import CommuneWords

from . import duty_places
from .forms import HoursFormSet, PlaceForm
from .models import DutyPlace, OpeningHours, PlaceKind
from .officer import chosen_commune, query, roster_scope, writes_roster


def _places_url(commune) -> str:
    return reverse("roster:places") + query(commune)


@login_required
def places(request):
    scope = roster_scope(request)
    commune = chosen_commune(request, scope)
    rows = (
        DutyPlace.objects.visible_to(scope)
        .filter(commune=commune)
        .select_related("village")
        .prefetch_related(
            Prefetch("hours", queryset=OpeningHours.objects.order_by("weekday", "starts"))
        )
        .order_by("-is_active", "kind", "name")
    )
    # "Nhà văn hóa bản, xóm", the commune's service centre: the kinds in the commune's words.
    kinds = dict(local_choices(PlaceKind.choices, commune_facts(commune)))
    rows = list(rows)
    for place in rows:
        place.kind_label = kinds.get(place.kind, place.get_kind_display())
    return render(
        request,
        "roster/places.html",
        {
            "commune": commune,
            "places": rows,
            "may_write": writes_roster(request.user),
            "q": {"commune": query(commune)},
        },
    )


def _forms(request, commune, initial: duty_places.PlaceInput | None = None, place=None):
    facts = commune_facts(commune)
    villages = Unit.objects.filter(level=Level.VILLAGE, parent=commune, valid_to__isnull=True)
    if place is not None and place.village_id:
        villages = villages | Unit.objects.filter(pk=place.village_id)
    options = {
        "kinds": local_choices(PlaceKind.choices, facts),
        "villages": villages.order_by("code"),
        "village_label": CommuneWords.of(commune).village_label,
    }
    if request.method == "POST":
        return PlaceForm(request.POST, **options), HoursFormSet(request.POST, prefix="hours")
    form = PlaceForm(
        initial={
            "name": initial.name,
            "kind": initial.kind,
            "address": initial.address,
            "village": initial.village,
        },
        **options,
    )
    hours = HoursFormSet(initial=[vars(row) for row in initial.hours], prefix="hours")
    return form, hours


def _input(form, hours) -> duty_places.PlaceInput:
    data = form.cleaned_data
    fields = ("weekday", "starts", "ends", "members_needed")
    rows = [
        duty_places.HoursInput(**{name: f.cleaned_data[name] for name in fields})
        for f in _kept_forms(hours)
    ]
    return duty_places.PlaceInput(
        name=data["name"],
        kind=data["kind"],
        address=data["address"],
        village=data["village"],
        hours=rows,
    )


def _kept_forms(hours):
    """The forms of the formset that became rows, in the order of `_input`'s hours."""
    return [
        f
        for f in hours.forms
        if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def _save(request, commune, form, hours, place=None):
    """Save the posted place; None with the errors put on the forms."""
    if not (form.is_valid() and hours.is_valid()):
        return None
    try:
        return duty_places.save_place(commune, _input(form, hours), place, user=request.user)
    except ValidationError as error:
        kept = _kept_forms(hours)
        for key, errors in error.message_dict.items():
            if key.startswith("hours-"):
                kept[int(key.removeprefix("hours-"))].add_error(None, errors)
            else:
                form.add_error(key if key in form.fields else None, errors)
        return None


def _hours_message(request, place) -> None:
    if not place.hours.exists():
        messages.warning(
            request, f"{place.name} chưa có giờ trực nào: xếp lịch sẽ không có ca ở đây."
        )


@login_required
def place_add(request):
    scope = roster_scope(request)
    commune = chosen_commune(request, scope, for_write=True)
    form, hours = _forms(request, commune, duty_places.new_place(commune))
    if request.method == "POST":
        place = _save(request, commune, form, hours)
        if place is not None:
            messages.success(request, f"Đã thêm {place.name}.")
            _hours_message(request, place)
            return redirect(_places_url(commune))
    context = {"commune": commune, "form": form, "hours": hours, "place": None}
    return render(request, "roster/place_form.html", context | {"back": _places_url(commune)})


def _place(request, pk) -> DutyPlace:
    scope = roster_scope(request)
    if not writes_roster(request.user):
        raise PermissionDenied("Chỉ cán bộ xã, phường được thay đổi địa điểm trực của mình.")
    place = DutyPlace.objects.editable_by(scope).select_related("commune").filter(pk=pk).first()
    if place is None:
        raise Http404("Không tìm thấy địa điểm trực.")
    return place


@login_required
def place_edit(request, pk):
    place = _place(request, pk)
    commune = place.commune
    current = duty_places.PlaceInput(
        name=place.name,
        kind=place.kind,
        address=place.address,
        village=place.village,
        hours=[
            duty_places.HoursInput(h.weekday, h.starts, h.ends, h.members_needed)
            for h in place.hours.order_by("weekday", "starts")
        ],
    )
    form, hours = _forms(request, commune, current, place)
    if request.method == "POST":
        saved = _save(request, commune, form, hours, place)
        if saved is not None:
            messages.success(request, f"Đã lưu {saved.name}.")
            _hours_message(request, saved)
            return redirect(_places_url(commune))
    context = {"commune": commune, "form": form, "hours": hours, "place": place}
    return render(request, "roster/place_form.html", context | {"back": _places_url(commune)})


@login_required
@require_POST
def place_active(request, pk):
    place = _place(request, pk)
    active = request.POST.get("active") == "1"
    duty_places.set_place_active(place, active, user=request.user)
    if active:
        messages.success(
            request, f"{place.name} được dùng lại; hãy xếp lại lịch trực để có ca ở đây."
        )
    else:
        messages.success(
            request,
            f"Đã ngừng dùng {place.name}. Các ca đã xếp ở đây vẫn còn cho đến khi xếp lại lịch trực.",
        )
    return redirect(_places_url(place.commune))
