"""The roster of a week or a month as rows of days and columns of shifts, for every place.

The officer's table, the printed roster (HTML and DOCX) and the public page all
read the same `PlaceTable`s; they differ only in how a member is named: the
public page gives first names only, as the issue asks, while the officer's
table and the notice board add the words before a first name that two members
share, so that the two can be told apart.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from hocvuso.teams.models import Member, Membership, Role, Team, TeamLevel

from .calendar import each_day, national_holidays, national_workdays
from .models import WEEKDAYS, Assignment, CalendarException, DayKind, Shift

WEEKDAY_NAMES = dict(WEEKDAYS)
ROLE_RANK = {Role.LEADER: 0, Role.DEPUTY: 1, Role.MEMBER: 2}
FIRST_NAMES = "first"
SHORT_NAMES = "short"


def weekday_name(day: datetime.date) -> str:
    return str(WEEKDAY_NAMES[day.weekday()])


def hours_text(place) -> list[str]:
    """The place's opening hours, one line per run of weekdays with the same hours.

    E.g. ["Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00"]. Reads `place.hours`,
    which callers prefetch.
    """
    by_day = defaultdict(list)
    for row in place.hours.all():
        by_day[row.weekday].append(f"{row.starts:%H:%M}–{row.ends:%H:%M}")
    spans = [", ".join(sorted(by_day.get(weekday, []))) for weekday in range(7)]
    lines = []
    first = 0
    while first < 7:
        last = first
        while last + 1 < 7 and spans[last + 1] == spans[first]:
            last += 1
        if spans[first]:
            days = WEEKDAY_NAMES[first]
            if last > first:
                days = f"{days} – {WEEKDAY_NAMES[last]}"
            lines.append(f"{days}: {spans[first]}")
        first = last + 1
    return lines


def day_notes(commune, start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    """Why a day differs from a plain weekday: "Nghỉ lễ: Quốc khánh", "Làm bù"."""
    notes = {day: f"Nghỉ lễ: {name}" for day, name in national_holidays(start, end).items()}
    for day in national_workdays(start, end):
        notes[day] = "Ngày làm bù"
    exceptions = CalendarException.objects.filter(
        Q(commune=commune) | Q(commune__isnull=True), date__gte=start, date__lte=end
    ).order_by("commune")  # the commune's own entry comes last and wins, as in working_days
    for exception in exceptions:
        if exception.kind == DayKind.HOLIDAY:
            notes[exception.date] = f"Nghỉ lễ: {exception.name}"
        else:
            notes[exception.date] = f"Ngày làm bù: {exception.name}"
    return notes


def duty_roles(commune, member_ids) -> dict[int, str]:
    """The role each member holds in the team that takes the turns.

    The commune-level team takes the turns at the service centre, so a role in
    it comes first; otherwise the member's highest role in a team of the commune.
    """
    best = {}
    rows = (
        Membership.objects.open()
        .filter(member_id__in=member_ids, team__commune=commune)
        .values_list("member_id", "role", "team__level")
    )
    for member_id, role, level in rows:
        key = (level != TeamLevel.COMMUNE, ROLE_RANK.get(role, 9))
        if member_id not in best or key < best[member_id][0]:
            best[member_id] = (key, role)
    return {member_id: str(Role(role).label) for member_id, (_, role) in best.items()}


def short_names(members) -> dict[int, str]:
    """First names, with as many words before them as it takes to tell members apart."""
    by_first = defaultdict(list)
    for member in members:
        by_first[member.first_name].append(member)
    names = {}
    for group in by_first.values():
        for member in group:
            words = member.full_name.split()
            n = 1
            while n < len(words) and any(
                other.pk != member.pk and other.full_name.split()[-n:] == words[-n:]
                for other in group
            ):
                n += 1
            names[member.pk] = " ".join(words[-n:])
    return names


@dataclass
class OnDuty:
    member_id: int
    name: str
    full_name: str
    role: str
    phone: str = ""  # only when the member chose to publish it
    checked_in: bool = False


@dataclass
class DayRow:
    day: datetime.date
    weekday: str
    note: str = ""
    cells: list[list[OnDuty] | None] = field(default_factory=list)  # None: no shift then
    slots: list[tuple[str, list[OnDuty]]] = field(default_factory=list)  # (hours, who) of shifts

    @property
    def is_off(self) -> bool:
        return not any(cell is not None for cell in self.cells)


@dataclass
class PlaceTable:
    place: object
    hours: list[str]
    columns: list[tuple[datetime.time, datetime.time]]
    rows: list[DayRow]

    @property
    def column_labels(self) -> list[str]:
        return [f"{s:%H:%M}–{e:%H:%M}" for s, e in self.columns]

    def row_for(self, day: datetime.date) -> DayRow | None:
        return next((row for row in self.rows if row.day == day), None)


def roster_tables(
    commune, places, start: datetime.date, end: datetime.date, names: str = SHORT_NAMES
) -> list[PlaceTable]:
    """One table per place: the days of [start, end] with duty or a note, by shift.

    `places` is already scoped by the caller (the public page passes the
    commune's active places). Weekends show only when they have shifts or a
    note; the few queries do not grow with the number of days or members.
    """
    places = list(places.prefetch_related("hours"))
    lower = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    upper = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    )
    shifts = list(
        Shift.objects.filter(place__in=places, starts_at__gte=lower, starts_at__lt=upper)
        .order_by("starts_at")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("member"))
        )
    )
    members = {a.member_id: a.member for s in shifts for a in s.assignments.all()}
    roles = duty_roles(commune, members)
    if names == FIRST_NAMES:
        labels = {pk: member.first_name for pk, member in members.items()}
    else:
        labels = short_names(members.values())
    notes = day_notes(commune, start, end)
    by_place = defaultdict(dict)  # place → (day, start time, end time) → shift
    for shift in shifts:
        starts, ends = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
        by_place[shift.place_id][(starts.date(), starts.time(), ends.time())] = shift
    tables = []
    for place in places:
        found = by_place.get(place.pk, {})
        columns = {(s, e) for _, s, e in found}
        if not columns:
            columns = {(row.starts, row.ends) for row in place.hours.all()}
        columns = sorted(columns)
        days_with_shifts = {day for day, _, _ in found}
        rows = []
        for day in each_day(start, end):
            if day.weekday() >= 5 and day not in days_with_shifts and day not in notes:
                continue
            row = DayRow(day, weekday_name(day), notes.get(day, ""))
            for s, e in columns:
                shift = found.get((day, s, e))
                if shift is None:
                    row.cells.append(None)
                    continue
                row.cells.append(
                    sorted(
                        (_on_duty(a, labels, roles) for a in shift.assignments.all()),
                        key=lambda d: (ROLE_RANK_BY_LABEL.get(d.role, 9), d.name),
                    )
                )
            row.slots = [
                (f"{s:%H:%M}–{e:%H:%M}", cell)
                for (s, e), cell in zip(columns, row.cells, strict=True)
                if cell is not None
            ]
            rows.append(row)
        tables.append(PlaceTable(place, hours_text(place), columns, rows))
    return tables


ROLE_RANK_BY_LABEL = {str(role.label): rank for role, rank in ROLE_RANK.items()}


def _on_duty(assignment, labels, roles) -> OnDuty:
    member = assignment.member
    return OnDuty(
        member_id=member.pk,
        name=labels[member.pk],
        full_name=member.full_name,
        role=roles.get(member.pk, str(Role.MEMBER.label)),
        phone=member.phone if member.publish_phone and member.phone else "",
        checked_in=assignment.checked_in_at is not None,
    )


@dataclass
class RapidContact:
    team: str
    leader: str  # first name only
    phone: str  # only when published


def rapid_contacts(commune) -> list[RapidContact]:
    """How citizens reach the commune's rapid-response teams: first names, published phones."""
    contacts = []
    teams = Team.objects.filter(commune=commune, level=TeamLevel.RAPID_RESPONSE).prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.open()
            .filter(role=Role.LEADER)
            .select_related("member")
            .filter(member__is_active=True),
            to_attr="leaders",
        )
    )
    today = timezone.localdate()
    for team in teams:
        if not team.is_active_on(today):
            continue
        leader: Member | None = team.leaders[0].member if team.leaders else None
        contacts.append(
            RapidContact(
                team=team.name,
                leader=leader.first_name if leader else "",
                phone=leader.phone if leader and leader.publish_phone and leader.phone else "",
            )
        )
    return contacts
