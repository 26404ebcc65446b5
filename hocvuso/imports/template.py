"""The template of an import: the header row to fill in and a guide to every column."""

import datetime
import io

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from hocvuso.core.xlsx import append_row, write_cell

from .base import MAX_ROWS, Sheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh sách"
REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")


def build_template(sheet: Sheet) -> bytes:
    """An XLSX with the header row to fill in, and a guide to every column."""
    book = openpyxl.Workbook()
    data = book.active
    data.title = sheet.name
    header = append_row(data, [column.header for column in sheet.columns], font=Font(bold=True))
    data.freeze_panes = "A2"
    guide = book.create_sheet(GUIDE_SHEET)
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_index = 0
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        if column.required:
            header[index - 1].fill = REQUIRED_FILL
        data.column_dimensions[letter].width = column.width
        if column.as_text:
            data.column_dimensions[letter].number_format = "@"
        values = column.allowed_values()
        if values and column.allowed is None:
            # A drop-down of the allowed values; typing a code is still
            # accepted, so Excel does not refuse other entries.
            list_index += 1
            list_letter = get_column_letter(list_index)
            for position, value in enumerate(values, start=1):
                write_cell(lists, position, list_index, value)
            validation = DataValidation(
                type="list",
                formula1=f"'{LISTS_SHEET}'!${list_letter}$1:${list_letter}${len(values)}",
                allow_blank=True,
                showErrorMessage=False,
            )
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            data.add_data_validation(validation)
    _write_guide(guide, sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_guide(guide, sheet: Sheet) -> None:
    """The guide; its texts (names of services, units, examples) stay texts (core/xlsx.py)."""
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    append_row(guide, [str(sheet.title)], font=Font(bold=True, size=13))
    append_row(guide, [str(sheet.description)])
    append_row(guide, [])
    append_row(guide, ["Cột", "Bắt buộc", "Cách ghi", "Giá trị cho phép", "Ví dụ"], font=bold)
    for column in sheet.columns:
        append_row(
            guide,
            [
                column.header,
                "Có" if column.required else "",
                column.help,
                "\n".join(column.allowed_values()),
                _example_text(column.example),
            ],
            alignment=wrap,
        )
    for letter, width in zip("ABCDE", (18, 10, 60, 45, 25), strict=True):
        guide.column_dimensions[letter].width = width
    append_row(guide, [])
    for note in sheet.notes:
        append_row(guide, [note])
    append_row(guide, [])
    append_row(guide, [f"Ví dụ một dòng của trang “{sheet.name}”:"], font=bold)
    append_row(guide, [column.header for column in sheet.columns], font=bold)
    for cell in append_row(guide, [column.example for column in sheet.columns]):
        if isinstance(cell.value, datetime.date):
            cell.number_format = "DD/MM/YYYY"
        elif isinstance(cell.value, datetime.time):
            cell.number_format = "HH:MM"


def _example_text(value) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)
