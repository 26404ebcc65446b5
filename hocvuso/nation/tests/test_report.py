"""The Ministry's report: added up from the provinces' accepted snapshots only, in the
Nghị định 30 layout (DOCX, PDF through the worker) and as a workbook."""

import datetime
import io
import subprocess
import unicodedata
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from hocvuso.city.services import review
from hocvuso.city.synthesis import NOT_SENT, SUMMED, city_figures
from hocvuso.reports.models import RenderJob
from hocvuso.support.models import SupportVisit
from hocvuso.test_tools import require_tool, save_artifact
from hocvuso.testing import make_file

from ..report import nation_snapshot, render_nation_docx, render_nation_xlsx
from .country import country_once, haiphong_answers

REPORT_DATE = datetime.date(2026, 6, 2)


@pytest.fixture(scope="module")
def country(django_db_setup, django_db_blocker):
    """The country with Hải Phòng's answer accepted: two provinces counted, Hà Nội missing."""
    with country_once(django_db_blocker) as built:
        review(built.ministry, haiphong_answers(built), accept=True)
        yield built


def accepted_snapshots(country):
    return [s.report.snapshot for s in country.national.submissions.select_related("report")]


def test_the_ministrys_totals_are_the_sums_of_the_accepted_province_snapshots(db, country):
    figures = city_figures(country.national)
    snapshots = accepted_snapshots(country)
    assert (figures["expected"], figures["reported"]) == (3, 2) and len(snapshots) == 2
    for key in SUMMED:
        assert figures["totals"][key] == sum(s["figures"]["totals"][key] for s in snapshots)
    # Hải Phòng: 4 visits of one person (Chí Minh's; Tân Kỳ has not reported to it);
    # Điện Biên: 4 visits of five people.
    assert figures["totals"]["people_helped"] == 4 + 20
    # The country's share is the sum of the provinces' numerators over their denominators.
    share = figures["indicators"]["schools-cashless"]
    assert (Decimal(share["numerator"]), Decimal(share["denominator"])) == (4, 8)
    assert Decimal(share["value"]) == 50 and share["communes"] == 2


def test_a_province_that_has_not_answered_is_listed_never_counted_as_zero(db, country):
    figures = city_figures(country.national)
    hanoi = next(r for r in figures["rows"] if r["name"] == "Thành phố Hà Nội")
    assert hanoi["status"] == NOT_SENT and hanoi["figures"] is None
    assert figures["not_sent"] == ["Thành phố Hà Nội"]
    assert [r["name"] for r in figures["ranking"]] == ["Tỉnh Điện Biên", "Thành phố Hải Phòng"]


def test_the_records_changed_since_do_not_change_the_ministrys_figures(db, country):
    before = city_figures(country.national)["totals"]
    # The provinces' reports are frozen: the records changing since change nothing.
    assert country.haiphong_request.submissions.count() == 1
    SupportVisit.objects.update(people=100)
    assert city_figures(country.national)["totals"] == before


def test_the_snapshot_speaks_for_the_ministry_of_the_whole_country(db, country, settings):
    settings.MINISTRY_NAME = "Bộ Thử nghiệm"
    snapshot = nation_snapshot(country.national, REPORT_DATE)
    assert snapshot["header"]["agency"] == ["BỘ THỬ NGHIỆM"]
    assert snapshot["subject_lines"][1] == "trên phạm vi cả nước"
    assert "Bộ Thử nghiệm tổng hợp như sau" in snapshot["opening"]
    assert snapshot["table"]["communes_heading"] == "Tỉnh, thành phố"
    assert snapshot["table"]["totals"]["name"] == "Cả nước (02/03 đơn vị)"
    reporting = snapshot["sections"][0]["paragraphs"]
    assert "gửi tới 03 tỉnh, thành phố" in reporting[0]
    assert "Thành phố Hà Nội" in reporting[-1]


@pytest.fixture(scope="module")
def docx(country, django_db_blocker):
    with django_db_blocker.unblock():
        data = render_nation_docx(country.national, REPORT_DATE, charts=False)
    save_artifact("nation", "bao-cao-bo.docx", data)
    return Document(io.BytesIO(data))


def docx_text(doc) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_docx_is_the_ministrys_with_a_table_by_province(db, docx):
    text = docx_text(docx)
    assert "BỘ KHOA HỌC VÀ CÔNG NGHỆ" in text and "BC-BKHCN" in text
    assert "trên phạm vi cả nước" in text
    for name in ("Tỉnh Điện Biên", "Thành phố Hải Phòng", "Thành phố Hà Nội"):
        assert name in text
    assert "Chưa báo cáo" in text  # Hà Nội, in the table by province
    assert "Cả nước (02/03 đơn vị)" in text
    assert "THEO TỈNH, THÀNH PHỐ" in text


def test_the_workbook_has_a_row_per_province_and_the_countrys_totals(db, country):
    book = openpyxl.load_workbook(io.BytesIO(render_nation_xlsx(country.national)))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "Tỉnh, thành phố"
    by_name = {row[2]: row for row in rows[1:-1]}
    people = rows[0].index("Lượt người được hỗ trợ")
    assert by_name["Thành phố Hà Nội"][people] is None  # empty, never 0
    assert by_name["Tỉnh Điện Biên"][people] == 20
    assert by_name["Thành phố Hải Phòng"][people] == 4
    assert rows[-1][people] == 24 and rows[-1][2].startswith("Cả nước (2/3")


@pytest.mark.system
def test_the_ministrys_pdf_is_made_by_the_worker(db, client, country, settings, tmp_path):
    require_tool("soffice", "libreoffice")
    require_tool("pdftotext")
    settings.EXPORT_ROOT = tmp_path
    client.force_login(country.ministry)
    page = make_file(client, reverse("nation:report_download", args=[country.national.pk, "pdf"]))
    job = RenderJob.objects.get()
    assert (job.kind, job.object_id) == ("nation_report", country.national.pk)
    assert job.status == "done", job.error
    response = client.get(reverse("reports:render_download", args=[job.pk]))
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF") and page.status_code == 200
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    text = unicodedata.normalize("NFC", text.stdout.decode())
    assert "BỘ KHOA HỌC VÀ CÔNG NGHỆ" in text and "PHỤ LỤC II" in text
    assert "Chưa báo cáo" in text
