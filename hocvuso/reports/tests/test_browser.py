"""The commune officer makes the report in a real browser, from request to issue."""

import io

import pytest
from docx import Document as Docx
from playwright.sync_api import expect

from hocvuso.reports.models import Report, ReportStatus
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in

from .test_pages import request_1885  # noqa: F401  (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_the_officer_makes_edits_downloads_and_issues_the_report(
    desktop,
    live_server,
    world,
    request_1885,  # noqa: F811
):
    page = desktop
    log_in(page, live_server, world.commune)
    page.get_by_role("link", name="Báo cáo").first.click()
    page.get_by_text("1885/SKHCN-TTTT").first.wait_for()
    page.get_by_label("Trả lời yêu cầu báo cáo").select_option(label=str(request_1885))
    page.get_by_label("Ngày báo cáo").fill("2026-06-05")
    page.get_by_role("button", name="Lập dự thảo").click()

    page.get_by_text("Đã tạo dự thảo báo cáo").wait_for()
    # The preview states the records' figures.
    assert page.locator("#fig-people").inner_text() == "4"
    assert page.get_by_text("Thực hiện Công văn số 1885/SKHCN-TTTT ngày 15/5/2026").is_visible()
    screenshot(page, "bao-cao-du-thao")

    section = page.locator("#section-community")
    section.get_by_text("Sửa mục này").click()
    section.get_by_label("Thêm đoạn vào cuối mục").fill("Ra mắt mô hình “Gia đình số”.")
    page.get_by_role("button", name="Lưu nội dung").click()
    page.get_by_text("Đã lưu nội dung báo cáo.").wait_for()
    assert section.get_by_text("Ra mắt mô hình “Gia đình số”.").first.is_visible()

    with page.expect_download() as download:
        page.locator("#download-docx").click()
    path = download.value.path()
    text = "\n".join(p.text for p in Docx(io.BytesIO(open(path, "rb").read())).paragraphs)
    assert "Ra mắt mô hình “Gia đình số”." in text
    assert download.value.suggested_filename.endswith(".docx")

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#issue").click()
    page.get_by_text("Đã ban hành báo cáo số 1/BC-UBND").wait_for()
    assert page.locator("#report-status").inner_text() == "Đã ban hành"
    screenshot(page, "bao-cao-da-ban-hanh")
    report = Report.objects.get()
    assert report.status == ReportStatus.ISSUED and report.number == 1
    assert report.snapshot["figures"]["visits"]["people"] == 4

    # A mistake found after issuing: the report is cancelled with its reason, never deleted.
    page.get_by_label("Lý do hủy").fill("Sai số lượt hỗ trợ tháng 5")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#cancel-report").click()
    expect(page.locator("#report-status")).to_have_text("Đã hủy")
    expect(page.get_by_text("Sai số lượt hỗ trợ tháng 5").first).to_be_visible()
    screenshot(page, "bao-cao-da-huy")
    report.refresh_from_db()
    assert report.status == ReportStatus.CANCELLED and report.snapshot


def test_the_report_page_works_on_a_phone(phone, live_server, world):
    page = phone
    log_in(page, live_server, world.commune)
    page.goto(f"{live_server.url}/bao-cao/")
    page.get_by_label("Từ ngày").fill("2026-01-01")
    page.get_by_label("Đến ngày").fill("2026-05-31")
    page.get_by_role("button", name="Lập dự thảo").click()
    page.get_by_text("Đã tạo dự thảo báo cáo").wait_for()
    # Nothing is wider than the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    screenshot(page, "bao-cao-dien-thoai")
