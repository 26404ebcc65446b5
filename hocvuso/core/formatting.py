"""Vietnamese formatting of numbers and dates, as official documents write them."""

import datetime
from decimal import Decimal


def vn_number(value: int | float | Decimal, decimals: int = 0) -> str:
    """1500 -> "1.500"; 72.5 with decimals=1 -> "72,5"."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def vn_date(value: datetime.date) -> str:
    """05/01/2026."""
    return value.strftime("%d/%m/%Y")


def vn_long_date(value: datetime.date) -> str:
    """ "ngày 05 tháng 01 năm 2026", the form of Nghị định 30/2020/NĐ-CP.

    The decree writes days below 10 and the months 1 and 2 with a leading zero
    (so that nobody can add a digit to them later); other months are plain.
    """
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"
