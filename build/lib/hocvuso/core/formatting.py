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


def vn_count(value: int) -> str:
    """Small counts as official documents write them: 1 -> "01", 20 -> "20"."""
    return f"{value:02d}" if 0 <= value < 10 else vn_number(value)


def vn_at_least(value: int) -> str:
    """ "trên 1.500" for 1.650: a round figure below the true one, as the seed writes it.

    Below 100 the exact number is written.
    """
    if value < 100:
        return vn_number(value)
    step = 100 if value < 10_000 else 1_000
    floor = value // step * step
    if floor == value:
        return vn_number(value)
    return f"trên {vn_number(floor)}"


def vn_percent(value, estimate: bool = False) -> str:
    """ "100%", "71,5%"; an estimate is written "khoảng trên 70%" as the seed does."""
    value = Decimal(value)
    if estimate:
        floor = int(value // 10 * 10)
        if floor < value:
            return f"khoảng trên {floor}%"
        return f"khoảng {vn_number(value)}%"
    if value == value.to_integral_value():
        return f"{vn_number(value)}%"
    return f"{vn_number(value, decimals=1)}%"
