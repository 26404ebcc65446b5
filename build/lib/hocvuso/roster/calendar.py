"""Which days are working days: Vietnamese public holidays, make-up days, weekends."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _national(year: int):
    return holidays.VN(years=year, language="vi")


def national_holidays(start: datetime.date, end: datetime.date) -> dict[datetime.date, str]:
    """Public holidays of Vietnam in [start, end], lunar Tết included, with their names."""
    found = {}
    for year in range(start.year, end.year + 1):
        for day, name in _national(year).items():
            if start <= day <= end:
                found[day] = name
    return found


def national_workdays(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """Weekend days the government made working days (làm bù), as the package knows them."""
    days = set()
    for year in range(start.year, end.year + 1):
        days |= {d for d in _national(year).weekend_workdays if start <= d <= end}
    return days


def each_day(start: datetime.date, end: datetime.date):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)
