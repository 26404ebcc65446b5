"""Calendars in iCalendar (ICS) form: one event per member per shift."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

from .models import Assignment

PRODID = "-//hocvuso//Lich truc Binh dan hoc vu so//VI"


def build_calendar(assignments, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = timezone.now()
    for a in assignments.select_related("shift", "shift__place", "member"):
        event = Event()
        event.add("uid", f"assignment-{a.pk}@hocvuso")
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(a.shift.starts_at))
        event.add("dtend", timezone.localtime(a.shift.ends_at))
        event.add("summary", f"Trực: {a.member.full_name} — {a.shift.place.name}")
        event.add("location", a.shift.place.address or a.shift.place.name)
        event.add("description", "Hướng dẫn người dân thực hiện các thao tác số cơ bản.")
        calendar.add_component(event)
    # Calendar programs need the VTIMEZONE that the TZID of each event names.
    calendar.add_missing_timezones()
    return calendar.to_ical()


def member_calendar(member, since: datetime.date | None = None) -> bytes:
    assignments = Assignment.objects.filter(member=member)
    if since:
        assignments = assignments.filter(shift__starts_at__date__gte=since)
    return build_calendar(
        assignments.order_by("shift__starts_at"), f"Lịch trực — {member.full_name}"
    )
