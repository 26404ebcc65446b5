"""The city's side in a real browser: from the request to the city's report, and the commune's answer.

The browser keeps real time (its session cookie would expire in a frozen
past), so the dates here are counted from today.
"""

import datetime
import io

import pytest
from django.utils import timezone
from docx import Document as Docx

from hocvuso.city.models import Submission, SubmissionStatus
from hocvuso.city.services import remind_late, submit_report
from hocvuso.reports.models import ReportRequest
from hocvuso.reports.services import create_report, issue_report
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in, make_commune, run_tasks

from .requests import ask

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def docx_text(path) -> str:
    document = Docx(io.BytesIO(open(path, "rb").read()))
    cells = [c.text for t in document.tables for c in t._cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def fits_the_screen(page) -> bool:
    width = page.viewport_size["width"]
    return page.evaluate("document.documentElement.scrollWidth") <= width


def quarterly_request(world, days_left=5):
    today = timezone.localdate()
    return ask(
        world.city,
        world.haiphong,
        issued_on=today - datetime.timedelta(days=12),
        deadline=today + datetime.timedelta(days=days_left),
        quarter=2,
    )


def test_a_city_officer_goes_from_the_request_to_the_citys_report(
    desktop, live_server, world, settings, tmp_path
):
    settings.EXPORT_ROOT = tmp_path
    page = desktop
    log_in(page, live_server, world.city)
    page.get_by_role("link", name="Thành phố").first.click()
    page.get_by_role("link", name="Tạo yêu cầu báo cáo").click()

    page.get_by_label("Số, ký hiệu văn bản").fill("1885/SKHCN-TTTT")
    page.get_by_label("Loại kỳ báo cáo").select_option(label="Tháng")
    page.get_by_label("Năm", exact=True).fill("2026")
    page.get_by_label("Tháng", exact=True).select_option(label="Tháng 1")
    preview = page.locator("#period-preview")
    preview.get_by_text("Kỳ báo cáo: 15/12/2025 – 14/01/2026").wait_for()
    page.get_by_label("Loại kỳ báo cáo").select_option(label="Quý")
    page.get_by_label("Quý", exact=True).select_option(label="Quý II")
    # The period is shown before anything is saved.
    preview.get_by_text("Kỳ báo cáo: 15/03/2026 – 14/06/2026").wait_for()
    assert "quý II năm 2026" in preview.inner_text()
    assert not page.get_by_label("Tháng", exact=True).is_visible()
    assert not ReportRequest.objects.exists()
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    page.get_by_label("Hạn gửi báo cáo").fill(deadline.isoformat())
    screenshot(page, "thanh-pho-tao-yeu-cau")
    page.get_by_role("button", name="Tạo yêu cầu và gửi các xã").click()

    page.get_by_text("Đã tạo yêu cầu 1885/SKHCN-TTTT, gửi tới 2 xã").wait_for()
    request = ReportRequest.objects.get()
    assert (request.period_start, request.period_end) == (
        datetime.date(2026, 3, 15),
        datetime.date(2026, 6, 14),
    )
    assert page.locator("#total-expected").inner_text() == "2"
    assert page.locator("#total-sent").inner_text() == "0"
    assert page.locator("#communes tbody").get_by_text("Chưa gửi").count() == 2
    screenshot(page, "thanh-pho-tinh-hinh-chua-ai-gui")

    # Xã Chí Minh sends its report (its own pages are walked in the next test).
    report = issue_report(create_report(world.chiminh.commune, request=request), user=world.commune)
    submit_report(world.commune, request, report)
    page.reload()
    assert page.locator("#total-sent").inner_text() == "1"
    assert page.locator("#rate").inner_text() == "50%"
    page.locator("#communes").get_by_role("link", name="Xã Chí Minh").click()

    page.get_by_text("Lịch sử gửi, duyệt").wait_for()
    assert page.locator("#submission-status").inner_text() == "Đã gửi, chờ duyệt"
    screenshot(page, "thanh-pho-duyet-bao-cao")
    page.get_by_role("button", name="Tiếp nhận").click()
    page.get_by_text("Đã tiếp nhận báo cáo của Xã Chí Minh.").wait_for()
    assert page.locator("#submission-status").inner_text() == "Đã tiếp nhận"
    assert Submission.objects.get().status == SubmissionStatus.ACCEPTED

    page.get_by_role("link", name="Tình hình gửi báo cáo").click()
    page.get_by_role("link", name="Báo cáo của thành phố").click()
    assert page.locator("#city-reported").inner_text() == "1/2"
    page.locator("#not-counted").get_by_text("Xã Tân Kỳ").wait_for()
    screenshot(page, "thanh-pho-bao-cao-tong-hop")
    # The worker makes the file while its page waits; here it runs once the page is there.
    page.locator("#download-city-docx").click()
    page.wait_for_url("**/bao-cao/tep/*/")
    run_tasks()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp Word").click()
    assert download.value.suggested_filename.endswith(".docx")
    assert "Chí Minh" in docx_text(download.value.path())

    page.get_by_role("link", name="Thành phố").first.click()
    page.locator("#requests").get_by_text("1/2 đơn vị").wait_for()
    screenshot(page, "thanh-pho-yeu-cau")


def test_a_commune_officer_sees_the_request_and_sends_the_report(phone, live_server, world):
    request = quarterly_request(world, days_left=5)
    remind_late(world.city, request, "Đề nghị xã gửi báo cáo đúng hạn.")
    page = phone
    log_in(page, live_server, world.commune)
    page.goto(f"{live_server.url}/bao-cao/")

    waiting = page.locator(f"#city-request-{request.pk}")
    waiting.get_by_text("1885/SKHCN-TTTT").wait_for()
    assert waiting.get_by_text("còn 5 ngày").is_visible()
    assert waiting.get_by_text("Chưa gửi").is_visible()
    assert waiting.get_by_text("Đề nghị xã gửi báo cáo đúng hạn.").is_visible()
    assert fits_the_screen(page)
    screenshot(page, "xa-yeu-cau-dang-cho")

    waiting.get_by_role("link", name="Lập báo cáo cho yêu cầu này").click()
    assert page.get_by_label("Trả lời yêu cầu báo cáo").input_value() == str(request.pk)
    page.get_by_role("button", name="Lập dự thảo").click()
    page.get_by_text("Đã tạo dự thảo báo cáo").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#issue").click()
    page.get_by_text("Đã ban hành báo cáo số 1/BC-UBND").wait_for()

    section = page.locator("#to-city")
    section.scroll_into_view_if_needed()
    screenshot(page, "xa-gui-thanh-pho")
    assert section.get_by_label("Trả lời yêu cầu báo cáo").input_value() == str(request.pk)
    section.get_by_role("button", name="Gửi thành phố").click()
    page.get_by_text("Đã gửi báo cáo tới thành phố").wait_for()
    assert page.locator("#to-city").get_by_text("Đã gửi chờ duyệt").is_visible()
    assert fits_the_screen(page)
    screenshot(page, "xa-da-gui-thanh-pho")

    page.get_by_role("link", name="← Sổ báo cáo").click()
    waiting = page.locator(f"#city-request-{request.pk}")
    assert waiting.get_by_text("Đã gửi chờ duyệt").is_visible()
    assert not waiting.get_by_text("còn 5 ngày").is_visible()
    screenshot(page, "xa-yeu-cau-da-gui")
    submission = Submission.objects.get()
    assert (submission.commune, submission.status) == (
        world.chiminh.commune,
        SubmissionStatus.SUBMITTED,
    )


def test_the_city_pages_fit_a_phone(phone, live_server, world):
    request = quarterly_request(world, days_left=-2)
    for i, name in enumerate(["Quang Phục", "Tiên Động", "Đoàn Lập"]):
        request.communes.add(make_commune(world.haiphong, f"1114{i}", name, villages=1).commune)
    report = issue_report(create_report(world.chiminh.commune, request=request))
    submission = submit_report(world.commune, request, report)
    page = phone
    log_in(page, live_server, world.city)
    pages = {
        "thanh-pho-yeu-cau-dien-thoai": "/thanh-pho/",
        "thanh-pho-tao-yeu-cau-dien-thoai": "/thanh-pho/yeu-cau/moi/",
        "thanh-pho-tinh-hinh-dien-thoai": f"/thanh-pho/yeu-cau/{request.pk}/",
        "thanh-pho-duyet-dien-thoai": f"/thanh-pho/bao-cao-xa/{submission.pk}/",
        "thanh-pho-bao-cao-dien-thoai": f"/thanh-pho/yeu-cau/{request.pk}/bao-cao-thanh-pho/",
    }
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        screenshot(page, name)
        assert fits_the_screen(page), path
    page.goto(f"{live_server.url}/thanh-pho/yeu-cau/{request.pk}/")
    page.get_by_role("button", name="Nhắc 4 đơn vị chưa gửi báo cáo").click()
    page.get_by_text("Đã nhắc 4 đơn vị chưa gửi báo cáo.").wait_for()
