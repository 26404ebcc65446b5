"""The support-visit figures of a report, computed in the database."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from hocvuso.core.periods import Period

from .models import Place, Service, SupportVisit


def for_period(commune_ids, period: Period) -> dict:
    lower, upper = period.bounds
    visits = SupportVisit.objects.filter(
        commune_id__in=commune_ids, occurred_at__gte=lower, occurred_at__lt=upper
    )
    totals = visits.aggregate(
        records=Count("pk"),
        total_people=Sum("people", default=0),
        elderly_people=Sum("people", filter=Q(elderly=True), default=0),
        disability_people=Sum("people", filter=Q(disability=True), default=0),
        female_people=Sum("people", filter=Q(gender="female"), default=0),
        male_people=Sum("people", filter=Q(gender="male"), default=0),
        home_people=Sum("people", filter=Q(place=Place.HOME), default=0),
    )
    through = SupportVisit.services.through
    by_service_rows = (
        through.objects.filter(supportvisit__in=visits)
        .values("service_id")
        .annotate(visits=Count("supportvisit_id"), people=Sum("supportvisit__people"))
    )
    counts = {row["service_id"]: row for row in by_service_rows}
    by_service = [
        {
            "code": s.code,
            "name": s.name,
            "short_name": s.short_name,
            "visits": counts[s.pk]["visits"],
            "people": counts[s.pk]["people"],
        }
        for s in Service.objects.filter(pk__in=counts).order_by("position", "name")
    ]
    by_service.sort(key=lambda row: -row["people"])
    place_labels = dict(Place.choices)
    by_place = [
        {
            "code": row["place"],
            "name": str(place_labels.get(row["place"], row["place"])),
            "visits": row["n_visits"],
            "people": row["n_people"],
        }
        for row in visits.values("place")
        .annotate(n_visits=Count("pk"), n_people=Sum("people"))
        .order_by("-n_people")
    ]
    by_village = [
        {
            "code": row["village__code"] or "",
            "name": row["village__name"] or "Chưa ghi thôn",
            "visits": row["n_visits"],
            "people": row["n_people"],
        }
        for row in visits.values("village__code", "village__name")
        .annotate(n_visits=Count("pk"), n_people=Sum("people"))
        .order_by("village__code")
    ]
    by_month = [
        {
            "month": row["month"].strftime("%Y-%m"),
            "visits": row["n_visits"],
            "people": row["n_people"],
        }
        for row in visits.annotate(month=TruncMonth("occurred_at"))
        .values("month")
        .annotate(n_visits=Count("pk"), n_people=Sum("people"))
        .order_by("month")
    ]
    totals["people"] = totals.pop("total_people")
    return {
        **totals,
        "by_service": by_service,
        "by_place": by_place,
        "by_village": by_village,
        "by_month": by_month,
    }
