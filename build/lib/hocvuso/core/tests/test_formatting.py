import datetime
from decimal import Decimal

from django.utils import formats, translation

from hocvuso.core.formatting import vn_date, vn_long_date, vn_number


def test_it_writes_thousands_with_dots():
    assert vn_number(1500) == "1.500"
    assert vn_number(1234567) == "1.234.567"
    assert vn_number(Decimal("72.5"), decimals=1) == "72,5"


def test_it_writes_dates_day_first():
    assert vn_date(datetime.date(2026, 1, 5)) == "05/01/2026"


def test_it_pads_days_below_ten_and_the_first_two_months():
    assert vn_long_date(datetime.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert vn_long_date(datetime.date(2026, 2, 14)) == "ngày 14 tháng 02 năm 2026"
    assert vn_long_date(datetime.date(2026, 5, 15)) == "ngày 15 tháng 5 năm 2026"
    assert vn_long_date(datetime.date(2025, 12, 3)) == "ngày 03 tháng 12 năm 2025"


def test_the_django_formats_are_vietnamese():
    with translation.override("vi"):
        assert formats.date_format(datetime.date(2026, 1, 5)) == "05/01/2026"
        assert formats.number_format(1500, force_grouping=True) == "1.500"
