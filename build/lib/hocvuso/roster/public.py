"""What anyone may read without signing in: who is on duty, and a member's calendar feed.

The public page has no user to scope by; it reads the commune's active places
and shifts and shows of each member only what the issue allows: the first
name, the role in the team, and the phone number of those who chose to
publish it. The ICS feed is found by its secret alone, like a private link.
"""

import datetime

from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hocvuso.core.periods import week_of
from hocvuso.units.facts import commune_facts
from hocvuso.units.models import Level, Unit

from .ics import member_calendar
from .models import CalendarFeed, DutyPlace, Shift
from .tables import FIRST_NAMES, rapid_contacts, roster_tables

FEED_HISTORY = datetime.timedelta(days=92)  # how far back a feed reaches


def _day(value: str | None) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def public_index(request):
    places = DutyPlace.objects.filter(commune=OuterRef("pk"), is_active=True)
    shifts = Shift.objects.filter(commune=OuterRef("pk"), place__is_active=True)
    communes = list(
        Unit.objects.filter(level=Level.COMMUNE)
        .filter(Exists(places))
        .annotate(has_shifts=Exists(shifts))
        .select_related("parent")
        .order_by("parent__name", "name")
    )
    with_shifts = [c for c in communes if c.has_shifts]
    if len(with_shifts) == 1 or (not with_shifts and len(communes) == 1):
        only = with_shifts[0] if with_shifts else communes[0]
        return redirect("roster:public_commune", code=only.code)
    return render(request, "roster/public_index.html", {"communes": communes})


def public_commune(request, code):
    commune = get_object_or_404(
        Unit.objects.select_related("parent"), level=Level.COMMUNE, code=code
    )
    today = timezone.localdate()
    day = _day(request.GET.get("ngay"))
    start, end = week_of(day)
    places = DutyPlace.objects.filter(commune=commune, is_active=True)
    week = roster_tables(commune, places, start, end, names=FIRST_NAMES)
    on_today = roster_tables(commune, places, today, today, names=FIRST_NAMES)
    for table in on_today:
        table.today = table.row_for(today)
    facts = commune_facts(commune)
    return render(
        request,
        "roster/public.html",
        {
            "commune": commune,
            # The visitor is anonymous: the page speaks the commune's words.
            "words": facts.words,
            "facts": facts,
            "today": today,
            "start": start,
            "end": end,
            "week": week,
            "on_today": on_today,
            "contacts": rapid_contacts(commune),
            "prev": (start - datetime.timedelta(days=7)).isoformat(),
            "next": (start + datetime.timedelta(days=7)).isoformat(),
            "is_this_week": start <= today <= end,
        },
    )


def ics_feed(request, secret):
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("member"), secret=secret, member__is_active=True
    )
    since = timezone.localdate() - FEED_HISTORY
    response = HttpResponse(
        member_calendar(feed.member, since=since), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="lich-truc.ics"'
    # The address is a secret: keep it out of shared caches and search engines.
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
