"""Duty figures of a report: where the roster sits and on which days, shifts planned and held."""

import datetime

from django.db.models import Count, Max, Min, Q

from hocvuso.core.periods import Period

from .models import Assignment, OpeningHours, Shift

# "Giờ hành chính": a report may say the roster keeps office hours only when every shift of
# the place lies between these times.
OFFICE_OPENS = datetime.time(7, 0)
OFFICE_CLOSES = datetime.time(17, 30)


def duty_places(commune_ids) -> list[dict]:
    """The commune's active duty places that have opening hours, the service centre first:
    their names, the weekdays their hours cover (0 = Monday) and whether those hours are
    office hours. One query, over the opening hours."""
    rows = (
        OpeningHours.objects.filter(place__commune_id__in=commune_ids, place__is_active=True)
        .values("place_id", "place__name", "place__kind", "weekday")
        .annotate(opens=Min("starts"), closes=Max("ends"))
        .order_by("place__kind", "place__name", "place_id", "weekday")
    )
    places: dict[int, dict] = {}
    for row in rows:
        place = places.setdefault(
            row["place_id"],
            {"name": row["place__name"], "weekdays": [], "office_hours": True},
        )
        place["weekdays"].append(row["weekday"])
        if row["opens"] < OFFICE_OPENS or row["closes"] > OFFICE_CLOSES:
            place["office_hours"] = False
    return list(places.values())


def for_period(commune_ids, period: Period) -> dict:
    lower, upper = period.bounds
    shifts = Shift.objects.filter(
        commune_id__in=commune_ids, starts_at__gte=lower, starts_at__lt=upper
    )
    totals = shifts.aggregate(
        planned=Count("pk", distinct=True),
        held=Count("pk", filter=Q(assignments__checked_in_at__isnull=False), distinct=True),
    )
    on_duty = Assignment.objects.filter(shift__in=shifts).values("member_id").distinct().count()
    return {
        "shifts_planned": totals["planned"],
        "shifts_held": totals["held"],
        "members_on_duty": on_duty,
        "places": duty_places(commune_ids),
    }
