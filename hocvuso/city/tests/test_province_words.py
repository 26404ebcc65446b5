"""The report of a province that is a "tỉnh", whose communes are xã, phường and đặc khu: every
place word is its own, and a section without figures claims nothing.

Tỉnh Quảng Ninh has all three kinds of commune; its villages here are thôn, bản and khu phố.
The world's Hải Phòng, Chí Minh, Tân Kỳ and Hà Nội stay in the database beside it, so that a
word leaking from them shows.
"""

import datetime
import io
import subprocess
import unicodedata

import pytest
import time_machine
from docx import Document
from openpyxl import load_workbook

from hocvuso.accounts.models import UserRole
from hocvuso.city.render import (
    city_snapshot,
    render_city_docx,
    render_city_xlsx,
    render_completeness_xlsx,
)
from hocvuso.city.services import review, submit_report
from hocvuso.reports.render.pdf import docx_to_pdf
from hocvuso.reports.services import create_report, issue_report
from hocvuso.support.models import Place, Service, SupportVisit
from hocvuso.teams.models import Member, Membership, Role, Team, TeamLevel
from hocvuso.test_tools import ARTIFACTS, require_tool, save_artifact
from hocvuso.testing import make_commune_of_kinds, make_user
from hocvuso.units.models import Kind, Level, Unit

from .requests import ask, at

REPORT_DATE = datetime.date(2026, 3, 30)
DEADLINE = datetime.date(2026, 3, 20)
# Words of the other units in the database, and of the demo.
FOREIGN = ["Hải Phòng", "HẢI PHÒNG", "Chí Minh", "Tân Kỳ", "Hà Nội", "Hoàn Kiếm", "Smart"]
# A "tỉnh" is never called a city, nor its communes only "xã".
NOT_A_CITY = ["thành phố", "Thành phố", "THÀNH PHỐ", "TP.", "cấp xã "]


def make_tinh(code: str, name: str) -> Unit:
    return Unit.objects.create(
        level=Level.PROVINCE, kind=Kind.TINH, code=code, name=f"Tỉnh {name}", short_name=name
    )


def staff(commune, people: int) -> None:
    """A commune team and a village team with a member each, and visits of a national service."""
    village = commune.children.order_by("code").first()
    service = Service.objects.filter(province__isnull=True).order_by("position").first()
    for level, unit in ((TeamLevel.COMMUNE, commune), (TeamLevel.VILLAGE, village)):
        team = Team.objects.create(name=f"Tổ CNSCĐ {unit.name}", level=level, unit=unit)
        member = Member.objects.create(full_name=f"Lò Văn {unit.code}", commune=commune)
        Membership.objects.create(team=team, member=member, role=Role.LEADER)
        visit = SupportVisit.objects.create(
            commune=commune,
            village=village,
            team=team,
            member=member,
            occurred_at=at(datetime.date(2026, 3, 2)),
            place=Place.CULTURAL_HOUSE,
            people=people,
        )
        visit.services.set([service])


@pytest.fixture
def province(world):
    """Tỉnh Quảng Ninh: Phường Bãi Cháy and Xã Tiên Yên reported and were accepted, Đặc khu
    Vân Đồn did not; no documents, outreach, Zalo groups or classes anywhere."""
    province = make_tinh("22", "Quảng Ninh")
    officer = make_user("sokhcn-qn", UserRole.CITY_OFFICER, province)
    ward = make_commune_of_kinds(province, "22101", Kind.PHUONG, "Bãi Cháy", [Kind.KHU_PHO] * 3)
    commune = make_commune_of_kinds(
        province, "22102", Kind.XA, "Tiên Yên", [Kind.THON, Kind.THON, Kind.BAN]
    )
    make_commune_of_kinds(province, "22103", Kind.DAC_KHU, "Vân Đồn", [Kind.THON])
    request = ask(
        officer,
        province,
        number=215,
        symbol="SKHCN-VP",
        issued_on=datetime.date(2026, 3, 10),
        deadline=DEADLINE,
        month=3,
    )
    for unit, people in ((ward, 3), (commune, 5)):
        staff(unit, people)
        user = make_user(f"can-bo-{unit.code}", UserRole.COMMUNE_OFFICER, unit)
        report = issue_report(create_report(unit, request=request, report_date=DEADLINE))
        with time_machine.travel(at(DEADLINE)):
            submission = submit_report(user, request, report)
        review(officer, submission, accept=True)
    return request


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [p.text for t in doc.tables for c in t._cells for p in c.paragraphs]
    return "\n".join(parts)


def xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    cells = [str(v) for s in book for row in s.iter_rows(values_only=True) for v in row if v]
    return "\n".join([*book.sheetnames, *cells])


def assert_own_words(text: str) -> None:
    for word in FOREIGN + NOT_A_CITY:
        assert word not in text, word


@pytest.fixture
def report_text(province) -> str:
    data = render_city_docx(province, REPORT_DATE, charts=False)
    save_artifact("city-tinh", "bao-cao-tinh.docx", data)
    return docx_text(data)


def test_the_request_is_issued_by_the_provinces_own_department(province):
    assert province.issuer == "Sở Khoa học và Công nghệ tỉnh Quảng Ninh"


def test_the_report_of_a_tinh_says_its_own_words(report_text):
    assert_own_words(report_text)
    assert "UBND TỈNH QUẢNG NINH" in report_text
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in report_text
    assert "trên địa bàn tỉnh Quảng Ninh" in report_text
    assert "Quảng Ninh, ngày 30 tháng 3 năm 2026" in report_text
    assert (
        "Sở Khoa học và Công nghệ tổng hợp báo cáo của các xã, phường, đặc khu trên địa bàn "
        "tỉnh như sau:"
    ) in report_text
    assert "được gửi tới 03 xã, phường, đặc khu" in report_text
    assert "Sở Khoa học và Công nghệ đã tiếp nhận 02 báo cáo." in report_text
    # Villages of three kinds, most numerous first.
    assert "02 tổ cấp xã, phường, đặc khu và 02 tổ cấp thôn, khu phố, bản" in report_text
    assert "Toàn tỉnh (02/03 đơn vị)" in report_text
    assert "Tỷ lệ toàn tỉnh bằng tổng tử số" in report_text
    assert "THEO XÃ, PHƯỜNG, ĐẶC KHU" in report_text
    assert "kính báo cáo UBND tỉnh./." in report_text
    assert "- UBND tỉnh;" in report_text


def test_it_claims_no_work_the_records_do_not_show(report_text):
    # No documents, outreach or Zalo groups were reported: the section says so.
    assert (
        "Các đơn vị đã báo cáo chưa ghi nhận văn bản chỉ đạo, hoạt động tuyên truyền hay nhóm "
        "Zalo nào trong kỳ."
    ) in report_text
    for claim in ("duy trì 0", "tổ chức 0", "ban hành 0", "nhóm Zalo của tổ", "lớp học số"):
        assert claim not in report_text
    # Nobody was trained: the assessment does not say they were.
    assert "hướng dẫn kỹ năng số cho người dân" not in report_text
    assert "hỗ trợ người dân sử dụng dịch vụ công trực tuyến, ứng dụng số." in report_text


def test_a_report_with_nothing_accepted_makes_no_assessment(world):
    province = make_tinh("11", "Điện Biên")
    officer = make_user("sokhcn-db", UserRole.CITY_OFFICER, province)
    make_commune_of_kinds(province, "11101", Kind.XA, "Mường Phăng", [Kind.BAN, Kind.XOM])
    request = ask(
        officer,
        province,
        number=9,
        symbol="SKHCN",
        issued_on=datetime.date(2026, 3, 10),
        deadline=DEADLINE,
        month=3,
    )
    text = docx_text(render_city_docx(request, REPORT_DATE, charts=False))
    assert_own_words(text)
    assert "Chưa có báo cáo nào được tiếp nhận nên chưa đủ cơ sở đánh giá chung." in text
    assert "Nhìn chung" not in text and "tổ công nghệ số cộng đồng, gồm" not in text
    assert "báo cáo của các xã trên địa bàn tỉnh như sau" in text


def test_its_workbooks_speak_the_provinces_words_in_vietnamese(province):
    appendix = render_city_xlsx(province)
    save_artifact("city-tinh", "phu-luc-tinh.xlsx", appendix)
    book = load_workbook(io.BytesIO(appendix))
    assert book.sheetnames == ["Theo xã, phường, đặc khu", "Thông tin"]
    heading = [c.value for c in book.worksheets[0][1]]
    assert heading[2] == "Xã, phường, đặc khu"
    assert "Tổ cấp xã, phường, đặc khu" in heading and "Tổ cấp thôn, khu phố, bản" in heading
    # Vietnamese headings only: no internal key of the figures.
    for value in heading:
        assert "_" not in value and "." not in value.replace("(%)", ""), value
    totals = [row for row in book.worksheets[0].iter_rows(values_only=True)][-1]
    assert totals[2] == "Toàn tỉnh (2/3 đơn vị đã tiếp nhận)"
    completeness = render_completeness_xlsx(province)
    for text in (xlsx_text(appendix), xlsx_text(completeness)):
        assert_own_words(text)
    rows = list(load_workbook(io.BytesIO(completeness)).active.iter_rows(values_only=True))
    assert rows[0][1] == "Xã, phường, đặc khu"
    assert rows[-2][0] == "Toàn tỉnh"


def test_the_snapshot_keeps_the_words_its_charts_use(province):
    snapshot = city_snapshot(province, REPORT_DATE)
    assert snapshot["words"]["communes"] == "xã, phường, đặc khu"
    province_words = snapshot["words"]["province"]
    assert (province_words["kind"], province_words["name"]) == ("tỉnh", "Quảng Ninh")
    from hocvuso.city.charts import city_charts

    titles = [title for title, _ in city_charts(snapshot)]
    # Nobody was trained: no empty ranking of it.
    assert titles == [
        "Tình hình báo cáo của 3 xã, phường, đặc khu",
        "Các đơn vị có nhiều lượt người dân được hỗ trợ nhất",
    ]


def run(*command):
    return subprocess.run(command, capture_output=True, check=True, timeout=180).stdout


@pytest.mark.system
def test_it_prints_to_pdf_in_the_provinces_words(province):
    require_tool("soffice", "libreoffice")
    data = render_city_docx(province, REPORT_DATE, charts=True)
    path = save_artifact("city-tinh", "bao-cao-tinh.pdf", docx_to_pdf(data))
    text = unicodedata.normalize("NFC", run(require_tool("pdftotext"), str(path), "-").decode())
    assert "UBND TỈNH QUẢNG NINH" in text and "PHỤ LỤC II" in text
    assert "Hải Phòng" not in text and "thành phố" not in text.casefold()
    for old in (ARTIFACTS / "city-tinh").glob("trang-*.png"):
        old.unlink()
    run(require_tool("pdftoppm"), "-png", "-r", "60", str(path), str(path.parent / "trang"))
    assert len(list(path.parent.glob("trang-*.png"))) >= 4


def test_a_ward_of_a_tinh_reads_the_requests_of_its_tinh(client, province):
    from django.urls import reverse

    from hocvuso.accounts.models import User

    client.force_login(User.objects.get(username="can-bo-22101"))
    html = client.get(reverse("reports:index")).content.decode()
    assert "Yêu cầu báo cáo của tỉnh" in html
    assert "thành phố" not in html.casefold() and "Hải Phòng" not in html
