"""Cell parsers: each takes a non-blank cell and returns a value or raises CellError.

Clerks type what they see on paper: "2/3/2026", "8h30", "x", "Tổ viên" in any
case; Excel adds its own types (real dates, numbers for codes and phones).
The parsers accept both and say, in Vietnamese, what is wrong with the rest.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from hocvuso.core.formatting import vn_number


class CellError(ValueError):
    """A cell's value cannot be used; the message says why, in Vietnamese.

    `key` names the column to blame; "" blames the whole row, and None leaves
    the choice to `in_column` further up.
    """

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.key = key


def in_column(key: str, function, *args):
    """Call `function`, blaming the column `key` for an error that names no column."""
    try:
        return function(*args)
    except CellError as error:
        if error.key is None:
            error.key = key
        raise


def normalize(value) -> str:
    """The form in which names are compared: composed accents, no case, single spaces."""
    text = unicodedata.normalize("NFC", str(value))
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(text.split()).casefold()


def cell_text(value) -> str:
    """A cell as text; Excel stores a code typed as 11131 as a number."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_formula(value) -> bool:
    """A cell holding a formula, as openpyxl reads it without its cached value ("=…"):
    an import takes values, and a text beginning with "=" would become a live formula
    again in a file the project writes back."""
    if isinstance(value, str):
        return value.lstrip().startswith("=")
    # Array and data-table formulas come as objects of their own.
    return type(value).__name__ in ("ArrayFormula", "DataTableFormula")


FORMULA_MESSAGE = (
    "Ô này chứa công thức; hãy ghi giá trị (trong Excel: sao chép, rồi Dán đặc biệt → Giá trị)."
)


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value) -> str:
    return cell_text(value)


DATE_PATTERN = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(value) -> datetime.date:
    """A real Excel date, or text written day first: 05/01/2026."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    match = DATE_PATTERN.match(text)
    try:
        if match is None:
            raise ValueError
        day, month, year = (int(part) for part in match.groups())
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError(
            _("“%(value)s” không phải ngày hợp lệ (dd/mm/yyyy).") % {"value": text}
        ) from None


TIME_PATTERN = re.compile(r"^(\d{1,2})\s*[:hH]\s*(\d{2})?$")


def parse_time(value) -> datetime.time:
    """A real Excel time, or text: 08:30, 8:30, 8h30, 14h."""
    if isinstance(value, datetime.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    text = cell_text(value)
    match = TIME_PATTERN.match(text)
    try:
        if match is None:
            raise ValueError
        return datetime.time(int(match.group(1)), int(match.group(2) or 0))
    except ValueError:
        raise CellError(_("“%(value)s” không phải giờ hợp lệ (HH:MM).") % {"value": text}) from None


def parse_int(value) -> int:
    if isinstance(value, bool):
        raise CellError(_("“%(value)s” không phải số nguyên.") % {"value": value})
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = cell_text(value)
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    raise CellError(_("“%(value)s” không phải số nguyên.") % {"value": text})


def int_between(low: int, high: int) -> Callable[[Any], int]:
    def parse(value) -> int:
        number = parse_int(value)
        if not low <= number <= high:
            raise CellError(
                _("“%(value)s” không hợp lệ; phải là số từ %(low)s đến %(high)s.")
                % {"value": number, "low": vn_number(low), "high": vn_number(high)}
            )
        return number

    return parse


YES = {"x", "có", "co", "1", "true", "yes"}
NO = {"không", "khong", "0", "false", "no", "-"}


def parse_yes_no(value) -> bool:
    if isinstance(value, bool):
        return value
    text = normalize(cell_text(value))
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(
        _("“%(value)s” không hợp lệ; ghi “x” hoặc “có” nếu đúng, để trống nếu không.")
        % {"value": cell_text(value)}
    )


class Choice:
    """A parser for one value out of a list, by its label, its code or an alias."""

    def __init__(self, options: list[tuple[str, str]], aliases: dict[str, str] | None = None):
        self.labels = [str(label) for _value, label in options]
        self.lookup = {}
        for value, label in options:
            self.lookup[normalize(label)] = value
            self.lookup[normalize(value)] = value
        for alias, value in (aliases or {}).items():
            self.lookup[normalize(alias)] = value

    @classmethod
    def of(cls, choices, aliases: dict[str, str] | None = None) -> Choice:
        return cls([(value, str(label)) for value, label in choices.choices], aliases)

    def __call__(self, value) -> str:
        text = cell_text(value)
        try:
            return self.lookup[normalize(text)]
        except KeyError:
            raise CellError(
                _("“%(value)s” không có trong danh sách: %(labels)s.")
                % {"value": text, "labels": "; ".join(self.labels)}
            ) from None
