"""The national pages on a phone: the Ministry returns a province's report, the province sends
a corrected one, the Ministry accepts it; every page fits the screen."""

import pytest

from hocvuso.city.models import Submission, SubmissionStatus
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in

from .country import build_country, haiphong_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_the_screen(page) -> bool:
    width = page.viewport_size["width"]
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_national_loop_on_a_phone(phone, live_server):
    country = build_country()
    submission = haiphong_answers(country)
    page = phone
    log_in(page, live_server, country.ministry)
    page.get_by_role("link", name="125/BKHCN-CĐS").first.click()
    page.locator("#provinces").wait_for()
    assert page.locator("#total-expected").inner_text() == "3"
    assert fits_the_screen(page)
    screenshot(page, "trung-uong-tinh-hinh")
    page.locator("#provinces").get_by_role("link", name="Thành phố Hải Phòng").first.click()
    page.get_by_label("Lý do trả lại").fill("Chưa có báo cáo của Tân Kỳ.")
    page.get_by_role("button", name="Trả lại để đơn vị sửa").click()
    page.get_by_text("Đã trả lại báo cáo cho Thành phố Hải Phòng").wait_for()
    assert fits_the_screen(page)
    screenshot(page, "trung-uong-tra-lai")

    page.context.clear_cookies()
    log_in(page, live_server, country.world.city)
    page.goto(f"{live_server.url}/trung-uong/tinh/")
    page.get_by_role("link", name="Công văn số 125/BKHCN-CĐS").click()
    page.get_by_text("Chưa có báo cáo của Tân Kỳ.").first.wait_for()
    page.get_by_role("button", name="Lập dự thảo báo cáo").click()
    page.get_by_role("button", name="Ban hành (cấp số, chốt số liệu)").click()
    page.get_by_role("button", name="Gửi Bộ Khoa học và Công nghệ").click()
    page.get_by_text("Đã gửi báo cáo tới Bộ Khoa học và Công nghệ").wait_for()
    assert fits_the_screen(page)
    screenshot(page, "tinh-gui-bo")

    page.context.clear_cookies()
    log_in(page, live_server, country.ministry)
    page.goto(f"{live_server.url}/trung-uong/bao-cao-tinh/{submission.pk}/")
    page.get_by_role("button", name="Tiếp nhận").click()
    page.get_by_text("Đã tiếp nhận báo cáo của Thành phố Hải Phòng").wait_for()
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.ACCEPTED
    page.goto(f"{live_server.url}/trung-uong/yeu-cau/{country.national.pk}/bao-cao-bo/")
    page.locator("#city-reported").get_by_text("2/3").wait_for()
    assert fits_the_screen(page)
    screenshot(page, "trung-uong-bao-cao")


def test_the_countrys_live_figures_on_a_phone(phone, live_server):
    country = build_country()
    page = phone
    log_in(page, live_server, country.ministry)
    page.goto(f"{live_server.url}/trung-uong/tong-quan/?nam=2026")
    page.locator("#units").wait_for()
    assert fits_the_screen(page)
    screenshot(page, "trung-uong-tong-quan")
    page.get_by_label("Tháng").select_option("3")
    page.get_by_role("button", name="Xem").click()
    page.locator("#units").get_by_role("link", name="Tỉnh Điện Biên").click()
    page.get_by_role("heading", name="Hỗ trợ người dân · tỉnh Điện Biên").wait_for()
    assert "01/03/2026" in page.content()
    assert fits_the_screen(page)
    screenshot(page, "trung-uong-tong-quan-tinh")
