"""The demo city's report and settings, in the words of a centrally-run city and its 114 xã,
phường and đặc khu — none of a "tỉnh", none of another place. The demo is built once for the
module (`demo_city`, slow)."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from hocvuso.city.render import render_city_docx, render_city_xlsx
from hocvuso.reports.models import ReportRequest
from hocvuso.units.models import Kind, Level, Unit

pytestmark = pytest.mark.django_db
# A "tỉnh"'s words, and places that are not Hải Phòng's.
NOT_HERE = ["UBND tỉnh", "trên địa bàn tỉnh", "Toàn tỉnh", "toàn tỉnh", "Sở KH&CN tỉnh"]
NOT_HERE += ["Điện Biên", "Quảng Ninh", "Hà Nội", "Cần Thơ"]


@pytest.fixture
def request_1885(demo_city):
    return ReportRequest.objects.get(number=1885, symbol="SKHCN-TTTT")


def test_the_demo_citys_report_says_its_own_words(request_1885):
    data = render_city_docx(request_1885, datetime.date(2026, 6, 22), charts=False)
    doc = Document(io.BytesIO(data))
    text = "\n".join(
        [p.text for p in doc.paragraphs]
        + [p.text for t in doc.tables for c in t._cells for p in c.paragraphs]
    )
    for word in NOT_HERE:
        assert word not in text, word
    assert "UBND THÀNH PHỐ HẢI PHÒNG" in text
    assert "trên địa bàn thành phố Hải Phòng" in text
    assert "báo cáo của các xã, phường, đặc khu trên địa bàn thành phố như sau:" in text
    assert "được gửi tới 114 xã, phường, đặc khu" in text
    assert re.search(r"\d+ tổ cấp xã, phường, đặc khu", text)
    assert "THEO XÃ, PHƯỜNG, ĐẶC KHU" in text
    assert re.search(r"Toàn thành phố \(\d+/114 đơn vị\)", text)


def test_the_demo_citys_workbook_names_its_communes_by_their_kinds(request_1885):
    book = load_workbook(io.BytesIO(render_city_xlsx(request_1885)))
    assert book.sheetnames == ["Theo xã, phường, đặc khu", "Thông tin"]
    heading = [c.value for c in book.worksheets[0][1]]
    assert heading[2] == "Xã, phường, đặc khu" and "Tổ cấp xã, phường, đặc khu" in heading
    cells = " ".join(str(v) for s in book for r in s.iter_rows(values_only=True) for v in r if v)
    for word in NOT_HERE:
        assert word not in cells, word


def test_a_ward_of_the_demo_city_gets_defaults_of_a_ward(client, demo_city):
    from hocvuso.accounts.models import User

    ward = Unit.objects.filter(level=Level.COMMUNE, kind=Kind.PHUONG).order_by("code").first()
    client.force_login(User.objects.get(username="admin"))
    html = client.get(reverse("reports:settings_of", args=[ward.pk])).content.decode()
    form = re.search(r'<form method="post" class="stack" id="settings-form".*?</form>', html, re.S)[
        0
    ]
    assert f'value="UBND phường {ward.short_name}"' in form
    assert 'placeholder="Trung tâm Phục vụ hành chính công phường"' in form
    assert "Sở KH&amp;CN thành phố\nLãnh đạo UBND phường\nLưu: VT</textarea>" in form
    # Saved or offered as the default: the city's Department by its full name.
    assert '="Sở Khoa học và Công nghệ thành phố Hải Phòng"' in form
    for word in ("Chí Minh", "UBND xã", "tỉnh"):
        assert word not in form, word
