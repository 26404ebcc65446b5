import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hocvuso.imports import base
from hocvuso.imports.cells import CellError, parse_date, parse_time, parse_yes_no
from hocvuso.imports.template import build_template
from hocvuso.support import imports as visits
from hocvuso.teams import imports as teams
from hocvuso.teams.imports import import_members
from hocvuso.teams.models import Member

from .sheets import members_file, messages, xlsx

NOT_XLSX = (
    "Không đọc được file: file phải là bảng tính Excel .xlsx (nếu là file .xls hoặc .csv, "
    "hãy mở bằng Excel và lưu lại dưới dạng .xlsx)."
)


@pytest.mark.parametrize(
    "content",
    [
        b"Ngay,Dich vu\n02/03/2026,Khac\n",
        b"PK\x03\x04 a broken zip",
        b"",
    ],
)
def test_it_refuses_a_file_that_is_not_xlsx(world, content):
    result = import_members(world.commune, SimpleUploadedFile("danh-sach.xlsx", content))
    assert messages(result) == [NOT_XLSX]


def test_it_refuses_a_file_that_is_too_large(world, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024 * 1024
    result = import_members(world.commune, SimpleUploadedFile("lon.xlsx", b"x" * (1024 * 1024 + 1)))
    assert messages(result) == ["File quá lớn; chỉ nhận file đến 1 MB."]


def test_it_refuses_too_many_rows(world, monkeypatch):
    monkeypatch.setattr(base, "MAX_ROWS", 3)
    rows = [{"Họ và tên": f"Người {i}"} for i in range(4)]
    result = import_members(world.commune, members_file(*rows))
    assert messages(result) == [
        "File có quá nhiều dòng; mỗi lần chỉ nhập tối đa 3 dòng. Hãy chia thành nhiều file."
    ]
    assert not Member.objects.filter(full_name__startswith="Người").exists()


def test_it_names_the_missing_and_the_unknown_columns_in_one_message(world):
    result = import_members(
        world.commune, xlsx(["Thôn", "Ho ten", "Chức vụ"], ["Thôn 1", "An", "x"])
    )
    assert messages(result) == [
        "Các cột của file không đúng mẫu: thiếu cột “Họ và tên”; có cột không có trong mẫu "
        "“Ho ten”, “Chức vụ”. Các cột của mẫu là: “Xã”, “Thôn”, “Tổ”, “Họ và tên”, “Vai trò”, "
        "“Lực lượng”, “Số điện thoại”, “Từ ngày”, “Tạo tài khoản”, “Tên đăng nhập”, “Email”."
    ]


def test_it_refuses_a_sheet_whose_first_row_is_not_the_header(world):
    expected = (
        "Dòng đầu tiên của file phải là dòng tiêu đề của mẫu: “Xã”, “Thôn”, “Tổ”, “Họ và tên”, "
        "“Vai trò”, “Lực lượng”, “Số điện thoại”, “Từ ngày”, “Tạo tài khoản”, "
        "“Tên đăng nhập”, “Email”."
    )
    result = import_members(world.commune, xlsx(["DANH SÁCH THÀNH VIÊN"], ["Họ và tên"]))
    assert messages(result) == [expected]
    result = import_members(world.commune, xlsx([None, None], ["Thôn", "Họ và tên"]))
    assert messages(result) == [expected]


def test_it_refuses_a_column_given_twice(world):
    result = import_members(world.commune, xlsx(["Họ và tên", "họ và tên"], ["An", "Bình"]))
    assert "cột “Họ và tên” bị lặp lại" in messages(result)[0]


def test_it_refuses_a_file_without_data(world):
    result = import_members(world.commune, xlsx(["Họ và tên"], [None], ["  "]))
    assert messages(result) == ["File không có dòng dữ liệu nào (ngoài dòng tiêu đề)."]


def test_it_takes_the_columns_in_any_order_and_skips_blank_rows(world):
    result = import_members(
        world.commune,
        xlsx(
            ["họ và  tên", "Thôn"],
            ["Lê Văn An", "Thôn 1"],
            [None, None],
            ["Lê Văn Bình", "Thôn 2"],
        ),
    )
    assert messages(result) == []
    assert result.rows == 2
    assert Member.objects.filter(full_name__in=["Lê Văn An", "Lê Văn Bình"]).count() == 2


def test_it_reports_errors_with_the_row_numbers_excel_shows(world):
    result = import_members(
        world.commune,
        xlsx(
            ["Họ và tên", "Từ ngày"], ["Lê Văn An", "1/1/2026"], [None, None], ["Bình", "hôm qua"]
        ),
    )
    assert messages(result) == [
        "Dòng 4, cột “Từ ngày”: “hôm qua” không phải ngày hợp lệ (dd/mm/yyyy)."
    ]


def test_it_reads_dates_typed_as_text_or_kept_as_excel_dates():
    assert parse_date(datetime.datetime(2026, 3, 2, 0, 0)) == datetime.date(2026, 3, 2)
    assert parse_date(datetime.date(2026, 3, 2)) == datetime.date(2026, 3, 2)
    assert parse_date("02/03/2026") == datetime.date(2026, 3, 2)
    assert parse_date(" 2/3/2026 ") == datetime.date(2026, 3, 2)
    assert parse_date("02-03-2026") == datetime.date(2026, 3, 2)
    assert parse_date("29/02/2028") == datetime.date(2028, 2, 29)
    for bad in ("29/02/2026", "2/3/26", "03/13/2026", "2026", 46000):
        with pytest.raises(CellError):
            parse_date(bad)


def test_it_reads_times_and_yes_no_cells():
    assert parse_time("8:30") == datetime.time(8, 30)
    assert parse_time("14h") == datetime.time(14, 0)
    assert parse_time(datetime.time(9, 15, 42)) == datetime.time(9, 15)
    assert parse_yes_no("X") is True
    assert parse_yes_no("Có") is True
    assert parse_yes_no("không") is False
    with pytest.raises(CellError):
        parse_yes_no("có lẽ")


@pytest.mark.parametrize("sheet", [teams.SHEET, visits.SHEET], ids=lambda s: s.slug)
def test_the_template_opens_with_the_headers_and_a_guide(db, sheet):
    book = openpyxl.load_workbook(io.BytesIO(build_template(sheet)))
    data = book.worksheets[0]
    assert data.title == sheet.name
    headers = [cell.value for cell in data[1]]
    assert headers == [column.header for column in sheet.columns]
    assert all(cell.font.bold for cell in data[1])
    assert data.max_row == 1, "no example row that could be imported by mistake"

    guide = book["Hướng dẫn"]
    described = [row[0] for row in guide.iter_rows(min_row=5, values_only=True)]
    assert described[: len(headers)] == headers
    assert headers in [list(row) for row in guide.iter_rows(values_only=True)]


def test_the_visits_template_lists_the_services_and_the_places(db, world):
    # The commune officer's template names the places in the commune's words.
    book = openpyxl.load_workbook(io.BytesIO(build_template(visits.sheet_for(world.commune))))
    text = " ".join(
        str(value) for row in book["Hướng dẫn"].iter_rows(values_only=True) for value in row
    )
    assert "Đăng ký VNeID (vneid-register)" in text
    assert "Nhà văn hóa thôn" in text
    assert "Xã Chí Minh" in text and "Thôn 1" in text
