"""The settings pages in a real browser: a ward's officer and a province's officer fill them in."""

import pytest

from hocvuso.accounts.models import UserRole
from hocvuso.reports.models import ReportSettings
from hocvuso.support.models import Service
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in, make_unit, make_user
from hocvuso.units.models import Kind, UnitSettings

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def dien_bien(world):
    province = make_unit(Kind.TINH, "11", "Tỉnh Điện Biên")
    ward = make_unit(Kind.PHUONG, "03127", "Phường Mường Thanh", province)
    province.officer = make_user("sokhcn-db", UserRole.CITY_OFFICER, province)
    province.ward = ward
    province.ward_officer = make_user("muongthanh", UserRole.COMMUNE_OFFICER, ward)
    return province


def test_a_wards_officer_fills_in_the_settings_from_the_menu(phone, live_server, dien_bien):
    page = phone
    log_in(page, live_server, dien_bien.ward_officer)
    page.get_by_text("Menu").click()
    page.get_by_role("link", name="Thiết lập").first.click()
    page.get_by_role("heading", name="Thiết lập của phường Mường Thanh").wait_for()
    centre = page.get_by_label("Tên trung tâm phục vụ hành chính công")
    assert centre.get_attribute("placeholder") == "Trung tâm Phục vụ hành chính công phường"
    centre.fill("Trung tâm Phục vụ hành chính công phường Mường Thanh")
    page.get_by_label("Họ tên người ký").fill("Lò Thị Hoa")
    screenshot(page, "thiet-lap-phuong")
    page.get_by_role("button", name="Lưu thiết lập").click()
    page.get_by_text("Đã lưu thiết lập.").wait_for()
    saved = UnitSettings.objects.get(unit=dien_bien.ward)
    assert saved.service_centre == "Trung tâm Phục vụ hành chính công phường Mường Thanh"
    assert ReportSettings.objects.get(commune=dien_bien.ward).signer_name == "Lò Thị Hoa"


def test_a_provinces_officer_adds_its_own_app(desktop, live_server, dien_bien):
    page = desktop
    log_in(page, live_server, dien_bien.officer)
    page.goto(f"{live_server.url}/thanh-pho/thiet-lap/")
    page.get_by_role("heading", name="Thiết lập của tỉnh Điện Biên").wait_for()
    page.get_by_label("Họ tên người ký").fill("Lò Văn Minh")
    page.locator("#id_services-0-name").fill("Cài đặt, sử dụng ứng dụng Điện Biên Smart")
    page.locator("#id_services-0-short_name").fill("Điện Biên Smart")
    page.locator("#id_platforms-0-name").fill("Hệ thống học tập số Điện Biên")
    page.locator("#id_platforms-0-url").fill("https://hoctap.dienbien.gov.vn")
    screenshot(page, "thiet-lap-tinh")
    page.get_by_role("button", name="Lưu thiết lập").click()
    page.get_by_text("Đã lưu thiết lập.").wait_for()
    assert Service.objects.get(province=dien_bien).short_name == "Điện Biên Smart"
    assert page.locator("#id_services-0-name").input_value().endswith("Điện Biên Smart")
