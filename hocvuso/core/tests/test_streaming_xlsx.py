"""The streaming workbook of the long exports (core/xlsx.py): what openpyxl reads back is what
was written — texts as texts, numbers, dates, styles, widths, the frozen heading — whatever the
texts hold, past the shared strings' limit too."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from hocvuso.core import xlsx
from hocvuso.core.xlsx import DATE, DATETIME, StreamingWorkbook

HEADING = ["Mã", "Thời gian", "Ngày", "Tên", "Số", "Có"]


def written(*rows, sheets=1, **options):
    out = io.BytesIO()
    book = StreamingWorkbook(out)
    for number in range(1, sheets + 1):
        book.add_sheet(
            f"Trang {number}",
            HEADING,
            widths=[9, 17, 12, 30, 8, 6],
            formats={1: DATETIME, 2: DATE},
            **options,
        )
        for row in rows:
            book.append(row)
    book.close()
    return load_workbook(io.BytesIO(out.getvalue()))


def test_it_writes_values_of_every_kind_as_openpyxl_reads_them():
    at = datetime.datetime(2026, 5, 31, 8, 30)
    rows = [
        (1, at, datetime.date(2026, 5, 31), "Nguyễn Thị Hoa", 3, True),
        (2, None, None, None, 2.5, False),
        (3, at, datetime.date(1900, 3, 1), "Thôn 1", Decimal("1.25"), None),
    ]
    sheet = written(*rows).active
    assert [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=2)] == [
        (1, at, datetime.datetime(2026, 5, 31), "Nguyễn Thị Hoa", 3, True),
        (2, None, None, None, 2.5, False),
        (3, at, datetime.datetime(1900, 3, 1), "Thôn 1", 1.25, None),
    ]
    assert (sheet["B2"].number_format, sheet["C2"].number_format) == (DATETIME, DATE)


def test_the_heading_is_bold_wrapped_and_frozen_with_the_widths_given():
    sheet = written((1, None, None, "a", 1, None)).active
    assert [c.value for c in sheet[1]] == HEADING
    assert all(c.font.b and c.alignment.wrap_text for c in sheet[1])
    assert sheet["A1"].alignment.vertical == "top" and not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert [sheet.column_dimensions[letter].width for letter in "ABCDEF"] == [9, 17, 12, 30, 8, 6]


@pytest.mark.parametrize(
    "text", ["=1+1", '=HYPERLINK("http://x","y")', "+1", "-1", "@A1", "\t=1", "a & <b> \"c\" 'd'"]
)
def test_a_text_stays_the_same_text_whatever_it_begins_with(text):
    sheet = written((1, None, None, text, 1, None)).active
    assert sheet["D2"].value == text and sheet["D2"].data_type == "s"


def test_characters_xml_forbids_are_left_out():
    sheet = written((1, None, None, "a\x00b\x1fc\nd", 1, None)).active
    assert sheet["D2"].value == "abc\nd"


def test_past_the_shared_strings_limit_texts_are_written_in_their_cells(monkeypatch):
    monkeypatch.setattr(xlsx, "SHARED_TEXTS", 8)
    rows = [(i, None, None, f"=tên {i}", i, None) for i in range(20)]
    sheet = written(*rows).active
    assert [c.value for c in sheet["D"][1:]] == [f"=tên {i}" for i in range(20)]
    assert {c.data_type for c in sheet["D"][1:]} == {"s"}


def test_each_sheet_has_its_heading_and_rows():
    book = written((1, None, None, "a", 1, None), (2, None, None, "b", 2, None), sheets=2)
    assert book.sheetnames == ["Trang 1", "Trang 2"]
    for sheet in book.worksheets:
        assert [c.value for c in sheet["D"]] == ["Tên", "a", "b"]


def test_a_row_of_another_length_or_an_unknown_value_is_refused():
    book = StreamingWorkbook(io.BytesIO())
    book.add_sheet("x", HEADING)
    with pytest.raises(ValueError):
        book.append((1, 2))
    with pytest.raises(TypeError):
        book.append((object(), None, None, None, None, None))


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(1900, 1, 1),
        datetime.date(1900, 2, 28),
        datetime.date(1900, 3, 1),
        datetime.datetime(1900, 2, 10, 12, 0),
        datetime.datetime(2026, 5, 31, 8, 30, 15, 123456),
    ],
)
def test_a_date_is_excels_number_as_openpyxl_gives_it(value):
    from openpyxl.utils.datetime import to_excel

    assert xlsx.excel_serial(value) == to_excel(value)
