import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from hocvuso.imports import views
from hocvuso.imports.template import XLSX_CONTENT_TYPE
from hocvuso.teams.models import Member, Membership

from .sheets import members_file

INDEX = reverse("imports:index")
UPLOAD = reverse("imports:upload")


def test_it_shows_both_imports_to_a_commune_officer(client, world):
    client.force_login(world.commune)
    response = client.get(INDEX)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nhập dữ liệu từ Excel" in page
    assert "Tải file mẫu" in page
    assert reverse("imports:template", args=["thanh-vien"]) in page
    assert reverse("imports:template", args=["luot-ho-tro"]) in page
    assert 'enctype="multipart/form-data"' in page


def test_it_lets_a_commune_officer_and_a_superuser_in(client, world):
    for user in (world.commune, world.admin):
        client.force_login(user)
        assert client.get(INDEX).status_code == 200


def test_it_refuses_a_city_officer_who_only_reads_its_communes_records(client, world):
    client.force_login(world.city)
    before = Member.objects.count()
    assert client.get(INDEX).status_code == 403
    upload = {"kind": "thanh-vien", "file": members_file({"Họ và tên": "Lê Văn An"})}
    assert client.post(UPLOAD, upload).status_code == 403
    assert Member.objects.count() == before


@pytest.mark.parametrize("persona", ["leader", "member", "other_leader"])
def test_it_refuses_team_leaders_and_members(client, world, persona):
    client.force_login(getattr(world, persona))
    before = Member.objects.count()
    assert client.get(INDEX).status_code == 403
    assert client.get(reverse("imports:template", args=["thanh-vien"])).status_code == 403
    upload = {"kind": "thanh-vien", "file": members_file({"Họ và tên": "Lê Văn An"})}
    assert client.post(UPLOAD, upload).status_code == 403
    assert Member.objects.count() == before


def test_it_sends_visitors_to_the_login_page(client, db):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize(
    ("kind", "first_headers"),
    [("thanh-vien", ["Xã", "Thôn", "Tổ", "Họ và tên"]), ("luot-ho-tro", ["Ngày", "Giờ", "Xã"])],
)
def test_it_downloads_a_template_that_excel_opens(client, world, kind, first_headers):
    client.force_login(world.commune)
    response = client.get(reverse("imports:template", args=[kind]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert f'filename="mau-{kind}.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in book.worksheets[0][1]]
    assert headers[: len(first_headers)] == first_headers
    assert "Hướng dẫn" in book.sheetnames


def test_it_has_no_template_for_an_unknown_kind(client, world):
    client.force_login(world.commune)
    assert client.get(reverse("imports:template", args=["bao-cao"])).status_code == 404


def test_it_imports_an_uploaded_file_and_says_what_it_did(client, world):
    client.force_login(world.commune)
    before = Membership.objects.count()
    upload = {
        "kind": "thanh-vien",
        "file": members_file({"Họ và tên": "Lê Văn An"}, {"Thôn": "Thôn 1", "Họ và tên": "Bình"}),
    }
    response = client.post(UPLOAD, upload)
    assert response.status_code == 302
    assert response.url == INDEX
    assert Membership.objects.count() == before + 2
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Thành viên tổ công nghệ số cộng đồng: Đã nhập 2 dòng: 0 tổ mới, 2 thành viên mới, "
        "2 lượt phân công vào tổ."
    ]


def test_it_lists_the_row_errors_of_a_bad_file_and_saves_nothing(client, world):
    client.force_login(world.commune)
    before = Member.objects.count()
    upload = {
        "kind": "thanh-vien",
        "file": members_file(
            {"Họ và tên": "Lê Văn An"},
            {"Thôn": "Thôn 9", "Họ và tên": "Lê Văn Bình"},
            {"Xã": "Tân Kỳ", "Họ và tên": "Lê Văn Cường"},
        ),
    }
    response = client.post(UPLOAD, upload)
    assert response.status_code == 200
    page = response.content.decode()
    assert "file có 2 lỗi, chưa có dữ liệu nào được lưu" in page
    assert "Dòng 3, cột “Thôn”: Không tìm thấy thôn “Thôn 9” trong Xã Chí Minh." in page
    assert "Dòng 4, cột “Xã”: Xã Tân Kỳ không thuộc phạm vi của bạn." in page
    assert Member.objects.count() == before


def test_it_shows_only_the_first_errors_of_a_very_bad_file(client, world, monkeypatch):
    monkeypatch.setattr(views, "MAX_ERRORS_SHOWN", 2)
    client.force_login(world.commune)
    rows = [{"Thôn": f"Thôn {i}", "Họ và tên": "Lê Văn An"} for i in range(10, 15)]
    response = client.post(UPLOAD, {"kind": "thanh-vien", "file": members_file(*rows)})
    page = response.content.decode()
    assert "file có 5 lỗi" in page
    assert "Dòng 3, cột “Thôn”" in page
    assert "Dòng 4, cột “Thôn”" not in page
    assert "… và 3 lỗi khác" in page


def test_it_asks_for_a_file(client, world):
    client.force_login(world.commune)
    response = client.post(UPLOAD, {"kind": "luot-ho-tro"})
    assert response.status_code == 200
    assert "Hãy chọn file Excel cần nhập." in response.content.decode()


def test_it_answers_a_file_that_is_not_excel_with_a_message(client, world):
    client.force_login(world.commune)
    upload = {"kind": "luot-ho-tro", "file": io.BytesIO(b"%PDF-1.4 not a sheet")}
    upload["file"].name = "bao-cao.pdf"
    response = client.post(UPLOAD, upload)
    assert response.status_code == 200
    assert "file phải là bảng tính Excel .xlsx" in response.content.decode()


def test_uploading_needs_a_post(client, world):
    client.force_login(world.commune)
    assert client.get(UPLOAD).status_code == 405


def test_an_11_mb_file_is_a_form_error_before_anything_reads_it(client, world, monkeypatch):
    def unread(*args):
        raise AssertionError("the file was read")

    monkeypatch.setattr("hocvuso.imports.files.read_upload", unread)
    client.force_login(world.commune)
    upload = io.BytesIO(b"PK\x03\x04" + bytes(11 * 1024 * 1024))
    upload.name = "lon.xlsx"
    response = client.post(UPLOAD, {"kind": "luot-ho-tro", "file": upload})
    assert response.status_code == 200
    assert "File quá lớn; chỉ nhận file đến 10 MB." in response.content.decode()


def test_a_body_of_form_fields_larger_than_the_limit_is_a_400(client, world, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 5
    client.force_login(world.commune)
    response = client.post(UPLOAD, {"kind": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    assert response.status_code == 400
    many = {f"file{n}": io.BytesIO(b"x") for n in range(6)}
    for n, upload in enumerate(many.values()):
        upload.name = f"{n}.xlsx"
    assert client.post(UPLOAD, {"kind": "luot-ho-tro", **many}).status_code == 400
