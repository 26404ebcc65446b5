"""The support-visit figures of a report, computed in the database.

Two queries read the visits, however many there are (bench/report_speed.py times them on
200,000): one groups them by place, village and month, and the totals and the three
breakdowns are added up here from its rows, at most places × villages × months of them;
the other counts visits and people by service, through the visits' table of services.
One scan per query instead of one per figure: the scan is what costs.
"""

import datetime
from collections import defaultdict
from functools import reduce
from operator import or_

from django.db import connections
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from hocvuso.core.periods import Period, split_by_months
from hocvuso.units.models import Unit

from .models import (
    DailyServiceTotal,
    DailyTotal,
    Gender,
    MonthlyServiceTotal,
    MonthlyTotal,
    Place,
    Service,
    SupportVisit,
)

# The sums of each group of visits; the totals are their sums over all the groups.
SUMS = {
    "elderly_people": Sum("people", filter=Q(elderly=True), default=0),
    "disability_people": Sum("people", filter=Q(disability=True), default=0),
    "female_people": Sum("people", filter=Q(gender=Gender.FEMALE), default=0),
    "male_people": Sum("people", filter=Q(gender=Gender.MALE), default=0),
}


def months_of(period: Period, day_field: str | None = None) -> tuple[Case, list[str]]:
    """The local month of a visit's time, as an index into the months' labels ("2026-01");
    of a date, for `day_field` (the daily totals' day, the monthly totals' month).

    Not TruncMonth: it converts every row's time to the local zone, on SQLite by a Python
    function called once per row (seconds for 200,000 visits), and on PostgreSQL by an
    expression the planner cannot estimate, so that it sorted the rows on disk to group
    them. Comparing the stored UTC time with each month's end, computed once here in the
    local zone, gives the same months with plain comparisons.
    """
    tz = timezone.get_current_timezone()
    labels, whens = [], []
    month = period.start.replace(day=1)
    while month <= period.end:
        following = (month + datetime.timedelta(days=31)).replace(day=1)
        if day_field is None:
            end = datetime.datetime.combine(following, datetime.time.min, tzinfo=tz)
            whens.append(When(occurred_at__lt=end, then=Value(len(labels))))
        else:
            whens.append(When(**{f"{day_field}__lt": following}, then=Value(len(labels))))
        labels.append(f"{month:%Y-%m}")
        month = following
    return Case(*whens, output_field=IntegerField()), labels


def for_period(commune_ids, period: Period) -> dict:
    lower, upper = period.bounds
    visits = SupportVisit.objects.filter(
        commune_id__in=commune_ids, occurred_at__gte=lower, occurred_at__lt=upper
    )
    month, month_labels = months_of(period)
    groups = (
        visits.annotate(month=month)
        .values("place", "village_id", "month")
        .annotate(n_visits=Count("pk"), n_people=Sum("people"), **SUMS)
        .order_by()
    )
    # In the order of the keys before (a snapshot is stored as JSON): "people" last.
    totals = {"records": 0, **dict.fromkeys(SUMS, 0), "home_people": 0, "people": 0}
    by_place, by_village, by_month = (defaultdict(lambda: [0, 0]) for _ in range(3))
    for row in groups:
        totals["records"] += row["n_visits"]
        totals["people"] += row["n_people"]
        for key in SUMS:
            totals[key] += row[key]
        if row["place"] == Place.HOME:
            totals["home_people"] += row["n_people"]
        for breakdown, key in (
            (by_place, row["place"]),
            (by_village, row["village_id"]),
            (by_month, row["month"]),
        ):
            breakdown[key][0] += row["n_visits"]
            breakdown[key][1] += row["n_people"]

    place_labels = dict(Place.choices)
    villages = {
        pk: (code, name)
        for pk, code, name in Unit.objects.filter(
            pk__in=[pk for pk in by_village if pk is not None]
        )
        .values_list("pk", "code", "name")
        .order_by()
    }
    # The order the database gave when it sorted by village code: the visits without a
    # village come first on SQLite and last on PostgreSQL (NULL sorts as the largest).
    nulls_last = connections[visits.db].features.nulls_order_largest
    village_order = sorted(
        by_village,
        key=lambda pk: (nulls_last, "") if pk is None else (not nulls_last, villages[pk][0]),
    )

    # A join, not `supportvisit__in=visits`: the subquery made PostgreSQL read the
    # visits twice, and SQLite build a list of every visit's id.
    through = SupportVisit.services.through
    by_service_rows = (
        through.objects.filter(
            supportvisit__commune_id__in=commune_ids,
            supportvisit__occurred_at__gte=lower,
            supportvisit__occurred_at__lt=upper,
        )
        .values("service_id")
        .annotate(visits=Count("supportvisit_id"), people=Sum("supportvisit__people"))
        .order_by()
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
    return {
        **totals,
        "by_service": by_service,
        "by_place": [
            {
                "code": code,
                "name": str(place_labels.get(code, code)),
                "visits": n_visits,
                "people": n_people,
            }
            for code, (n_visits, n_people) in sorted(by_place.items(), key=lambda i: -i[1][1])
        ],
        "by_village": [
            {
                "code": villages[pk][0] if pk is not None else "",
                # Visits without a village; the report names the row in the commune's words
                # ("Chưa ghi tổ dân phố"), by its empty code.
                "name": villages[pk][1] if pk is not None else "Chưa ghi địa bàn",
                "visits": by_village[pk][0],
                "people": by_village[pk][1],
            }
            for pk in village_order
        ],
        "by_month": [
            {"month": month_labels[index], "visits": n_visits, "people": n_people}
            for index, (n_visits, n_people) in sorted(by_month.items())
        ],
    }


# --- The live figures of many communes, from the daily and monthly totals -------------

# Each figure of `for_period` kept by the totals, and the sum that gives it.
TOTALS = {
    "n_visits": Sum("visits"),
    "n_people": Sum("people"),
    **{key: Sum(key) for key in SUMS},
}
PER = {"commune": "commune_id", "province": "commune__parent_id"}


def _on_days(periods: list[Period]) -> Q:
    return reduce(or_, (Q(day__gte=p.start, day__lte=p.end) for p in periods))


def _sources(period: Period) -> list[tuple[QuerySet, QuerySet, str]]:
    """[(totals by place, totals by service, their date field)] that add up to `period`:
    the monthly totals of the months it covers whole, the daily ones of the days at its
    edges. A year of the whole country is then some 200,000 monthly rows, not millions
    of daily ones."""
    months, edges = split_by_months(period)
    sources = []
    if months is not None:
        within = Q(month__gte=months.start, month__lte=months.end)
        sources.append(
            (
                MonthlyTotal.objects.filter(within),
                MonthlyServiceTotal.objects.filter(within),
                "month",
            )
        )
    if edges:
        on = _on_days(edges)
        sources.append((DailyTotal.objects.filter(on), DailyServiceTotal.objects.filter(on), "day"))
    return sources


def _together(querysets: list[QuerySet]) -> QuerySet:
    """The rows of every queryset, in one query (UNION ALL)."""
    first, *others = querysets
    return first.union(*others, all=True) if others else first


def daily_totals_for(communes, period: Period, per: str = "commune") -> dict:
    """The support figures of `communes` in `period`, read from the totals: the monthly
    ones for the months it covers whole, the daily ones for the days at its edges (three
    queries of at most a few rows a commune and month or day, however many visits there
    are): what the province's and the nation's live pages show.

    `communes`: ids or a queryset of units, or None for every commune of the country.
    The keys are those of `for_period` (records, people, their breakdowns, by_service,
    by_place, by_month), but `by_unit` replaces `by_village`: the figures of each
    commune, or of each province for `per="province"` (by the commune's own province).
    """
    groups, counted = [], []
    for totals, services, field in _sources(period):
        if communes is not None:
            totals = totals.filter(commune_id__in=communes)
            services = services.filter(commune_id__in=communes)
        month, month_labels = months_of(period, field)
        groups.append(
            # Not "month": the monthly totals' own field.
            totals.annotate(month_index=month, unit=F(PER[per]))
            .values("unit", "place", "month_index")
            .annotate(**TOTALS)
            .order_by()
        )
        counted.append(
            services.values("service_id")
            .annotate(n_visits=Sum("visits"), n_people=Sum("people"))
            .order_by()
        )
    figures = {"records": 0, **dict.fromkeys(SUMS, 0), "home_people": 0, "people": 0}
    by_place, by_unit, by_month, by_service = (defaultdict(lambda: [0, 0]) for _ in range(4))
    for row in _together(groups):
        figures["records"] += row["n_visits"]
        figures["people"] += row["n_people"]
        for key in SUMS:
            figures[key] += row[key]
        if row["place"] == Place.HOME:
            figures["home_people"] += row["n_people"]
        for breakdown, key in (
            (by_place, row["place"]),
            (by_unit, row["unit"]),
            (by_month, row["month_index"]),
        ):
            breakdown[key][0] += row["n_visits"]
            breakdown[key][1] += row["n_people"]
    for row in _together(counted):
        by_service[row["service_id"]][0] += row["n_visits"]
        by_service[row["service_id"]][1] += row["n_people"]
    place_labels = dict(Place.choices)
    units = Unit.objects.filter(pk__in=list(by_unit)).order_by("code")
    # As `for_period` orders them: by position and name, then the most people first.
    services = Service.objects.filter(pk__in=[pk for pk, (v, _) in by_service.items() if v])
    services = [
        {
            "code": service.code,
            "name": service.name,
            "short_name": service.short_name,
            "visits": by_service[service.pk][0],
            "people": by_service[service.pk][1],
        }
        for service in services.order_by("position", "name")
    ]
    services.sort(key=lambda row: -row["people"])
    return {
        **figures,
        "by_service": services,
        "by_place": [
            {"code": code, "name": str(place_labels.get(code, code)), "visits": v, "people": p}
            for code, (v, p) in sorted(by_place.items(), key=lambda i: -i[1][1])
            if v
        ],
        "by_unit": [
            {
                "id": unit.pk,
                "code": unit.code,
                "name": unit.name,
                "visits": by_unit[unit.pk][0],
                "people": by_unit[unit.pk][1],
            }
            for unit in units.only("pk", "code", "name")
            if by_unit[unit.pk][0]
        ],
        "by_month": [
            {"month": month_labels[index], "visits": v, "people": p}
            for index, (v, p) in sorted(by_month.items())
            if v
        ],
    }


def visits_in(commune_ids, periods: dict[str, Period]) -> dict[str, dict[str, int]]:
    """The visits and people of `commune_ids` in each of `periods`, from the monthly totals
    of the months each covers whole and the daily ones of the days at its edges:
    {"visits": {key: n}, "people": {key: n}}, in two queries however many periods."""
    out = {name: dict.fromkeys(periods, 0) for name in ("visits", "people")}
    monthly, daily = {}, {}
    for key, period in periods.items():
        months, edges = split_by_months(period)
        if months is not None:
            monthly[key] = Q(month__gte=months.start, month__lte=months.end)
        if edges:
            daily[key] = _on_days(edges)
    for model, filters in ((MonthlyTotal, monthly), (DailyTotal, daily)):
        if not filters:
            continue
        totals = model.objects.filter(reduce(or_, filters.values()), commune_id__in=commune_ids)
        row = totals.aggregate(
            **{
                f"{name}_{key}": Sum(name, filter=within, default=0)
                for key, within in filters.items()
                for name in out
            }
        )
        for label, value in row.items():
            name, _, key = label.partition("_")
            out[name][key] += value
    return out


# --- What the team pages count (registered with hocvuso.teams.activity) ---------------


def _visits_during(period: Period | None):
    if period is None:
        return SupportVisit.objects.all()
    lower, upper = period.bounds
    return SupportVisit.objects.filter(occurred_at__gte=lower, occurred_at__lt=upper)


def members_who_logged(member_ids, period: Period) -> set[int]:
    """Which of `member_ids` logged a visit in `period`."""
    visits = _visits_during(period).filter(member_id__in=member_ids)
    return set(visits.values_list("member_id", flat=True))


def _totals_by(visits, key: str) -> dict[int, dict]:
    rows = visits.values(key).annotate(records=Count("pk"), people=Sum("people"))
    return {row[key]: {"records": row["records"], "people": row["people"] or 0} for row in rows}


def team_totals(team_ids, period: Period | None) -> dict[int, dict]:
    """Visits and people per team of `team_ids` in `period` (ever, for None)."""
    return _totals_by(_visits_during(period).filter(team_id__in=team_ids), "team_id")


def member_totals(team_id: int, period: Period) -> dict[int, dict]:
    """Visits and people per member logged for one team in `period`."""
    return _totals_by(_visits_during(period).filter(team_id=team_id), "member_id")
