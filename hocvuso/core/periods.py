"""Reporting periods: inclusive date ranges turned into datetime bounds."""

import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")

    @property
    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start 00:00, day after end 00:00) in the local time zone, for datetimes."""
        tz = timezone.get_current_timezone()
        lower = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        upper = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        return lower, upper

    def __iter__(self):
        """`start, end = period`."""
        return iter((self.start, self.end))


def week_of(day: datetime.date) -> Period:
    """Monday to Sunday of the week that holds `day`."""
    monday = day - datetime.timedelta(days=day.weekday())
    return Period(monday, monday + datetime.timedelta(days=6))


def month_of(day: datetime.date) -> Period:
    """The calendar month that holds `day`."""
    start = day.replace(day=1)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    return Period(start, following - datetime.timedelta(days=1))


def split_by_months(period: Period) -> tuple[Period | None, list[Period]]:
    """The calendar months `period` covers whole, as one period from the first one's first
    day to the last one's last day (None if it covers none), and the days at its edges
    outside them (none, one or two periods): 15/01–20/03 is February, and 15/01–31/01
    and 01/03–20/03."""
    first = period.start
    if first.day != 1:
        first = month_of(first).end + datetime.timedelta(days=1)
    # The first day after the last whole month.
    after = period.end + datetime.timedelta(days=1)
    if after.day != 1:
        after = after.replace(day=1)
    if first >= after:
        return None, [period]
    edges = []
    if period.start < first:
        edges.append(Period(period.start, first - datetime.timedelta(days=1)))
    if after <= period.end:
        edges.append(Period(after, period.end))
    return Period(first, after - datetime.timedelta(days=1)), edges


def year_until(day: datetime.date) -> Period:
    """From 1 January to `day`."""
    return Period(day.replace(month=1, day=1), day)


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half"
    NINE_MONTHS = "nine"
    YEAR = "year"
    CUSTOM = "custom"

    CHOICES = [
        (MONTH, "Tháng"),
        (QUARTER, "Quý"),
        (HALF_YEAR, "6 tháng"),
        (NINE_MONTHS, "9 tháng"),
        (YEAR, "Năm"),
        (CUSTOM, "Tự chọn ngày"),
    ]


def _cutoff_start(year: int, month: int) -> datetime.date:
    """The 15th of the month before `month` of `year`."""
    if month == 1:
        return datetime.date(year - 1, 12, 15)
    return datetime.date(year, month - 1, 15)


def reporting_period(kind: str, year: int, number: int = 1) -> Period:
    """A reporting period by the cut-off rule of Nghị định 09/2019/NĐ-CP (Điều 12).

    A month runs from the 15th of the month before to the 14th of the month;
    a quarter from the 15th of the month before it to the 14th of its last
    month; six months, nine months and the year from 15/12 of the year before
    to the 14th of June, September and December.
    """
    if kind == PeriodKind.MONTH:
        if not 1 <= number <= 12:
            raise ValueError("Tháng phải từ 1 đến 12.")
        return Period(_cutoff_start(year, number), datetime.date(year, number, 14))
    if kind == PeriodKind.QUARTER:
        if not 1 <= number <= 4:
            raise ValueError("Quý phải từ 1 đến 4.")
        first, last = 3 * number - 2, 3 * number
        return Period(_cutoff_start(year, first), datetime.date(year, last, 14))
    ends = {PeriodKind.HALF_YEAR: 6, PeriodKind.NINE_MONTHS: 9, PeriodKind.YEAR: 12}
    if kind in ends:
        return Period(datetime.date(year - 1, 12, 15), datetime.date(year, ends[kind], 14))
    raise ValueError(f"Loại kỳ báo cáo không hợp lệ: {kind}")


def period_label(kind: str, year: int, number: int = 1) -> str:
    if kind == PeriodKind.MONTH:
        return f"tháng {number}/{year}"
    if kind == PeriodKind.QUARTER:
        return f"quý {['I', 'II', 'III', 'IV'][number - 1]} năm {year}"
    return {
        PeriodKind.HALF_YEAR: f"6 tháng đầu năm {year}",
        PeriodKind.NINE_MONTHS: f"9 tháng năm {year}",
        PeriodKind.YEAR: f"năm {year}",
    }.get(kind, "")
