import datetime

import pytest

from hocvuso.core.periods import (
    Period,
    PeriodKind,
    period_label,
    reporting_period,
    split_by_months,
)

D = datetime.date


@pytest.mark.parametrize(
    "kind,year,number,start,end",
    [
        (PeriodKind.MONTH, 2026, 5, D(2026, 4, 15), D(2026, 5, 14)),
        (PeriodKind.MONTH, 2026, 1, D(2025, 12, 15), D(2026, 1, 14)),  # across the year end
        (PeriodKind.MONTH, 2026, 12, D(2026, 11, 15), D(2026, 12, 14)),
        (PeriodKind.MONTH, 2024, 3, D(2024, 2, 15), D(2024, 3, 14)),  # over a 29 February
        (PeriodKind.QUARTER, 2026, 1, D(2025, 12, 15), D(2026, 3, 14)),
        (PeriodKind.QUARTER, 2026, 2, D(2026, 3, 15), D(2026, 6, 14)),
        (PeriodKind.QUARTER, 2026, 4, D(2026, 9, 15), D(2026, 12, 14)),
        (PeriodKind.HALF_YEAR, 2026, 1, D(2025, 12, 15), D(2026, 6, 14)),
        (PeriodKind.NINE_MONTHS, 2026, 1, D(2025, 12, 15), D(2026, 9, 14)),
        (PeriodKind.YEAR, 2026, 1, D(2025, 12, 15), D(2026, 12, 14)),
    ],
)
def test_periods_follow_the_cut_off_rule(kind, year, number, start, end):
    assert reporting_period(kind, year, number) == Period(start, end)


def test_consecutive_months_meet_without_gap_or_overlap():
    for year in (2025, 2026):
        for month in range(1, 12):
            this = reporting_period(PeriodKind.MONTH, year, month)
            following = reporting_period(PeriodKind.MONTH, year, month + 1)
            assert following.start - this.end == datetime.timedelta(days=1)
    december = reporting_period(PeriodKind.MONTH, 2025, 12)
    assert reporting_period(PeriodKind.MONTH, 2026, 1).start == december.end + datetime.timedelta(1)


def test_the_14th_and_the_15th_fall_in_different_months():
    may = reporting_period(PeriodKind.MONTH, 2026, 5)
    june = reporting_period(PeriodKind.MONTH, 2026, 6)
    assert may.end == D(2026, 5, 14) and june.start == D(2026, 5, 15)


def test_the_quarters_make_the_year():
    quarters = [reporting_period(PeriodKind.QUARTER, 2026, q) for q in range(1, 5)]
    year = reporting_period(PeriodKind.YEAR, 2026)
    assert quarters[0].start == year.start and quarters[-1].end == year.end


@pytest.mark.parametrize(
    "kind,number", [(PeriodKind.MONTH, 13), (PeriodKind.QUARTER, 0), ("fortnight", 1)]
)
def test_bad_periods_are_refused(kind, number):
    with pytest.raises(ValueError):
        reporting_period(kind, 2026, number)


def test_periods_have_vietnamese_names():
    assert period_label(PeriodKind.QUARTER, 2026, 2) == "quý II năm 2026"
    assert period_label(PeriodKind.MONTH, 2026, 5) == "tháng 5/2026"


D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "months", "edges"),
    [
        (D(2026, 1, 15), D(2026, 3, 20), (D(2026, 2, 1), D(2026, 2, 28)),
         [(D(2026, 1, 15), D(2026, 1, 31)), (D(2026, 3, 1), D(2026, 3, 20))]),
        (D(2026, 1, 1), D(2026, 12, 2), (D(2026, 1, 1), D(2026, 11, 30)),
         [(D(2026, 12, 1), D(2026, 12, 2))]),
        (D(2024, 2, 1), D(2024, 2, 29), (D(2024, 2, 1), D(2024, 2, 29)), []),
        (D(2025, 12, 15), D(2026, 1, 31), (D(2026, 1, 1), D(2026, 1, 31)),
         [(D(2025, 12, 15), D(2025, 12, 31))]),
        (D(2026, 1, 31), D(2026, 2, 1), None, [(D(2026, 1, 31), D(2026, 2, 1))]),
        (D(2026, 2, 3), D(2026, 2, 27), None, [(D(2026, 2, 3), D(2026, 2, 27))]),
    ],
)  # fmt: skip
def test_a_period_splits_into_its_whole_months_and_the_days_at_its_edges(start, end, months, edges):
    whole, days = split_by_months(Period(start, end))
    assert (whole and (whole.start, whole.end)) == months
    assert [(p.start, p.end) for p in days] == edges
