"""The city's report: the Department's Word report, its appendix workbook, and completeness."""

import datetime
import io
import subprocess
import unicodedata

import pytest
import time_machine
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import load_workbook

from hocvuso.city.render import (
    city_snapshot,
    render_city_docx,
    render_city_xlsx,
    render_completeness_xlsx,
    vn_sort_key,
)
from hocvuso.city.services import completeness, review, submit_report
from hocvuso.city.synthesis import SUMMED, city_figures
from hocvuso.core.formatting import vn_number
from hocvuso.indicators.models import Indicator, IndicatorValue
from hocvuso.reports.models import ReportSettings
from hocvuso.reports.render.pdf import docx_to_pdf
from hocvuso.reports.services import create_report, issue_report
from hocvuso.reports.tests.test_render_docx import FONT, fmt, font, texts
from hocvuso.test_tools import ARTIFACTS, require_tool, save_artifact
from hocvuso.testing import make_commune, make_user

from .requests import ask, at

REPORT_DATE = datetime.date(2026, 3, 30)
DEADLINE = datetime.date(2026, 3, 20)


@pytest.fixture
def city(world):
    """Four communes asked for March: Chí Minh and Tân Kỳ accepted, Tiên Động sent late and
    waiting, Quang Phục missing."""
    from hocvuso.accounts.models import UserRole

    quang_phuc = make_commune(world.haiphong, "11133", "Quang Phục")
    tien_dong = make_commune(world.haiphong, "11134", "Tiên Động")
    officer = make_user("tiendong", UserRole.COMMUNE_OFFICER, tien_dong.commune)
    cashless = Indicator.objects.get(code="schools-cashless")
    for commune, numerator in ((world.chiminh.commune, 9), (world.tanky.commune, 3)):
        IndicatorValue.objects.create(
            indicator=cashless,
            commune=commune,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 1),
            numerator=numerator,
            denominator=9,
        )
    request = ask(
        world.city, world.haiphong, issued_on=datetime.date(2026, 3, 10), deadline=DEADLINE, month=3
    )
    sent = [
        (world.chiminh.commune, world.commune, DEADLINE, True),
        (world.tanky.commune, world.outsider, DEADLINE - datetime.timedelta(2), True),
        (tien_dong.commune, officer, DEADLINE + datetime.timedelta(3), False),
    ]
    for commune, user, day, accept in sent:
        report = issue_report(create_report(commune, request=request, report_date=day))
        with time_machine.travel(at(day)):
            submission = submit_report(user, request, report)
        if accept:
            review(world.city, submission, accept=True)
    world.quang_phuc, world.tien_dong = quang_phuc, tien_dong
    return request


@pytest.fixture
def doc(city):
    data = render_city_docx(city, REPORT_DATE, charts=False)
    save_artifact("city", "bao-cao-thanh-pho.docx", data)
    return Document(io.BytesIO(data))


def body_text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def test_it_names_the_department_in_bold_under_the_city_upright(doc):
    parent, agency = texts(doc.tables[0].cell(0, 0).paragraphs)
    assert parent.text == "UBND THÀNH PHỐ HẢI PHÒNG"
    assert font(parent, "bold") is False and font(parent, "italic") is False
    assert agency.text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert font(agency, "bold") is True
    for paragraph in (parent, agency):
        assert Pt(12) <= font(paragraph, "size") <= Pt(13)
        assert fmt(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    (number,) = texts(doc.tables[0].cell(1, 0).paragraphs)
    assert number.text.replace(" ", "") == "Số:/BC-SKHCN"
    (date,) = texts(doc.tables[0].cell(1, 1).paragraphs)
    assert date.text == "Hải Phòng, ngày 30 tháng 3 năm 2026"


def test_it_keeps_the_decree_page_and_font(doc):
    section = doc.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin]
    sizes += [section.bottom_margin, section.left_margin, section.right_margin]
    # Word keeps twentieths of a point, not millimetres.
    for size, mm in zip(sizes, (210, 297, 20, 20, 30, 15), strict=True):
        assert abs(size - Mm(mm)) < Mm(0.1)
    defaults = doc.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
    )
    assert {defaults.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {FONT}
    runs = [run for p in doc.paragraphs for run in p.runs]
    runs += [run for t in doc.tables for c in t._cells for p in c.paragraphs for run in p.runs]
    assert all(run.font.name in (None, FONT) for run in runs)
    # Page numbers from page 2: the first page's header is empty.
    assert section.different_first_page_header_footer
    assert not section.first_page_header.paragraphs[0].text.strip()


def test_its_title_and_opening_cite_the_request(doc):
    text = body_text(doc)
    assert "Tổng hợp kết quả triển khai phong trào “Bình dân học vụ số”" in text
    assert "tháng 3/2026 (từ ngày 15/02/2026 đến ngày 14/03/2026)" in text
    assert "Thực hiện Công văn số 1885/SKHCN-TTTT ngày 10/3/2026" in text
    # The city's communes are all xã: it says theirs, and the city's kind.
    assert "Sở Khoa học và Công nghệ tổng hợp báo cáo của các xã trên địa bàn thành phố" in text


def test_the_table_has_a_row_per_commune_and_says_which_have_not_reported(doc, world):
    table = doc.tables[2]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    heading, *communes, totals = rows
    assert heading[:2] == ["STT", "Xã"]
    assert [row[1] for row in communes] == [
        "Xã Chí Minh",
        "Xã Quang Phục",
        "Xã Tân Kỳ",
        "Xã Tiên Động",
    ]
    by_name = {row[1]: row for row in communes}
    # A merged cell across the figures: python-docx repeats it for each column it spans.
    assert set(by_name["Xã Quang Phục"][2:]) == {"Chưa báo cáo"}
    assert set(by_name["Xã Tiên Động"][2:]) == {"Báo cáo chưa được tiếp nhận"}
    assert by_name["Xã Chí Minh"][6] == "100%" and by_name["Xã Tân Kỳ"][6] == "33,3%"
    # The heading repeats on every page, and no row breaks across two.
    first = table.rows[0]._tr.trPr
    assert first.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    sizes = {font(p, "size") for c in table._cells for p in c.paragraphs if p.text.strip()}
    assert sizes == {Pt(11)}
    assert totals[1] == "Toàn thành phố (02/04 đơn vị)"
    assert totals[6] == "66,7%"  # (9 + 3) / (9 + 9), not the mean of the shares


def test_the_totals_it_states_are_the_citys_figures(doc, city):
    figures = city_figures(city)
    t = figures["totals"]
    assert t["people_helped"] == 8 and figures["reported"] == 2
    text = body_text(doc)
    assert f"đã trực tiếp hỗ trợ {vn_number(t['people_helped'])} lượt người dân" in text
    assert f"với tổng số {vn_number(t['members'])} thành viên" in text
    assert f"có {vn_number(t['teams'])} tổ công nghệ số cộng đồng" in text
    totals = [cell.text for cell in doc.tables[2].rows[-1].cells]
    assert totals[2:6] == [
        vn_number(t[key]) for key in ("teams", "members", "people_helped", "people_trained")
    ]


def test_it_names_the_missing_and_never_counts_them(doc):
    text = body_text(doc)
    assert "có 03 đơn vị đã gửi báo cáo (đạt 75,0%), trong đó 02 đơn vị gửi đúng hạn" in text
    assert "- Các đơn vị chưa gửi báo cáo (01 đơn vị): Xã Quang Phục." in text
    assert "chưa được tiếp nhận (01 đơn vị): Xã Tiên Động." in text
    # A ranking of two: the indicators, with their tiny denominators, are not ranked.
    assert "Các đơn vị hỗ trợ được nhiều lượt người dân nhất: Xã Chí Minh (4 lượt) và " in text


def test_the_department_signs_as_its_settings_say(world, city):
    snapshot = city_snapshot(city, REPORT_DATE)
    assert snapshot["signature"] == {
        "authority": "KT. GIÁM ĐỐC",
        "title": "PHÓ GIÁM ĐỐC",
        "name": "",
    }
    assert snapshot["recipients"] == ["UBND thành phố", "Lãnh đạo Sở", "Lưu: VT"]
    ReportSettings.objects.create(
        commune=world.haiphong,
        agency="SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        agency_short="Sở Khoa học và Công nghệ",
        place_name="Hải Phòng",
        recipients="UBND thành phố\nLưu: VT",
        signer_authority="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_name="Lê Văn Bình",
    )
    doc = Document(io.BytesIO(render_city_docx(city, REPORT_DATE, charts=False)))
    signature = [p.text for p in texts(doc.tables[1].cell(0, 1).paragraphs)]
    assert signature == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Bình"]
    recipients = [p.text for p in texts(doc.tables[1].cell(0, 0).paragraphs)]
    assert recipients == ["Nơi nhận:", "- UBND thành phố;", "- Lưu: VT."]


def test_the_workbook_has_every_communes_figures_and_the_citys_totals(city):
    data = render_city_xlsx(city)
    save_artifact("city", "phu-luc-thanh-pho.xlsx", data)
    sheet = load_workbook(io.BytesIO(data))["Theo xã"]
    rows = list(sheet.iter_rows(values_only=True))
    heading, *communes, totals = rows
    assert len(communes) == 4
    figures = city_figures(city)
    first = heading.index("Tổng số tổ CNSCĐ")
    assert totals[first : first + len(SUMMED)] == tuple(figures["totals"][k] for k in SUMMED)
    missing = next(row for row in communes if row[2] == "Xã Quang Phục")
    assert missing[3] == "Chưa gửi báo cáo"
    assert set(missing[first:]) == {None}  # empty, never zero
    share = heading.index(
        "Tỷ lệ trường học thực hiện thanh toán không dùng tiền mặt các khoản thu (%)"
    )
    assert totals[share : share + 3] == (pytest.approx(66.67), 12, 18)
    # The sums of the communes' columns are the totals row.
    for column in range(first, first + len(SUMMED)):
        assert sum(row[column] or 0 for row in communes) == totals[column]
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}5"


def test_the_completeness_workbook_lists_the_missing_first_with_the_city_rates(world, city):
    data = render_completeness_xlsx(city)
    save_artifact("city", "tinh-hinh-bao-cao.xlsx", data)
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "Mã",
        "Xã",
        "Đã gửi",
        "Ngày gửi",
        "Đúng hạn",
        "Trạng thái duyệt",
        "Số lần nhắc",
    )
    assert rows[1][:3] == ("11133", "Xã Quang Phục", "Chưa gửi")
    assert rows[2][1:3] == ("Xã Tiên Động", "Đã gửi") and rows[2][4] == "Quá hạn"
    assert rows[2][3] == datetime.datetime(2026, 3, 23, 10, 0)
    status = completeness(city)
    assert rows[-1][1:] == (
        status.expected,
        status.sent,
        pytest.approx(status.rate, abs=0.05),
        status.on_time,
        pytest.approx(status.on_time_rate, abs=0.05),
        None,
    )
    assert (status.expected, status.sent, status.on_time) == (4, 3, 2)


def test_communes_are_in_vietnamese_alphabetical_order():
    names = ["Xã Yên Hưng", "Xã Ái Quốc", "Đặc khu Cát Hải", "Phường Đồ Sơn", "Phường Dư Hàng"]
    assert sorted(names, key=vn_sort_key) == [
        "Đặc khu Cát Hải",
        "Phường Dư Hàng",
        "Phường Đồ Sơn",
        "Xã Ái Quốc",
        "Xã Yên Hưng",
    ]


def run(*command):
    return subprocess.run(command, capture_output=True, check=True, timeout=120).stdout


@pytest.mark.system
def test_it_prints_to_pdf_with_its_charts(city):
    require_tool("soffice", "libreoffice")
    data = render_city_docx(city, REPORT_DATE, charts=True)
    doc = Document(io.BytesIO(data))
    # The status and the people helped; nobody was trained, so that ranking is left out.
    assert len(doc.inline_shapes) == 2
    path = save_artifact("city", "bao-cao-thanh-pho.pdf", docx_to_pdf(data))
    text = unicodedata.normalize("NFC", run(require_tool("pdftotext"), str(path), "-").decode())
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in text and "PHỤ LỤC II" in text
    assert "Chưa báo cáo" in text
    run(require_tool("pdftoppm"), "-png", "-r", "70", str(path), str(ARTIFACTS / "city" / "trang"))
    assert len(list((ARTIFACTS / "city").glob("trang-*.png"))) >= 4
