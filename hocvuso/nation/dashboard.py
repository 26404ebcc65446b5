"""The Ministry's live figures: the support visits of the whole country, and of one province,
read from the totals (`support.figures.daily_totals_for`: the monthly ones for the whole
months it offers, the daily ones for the days of the current month), never from the visits.

A few queries of at most a few rows a commune and month, however many visits the country holds;
`bench/nation_speed.py` times them beside the plain SQL over the visits, which must agree.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count

from hocvuso.core.periods import Period
from hocvuso.support.figures import daily_totals_for
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import communes_word, provinces_word

EARLIEST = datetime.date(2020, 1, 1)


@dataclass(frozen=True)
class Row:
    unit: Unit
    communes: int  # the province's communes; 0 on a commune's row
    visits: int
    people: int


def period_from(params, today: datetime.date) -> tuple[Period, str | None]:
    """The period of `?nam=YYYY[&thang=M]`: the year (up to today) or one of its months;
    the year until today when nothing is asked, with a message when what was asked is wrong."""
    default = Period(today.replace(month=1, day=1), today)
    year_text, month_text = params.get("nam", ""), params.get("thang", "")
    if not year_text and not month_text:
        return default, None
    try:
        year = int(year_text or today.year)
        month = int(month_text) if month_text else None
        start = datetime.date(year, month or 1, 1)
    except ValueError:
        return default, "Năm hoặc tháng không hợp lệ; đang xem từ đầu năm đến nay."
    if not EARLIEST <= start <= today:
        return default, (
            f"Chỉ xem được từ năm {EARLIEST.year} đến nay; đang xem từ đầu năm đến nay."
        )
    if month:
        following = (start + datetime.timedelta(days=32)).replace(day=1)
        end = following - datetime.timedelta(days=1)
    else:
        end = datetime.date(year, 12, 31)
    return Period(start, min(end, today)), None


def country(period: Period) -> dict:
    """Every province, with its communes' visits in `period` (zero where none was logged)."""
    figures = daily_totals_for(None, period, per="province")
    provinces = list(Unit.objects.filter(level=Level.PROVINCE).order_by("code"))
    counts = dict(
        Unit.objects.filter(level=Level.COMMUNE, parent__isnull=False, valid_to__isnull=True)
        .values_list("parent_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kinds = (
        Unit.objects.filter(level=Level.COMMUNE, valid_to__isnull=True)
        .values_list("kind", flat=True)
        .order_by()
        .distinct()
    )
    return _with_rows(figures, provinces, counts, provinces_word(p.kind for p in provinces)) | {
        "communes_word": communes_word(kinds)
    }


def province(unit: Unit, period: Period) -> dict:
    """Every commune of the province `unit`, with its visits in `period`; a former commune
    (merged, `valid_to` set) only if it has visits in the period."""
    communes = list(Unit.objects.filter(level=Level.COMMUNE, parent=unit).order_by("code"))
    figures = daily_totals_for([c.pk for c in communes], period, per="commune")
    found = {row["id"] for row in figures["by_unit"]}
    communes = [c for c in communes if c.valid_to is None or c.pk in found]
    return _with_rows(figures, communes, {}, communes_word(c.kind for c in communes))


def _with_rows(figures: dict, units: list[Unit], communes: dict, word: str) -> dict:
    found = {row["id"]: row for row in figures["by_unit"]}
    rows = [
        Row(
            unit,
            communes.get(unit.pk, 0),
            found.get(unit.pk, {}).get("visits", 0),
            found.get(unit.pk, {}).get("people", 0),
        )
        for unit in units
    ]
    return figures | {
        "rows": rows,
        "units_word": word,
        "units_with_visits": sum(1 for r in rows if r.visits),
    }
