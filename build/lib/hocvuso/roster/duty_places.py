"""Writes on a commune's duty places and their office hours. The places pages and the tests
call these.

A place and its hours are checked whole (the end after the start, no two shifts of a
day overlapping, at least one member a shift) and saved together, each change in the
audit log. A place is never deleted: its past shifts stay in the roster's history; it
is deactivated instead, and the generator then plans nothing there.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from hocvuso.core.audit import acting_as
from hocvuso.units.facts import commune_facts
from hocvuso.units.models import Level, Unit

from .models import DEFAULT_HOURS, WEEKDAYS, DutyPlace, OpeningHours, PlaceKind

NAME_LENGTH = DutyPlace._meta.get_field("name").max_length
ADDRESS_LENGTH = DutyPlace._meta.get_field("address").max_length
MOST_MEMBERS = 20  # OpeningHours.members_needed's validator
WEEKDAY_NAMES = dict(WEEKDAYS)


@dataclass
class HoursInput:
    """One shift of a weekday: Monday (0) 07:30–11:30, two members."""

    weekday: int
    starts: datetime.time
    ends: datetime.time
    members_needed: int = 2

    def __str__(self):
        return f"{WEEKDAY_NAMES[self.weekday]} {self.starts:%H:%M}–{self.ends:%H:%M}"


@dataclass
class PlaceInput:
    name: str
    kind: str = PlaceKind.SERVICE_CENTRE
    address: str = ""
    village: Unit | None = None
    hours: list[HoursInput] = field(default_factory=list)


def default_hours(members_needed: int = 2) -> list[HoursInput]:
    """The office hours of a service centre: Monday to Friday, morning and afternoon."""
    return [
        HoursInput(weekday, starts, ends, members_needed)
        for weekday in range(5)
        for starts, ends in DEFAULT_HOURS
    ]


def new_place(commune: Unit) -> PlaceInput:
    """What a new place starts as: the commune's service centre, by the name its facts give
    ("Trung tâm Phục vụ hành chính công phường", or the one the commune saved), open in
    office hours."""
    return PlaceInput(name=commune_facts(commune).service_centre, hours=default_hours())


def _check_hours(hours: list[HoursInput], errors: dict) -> None:
    """Errors by row ("hours-3"): a row's own mistakes, or the earlier shift of the same day
    it overlaps."""
    for index, row in enumerate(hours):
        mistakes = []
        if row.weekday not in WEEKDAY_NAMES:
            mistakes.append("Hãy chọn thứ trong tuần.")
        if row.starts is None or row.ends is None:
            mistakes.append("Hãy nhập giờ bắt đầu và giờ kết thúc.")
        elif row.ends <= row.starts:
            mistakes.append("Giờ kết thúc phải sau giờ bắt đầu.")
        if not isinstance(row.members_needed, int) or not (1 <= row.members_needed <= MOST_MEMBERS):
            mistakes.append(f"Số người trực phải từ 1 đến {MOST_MEMBERS}.")
        if mistakes:
            errors[f"hours-{index}"] = mistakes
    by_day = sorted(
        (row.weekday, row.starts, index)
        for index, row in enumerate(hours)
        if f"hours-{index}" not in errors
    )
    latest = {}  # by weekday, the row that ends last among those seen
    for day, starts, index in by_day:
        before = latest.get(day)
        if before is not None and starts < hours[before].ends:
            errors[f"hours-{index}"] = [f"Trùng giờ với ca {hours[before]}."]
        if before is None or hours[index].ends > hours[before].ends:
            latest[day] = index


def check_place(commune: Unit, data: PlaceInput) -> dict:
    errors = {}
    name = (data.name or "").strip()
    if not name:
        errors["name"] = ["Hãy nhập tên địa điểm."]
    elif len(name) > NAME_LENGTH:
        errors["name"] = [f"Tên tối đa {NAME_LENGTH} ký tự."]
    if data.kind not in PlaceKind.values:
        errors["kind"] = ["Hãy chọn loại địa điểm."]
    if len(data.address or "") > ADDRESS_LENGTH:
        errors["address"] = [f"Địa chỉ tối đa {ADDRESS_LENGTH} ký tự."]
    village = data.village
    if village is not None and (village.level != Level.VILLAGE or village.parent_id != commune.pk):
        errors["village"] = ["Địa bàn này không thuộc đơn vị."]
    _check_hours(data.hours, errors)
    return errors


def save_place(commune: Unit, data: PlaceInput, place: DutyPlace | None = None, user=None):
    """Add a place (`place` None) or change one, with its hours as listed: rows of the same
    weekday and start are kept and updated, new ones added, missing ones removed."""
    errors = check_place(commune, data)
    if errors:
        raise ValidationError(errors)
    place = place or DutyPlace(commune=commune)
    assert place.commune_id == commune.pk, (place, commune)
    place.name, place.kind = data.name.strip(), data.kind
    place.address, place.village = (data.address or "").strip(), data.village
    with acting_as(user), transaction.atomic():
        place.save()
        kept = {(h.weekday, h.starts): h for h in place.hours.all()}
        wanted = {(row.weekday, row.starts): row for row in data.hours}
        for key, hours in kept.items():
            if key not in wanted:
                hours.delete()
        for key, row in wanted.items():
            hours = kept.get(key) or OpeningHours(
                place=place, weekday=row.weekday, starts=row.starts
            )
            if hours.pk is None or (hours.ends, hours.members_needed) != (
                row.ends,
                row.members_needed,
            ):
                hours.ends, hours.members_needed = row.ends, row.members_needed
                hours.save()
    return place


def set_place_active(place: DutyPlace, active: bool, user=None) -> DutyPlace:
    """Stop using a place (the generator plans nothing there from now on), or use it again.
    Shifts already planned there stay until the roster is generated again."""
    if place.is_active != active:
        place.is_active = active
        with acting_as(user):
            place.save(update_fields=["is_active", "updated_at"])
    return place
