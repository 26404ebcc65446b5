"""The appendix workbook holds every figure of the snapshot, one sheet per group."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from hocvuso.reports.render.sample import sample_snapshot
from hocvuso.reports.render.xlsx import render_xlsx

from .tools import save_artifact

SHEETS = [
    "Tổng hợp",
    "Lượt hỗ trợ theo dịch vụ",
    "Lượt hỗ trợ theo nơi",
    "Lượt hỗ trợ theo thôn",
    "Lượt hỗ trợ theo tháng",
    "Tuyên truyền theo hình thức",
    "Tuyên truyền theo thôn",
    "Văn bản",
    "Chỉ số",
    "Học tập trực tuyến",
    "Thành viên theo lực lượng",
    "Địa điểm trực",
]
# What the figures keep for the program and the workbook does not show: the catalogues' codes,
# and the weekdays as numbers (shown as words).
NOT_SHOWN = {"code", "short_name", "group_code", "weekdays"}


@pytest.fixture(scope="module")
def workbook():
    data = render_xlsx(sample_snapshot())
    save_artifact("bao-cao-mau-phu-luc.xlsx", data)
    return load_workbook(io.BytesIO(data))


def leaves(value, path=""):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in NOT_SHOWN and not path.endswith("by_village"):
                continue
            yield from leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item, path)
    else:
        yield value


def shown(value):
    """A value as the workbook holds it: numbers as numbers, ISO dates as dates."""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)).normalize()
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value):
        return Decimal(value).normalize()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return datetime.date.fromisoformat(value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{value[5:]}/{value[:4]}"
    return value


def cells(workbook):
    return {shown(c.value) for s in workbook for row in s.iter_rows() for c in row}


def test_it_has_a_sheet_per_figure_group(workbook):
    assert workbook.sheetnames == SHEETS


def test_every_figure_of_the_snapshot_appears(workbook):
    present = cells(workbook)
    for value in leaves(sample_snapshot()["figures"]):
        assert shown(value) in present, value


def test_a_figure_added_to_the_snapshot_later_still_appears():
    snapshot = sample_snapshot()
    snapshot["figures"]["visits"]["elderly_people"] = 4321
    snapshot["figures"]["wifi"] = [{"room": "Nhà văn hóa thôn Đông", "count": 7}]
    workbook = load_workbook(io.BytesIO(render_xlsx(snapshot)))
    summary = {row[0]: row[1] for row in workbook["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["trong đó: người cao tuổi"] == 4321
    assert list(workbook["wifi"].iter_rows(values_only=True)) == [
        ("room", "count"),
        ("Nhà văn hóa thôn Đông", 7),
    ]


def test_sheets_have_a_bold_frozen_header_and_sized_columns(workbook):
    for sheet in workbook:
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.column_dimensions["A"].width >= 10


def test_the_support_by_service_sheet_reads_in_vietnamese(workbook):
    rows = list(workbook["Lượt hỗ trợ theo dịch vụ"].iter_rows(values_only=True))
    assert rows[0] == ("Dịch vụ", "Lượt hỗ trợ", "Số người được hỗ trợ")
    assert rows[1] == ("Kích hoạt tài khoản định danh điện tử mức 2", 300, 340)


def test_numbers_have_thousands_separators_and_dates_a_vietnamese_format(workbook):
    summary = workbook["Tổng hợp"]
    people = next(row[1] for row in summary.iter_rows() if row[0].value == "Số người được hỗ trợ")
    assert people.value == 1650
    assert people.number_format == "#,##0"
    issued = workbook["Văn bản"]["C2"]
    assert issued.value.date() == datetime.date(2025, 8, 19)
    assert issued.number_format == "dd/mm/yyyy"
    indicator = {
        heading.value: cell.value
        for heading, cell in zip(*workbook["Chỉ số"].iter_rows(max_row=2), strict=True)
    }
    assert [indicator[h] for h in ("Giá trị", "Tử số", "Mẫu số", "Ước tính")] == [
        100,
        9,
        9,
        "Không",
    ]


def test_a_report_frozen_before_the_words_were_kept_still_reads_in_its_words():
    snapshot = sample_snapshot()
    del snapshot["words"], snapshot["facts"]
    snapshot["commune"].update(name="Phường Hồng Bàng", short_name="Hồng Bàng")
    workbook = load_workbook(io.BytesIO(render_xlsx(snapshot)))
    summary = dict(workbook["Tổng hợp"].iter_rows(min_row=2, max_row=3, values_only=True))
    assert summary == {"Phường": "Phường Hồng Bàng", "Thành phố": "Thành phố Hải Phòng"}
    places = list(workbook["Lượt hỗ trợ theo nơi"].iter_rows(min_row=2, values_only=True))
    assert places[0][0] == "Trung tâm Phục vụ hành chính công phường"


def test_a_formula_typed_by_an_officer_stays_text():
    snapshot = sample_snapshot()
    snapshot["figures"]["documents"][0]["summary"] = '=HYPERLINK("http://x")'
    workbook = load_workbook(io.BytesIO(render_xlsx(snapshot)))
    cell = workbook["Văn bản"]["E2"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"
