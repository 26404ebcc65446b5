"""Duty figures of a report: shifts planned, and shifts held (someone checked in)."""

from django.db.models import Count, Q

from hocvuso.core.periods import Period

from .models import Assignment, Shift


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
    }
