"""The overview's figures, all computed by the database.

This month and this year to a given day, each against the same days before (the
previous month to the same day, last year to the same date), take one query per
table with conditional aggregates. The charts cover this year to date and reuse
the report's figure functions (support, outreach and learning `for_period`).
The number of queries depends on neither the number of records nor of villages.

A province's page (every commune of a province at once) reads the visits' figures from
the monthly and daily totals (`support.totals`), never every visit of the province.
"""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, Sum

from hocvuso.core.formatting import vn_number, vn_percent
from hocvuso.core.periods import Period
from hocvuso.documents.models import Document
from hocvuso.learning import figures as learning_figures
from hocvuso.learning.models import CourseParticipation, DigitalClass, LearnerGroup
from hocvuso.outreach import figures as outreach_figures
from hocvuso.outreach.models import OutreachActivity
from hocvuso.support import figures as support_figures
from hocvuso.support.models import SupportVisit

# The figures compared, in the order shown.
FIGURES = [
    ("people", "Người dân được hỗ trợ"),
    ("visits", "Lượt hỗ trợ (bản ghi)"),
    ("activities", "Hoạt động tuyên truyền"),
    ("classes", "Lớp học số"),
    ("attendees", "Người học tại lớp học số"),
    ("courses", "Lượt tham gia khóa học trực tuyến"),
    ("documents", "Văn bản chỉ đạo ban hành"),
]
# The charts: key, title, unit of the values, drawn with horizontal bars (long labels).
CHARTS = [
    ("months", "Người dân được hỗ trợ theo tháng", "người", False),
    ("services", "Người dân được hỗ trợ theo dịch vụ", "người", True),
    ("villages", "Người dân được hỗ trợ theo {areas}", "người", True),
    ("channels", "Hoạt động tuyên truyền theo hình thức", "hoạt động", True),
    ("groups", "Tham gia khóa học trực tuyến theo đối tượng", "lượt", True),
]


def _same_day(year: int, month: int, day: int) -> datetime.date:
    """That day of that month, or the month's last day when it is shorter (29/2, 31/4)."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def periods_to(day: datetime.date) -> dict[str, Period]:
    previous_month = (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return {
        "month": Period(day.replace(day=1), day),
        "previous_month": Period(
            previous_month,
            _same_day(previous_month.year, previous_month.month, day.day),
        ),
        "year": Period(day.replace(month=1, day=1), day),
        "previous_year": Period(
            datetime.date(day.year - 1, 1, 1), _same_day(day.year - 1, day.month, day.day)
        ),
    }


def _on_days(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def _at_times(field: str, period: Period) -> Q:
    lower, upper = period.bounds
    return Q(**{f"{field}__gte": lower, f"{field}__lt": upper})


def _counts(
    commune_ids, periods: dict[str, Period], from_totals: bool = False
) -> dict[str, dict[str, int]]:
    """Every compared figure in every period: {figure: {period: value}}; the visits'
    from the monthly and daily totals when `from_totals` (a province's page)."""
    first = periods["previous_year"].start
    last = periods["year"].end
    span = Period(first, last)
    out = {key: {} for key, _ in FIGURES}

    if from_totals:
        # A province's communes: a few rows a commune and month (or day, at the periods'
        # edges), not every visit.
        row = {
            f"{name}_{key}": value
            for name, values in support_figures.visits_in(commune_ids, periods).items()
            for key, value in values.items()
        }
    else:
        # One range from the first compared day to the last: an OR of the four periods
        # would skip the rest of last year, but SQLite then reads the commune's every row.
        visits = SupportVisit.objects.filter(
            _at_times("occurred_at", span), commune_id__in=commune_ids
        )
        row = visits.aggregate(
            **{
                f"{name}_{key}": aggregate
                for key, p in periods.items()
                for name, aggregate in (
                    ("people", Sum("people", filter=_at_times("occurred_at", p), default=0)),
                    ("visits", Count("pk", filter=_at_times("occurred_at", p))),
                )
            }
        )
    activities = OutreachActivity.objects.filter(
        _on_days("held_on", span), commune_id__in=commune_ids
    )
    row |= activities.aggregate(
        **{
            f"activities_{key}": Count("pk", filter=_on_days("held_on", p))
            for key, p in periods.items()
        }
    )
    attendees = F("officials") + F("teachers") + F("students") + F("citizens")
    classes = DigitalClass.objects.filter(_on_days("held_on", span), commune_id__in=commune_ids)
    row |= classes.aggregate(
        **{
            f"{name}_{key}": aggregate
            for key, p in periods.items()
            for name, aggregate in (
                ("classes", Count("pk", filter=_on_days("held_on", p))),
                ("attendees", Sum(attendees, filter=_on_days("held_on", p), default=0)),
            )
        }
    )
    # As in the report, a participation row counts when its own period overlaps.
    courses = CourseParticipation.objects.filter(
        commune_id__in=commune_ids, period_start__lte=last, period_end__gte=first
    )
    row |= courses.aggregate(
        **{
            f"courses_{key}": Sum(
                "participants",
                filter=Q(period_start__lte=p.end, period_end__gte=p.start),
                default=0,
            )
            for key, p in periods.items()
        }
    )
    documents = Document.objects.filter(_on_days("issued_on", span), commune_id__in=commune_ids)
    row |= documents.aggregate(
        **{
            f"documents_{key}": Count("pk", filter=_on_days("issued_on", p))
            for key, p in periods.items()
        }
    )
    for name, value in row.items():
        figure, _, key = name.partition("_")
        out[figure][key] = value or 0
    return out


def change(current: int, previous: int) -> dict:
    """How `current` compares with `previous`: a direction, and words for it."""
    if current == previous:
        return {"direction": "same", "text": "Không đổi"}
    direction = "up" if current > previous else "down"
    word = "Tăng" if direction == "up" else "Giảm"
    if not previous:
        return {"direction": direction, "text": f"{word} (cùng kỳ chưa có)"}
    if current >= 10 * previous:
        # "Tăng 10.936,4%" says less than "Gấp 110 lần", and fits a phone.
        times = (Decimal(current) / previous).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        return {"direction": direction, "text": f"Gấp {vn_number(times)} lần"}
    percent = (Decimal(abs(current - previous)) * 100 / previous).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return {"direction": direction, "text": f"{word} {vn_percent(percent)}"}


def comparisons(commune_ids, day: datetime.date, from_totals: bool = False) -> dict:
    """This month's and this year's figures beside the same days before."""
    periods = periods_to(day)
    counts = _counts(commune_ids, periods, from_totals)
    sections = []
    for key, previous in (("month", "previous_month"), ("year", "previous_year")):
        rows = []
        for figure, label in FIGURES:
            now, before = counts[figure][key], counts[figure][previous]
            rows.append(
                {
                    "key": figure,
                    "label": label,
                    "value": now,
                    "previous": before,
                    **change(now, before),
                }
            )
        sections.append(
            {"key": key, "period": periods[key], "previous_period": periods[previous], "rows": rows}
        )
    return {"periods": periods, "sections": sections}


def charts(commune_ids, day: datetime.date, from_totals: bool = False) -> dict:
    """The charts' data for this year to `day`: labels and values, ready for JSON.

    With `from_totals` (a province's page) the visits' figures come from the monthly
    and daily totals, and the chart of the villages shows the communes.
    """
    year = Period(day.replace(month=1, day=1), day)
    if from_totals:
        visits = support_figures.daily_totals_for(commune_ids, year)
        areas = visits["by_unit"]
    else:
        visits = support_figures.for_period(commune_ids, year)
        areas = visits["by_village"]
    outreach = outreach_figures.for_period(commune_ids, year)
    learning = learning_figures.for_period(commune_ids, year)
    people_by_month = {row["month"]: row["people"] for row in visits["by_month"]}
    months = range(1, day.month + 1)
    groups = dict(LearnerGroup.choices)
    participants = learning["course_participants"]
    return {
        "months": {
            "labels": [f"T{m}" for m in months],
            "titles": [f"Tháng {m}/{day.year}" for m in months],
            "values": [people_by_month.get(f"{day.year}-{m:02d}", 0) for m in months],
        },
        "services": {
            "labels": [row["short_name"] for row in visits["by_service"]],
            "values": [row["people"] for row in visits["by_service"]],
        },
        "villages": {
            "labels": [row["name"] for row in areas],
            "values": [row["people"] for row in areas],
        },
        "channels": {
            "labels": [row["name"] for row in outreach["by_channel"]],
            "values": [row["activities"] for row in outreach["by_channel"]],
        },
        "groups": {
            "labels": [str(label) for label in groups.values()],
            "values": [participants[code] for code in groups],
        },
    }


def chart_cards(data: dict, areas: str) -> list[dict]:
    """The charts in the order shown, each with its numbers as table rows for the page.

    A title names the areas of the "villages" chart in the unit's words (`areas`): a
    commune's villages ("thôn, bản"), or a province's communes ("xã, phường").
    """
    return [
        {
            "key": key,
            "title": title.format(areas=areas),
            "unit": unit,
            "horizontal": horizontal,
            "rows": list(
                zip(data[key].get("titles", data[key]["labels"]), data[key]["values"], strict=True)
            ),
        }
        for key, title, unit, horizontal in CHARTS
    ]
