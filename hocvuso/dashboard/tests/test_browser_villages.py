"""A mountain commune's officer pastes a mixed list of bản and xóm on a 360 px phone."""

import pytest
from playwright.sync_api import expect

from hocvuso.outreach.models import ZaloGroup
from hocvuso.teams.models import Team, TeamLevel
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in
from hocvuso.testing_units import build_units
from hocvuso.units.models import Level, Unit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

LIST = "Bản Huổi Hua\nXóm Đông\n\nPá Khoang | bản\nCò Chạy\nBản Na Son"


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_an_officer_pastes_bans_and_xoms_on_a_phone(phone, live_server):
    units = build_units()
    commune = units.mountain.commune
    page = phone
    log_in(page, live_server, units.mountain.officer)
    page.locator("details.nav-menu summary").click()
    page.locator("details.nav-menu").get_by_role("link", name="Địa bàn", exact=True).click()
    expect(page.get_by_role("heading", name="Bản, xóm của xã Mường Phăng")).to_be_visible()

    page.get_by_label("Danh sách (mỗi dòng một tên)").fill(LIST)
    page.get_by_label("Loại cho các dòng không ghi loại").select_option(label="Xóm")
    page.get_by_role("button", name="Xem trước", exact=True).click()
    preview = page.locator("#preview-table")
    expect(preview).to_contain_text("Bản Pá Khoang")
    expect(preview).to_contain_text("Xóm Cò Chạy")
    expect(page.locator("#preview-summary")).to_contain_text("Sẽ thêm 4")
    expect(preview).to_contain_text("Đã có, không thay đổi")
    # Cò Chạy is a bản after all: chosen on its line, then previewed again.
    page.get_by_label("Loại của dòng 5").select_option(label="Bản")
    page.get_by_role("button", name="Xem trước với loại đã chọn").click()
    expect(page.locator("#preview-table")).to_contain_text("Bản Cò Chạy")
    assert fits(page)
    screenshot(page, "dia-ban-xem-truoc-phone")

    page.get_by_role("button", name="Lưu 4 bản, xóm mới").click()
    expect(page.locator(".messages")).to_contain_text(
        "Đã thêm 3 bản, 1 xóm, 4 tổ công nghệ số cộng đồng và 4 nhóm Zalo."
    )
    expect(page.locator("#village-list")).to_contain_text("Tổ công nghệ số cộng đồng bản Cò Chạy")
    assert fits(page)
    screenshot(page, "dia-ban-da-luu-phone")

    names = set(
        Unit.objects.filter(parent=commune, level=Level.VILLAGE).values_list("name", flat=True)
    )
    assert {"Bản Huổi Hua", "Xóm Đông", "Bản Pá Khoang", "Bản Cò Chạy"} <= names
    assert Team.objects.filter(commune=commune, level=TeamLevel.VILLAGE).count() == 2 + 4
    assert ZaloGroup.objects.filter(commune=commune).count() == 1 + 4


def test_an_officer_adds_the_duty_place_on_a_phone(phone, live_server):
    from hocvuso.roster.models import DutyPlace

    units = build_units()
    page = phone
    log_in(page, live_server, units.ward.officer)
    page.goto(f"{live_server.url}/lich-truc/quan-ly/")
    page.get_by_role("link", name="Địa điểm, giờ trực").click()
    page.get_by_role("link", name="Thêm địa điểm trực").click()
    expect(page.get_by_label("Tên địa điểm")).to_have_value(
        "Trung tâm Phục vụ hành chính công phường"
    )
    page.locator("#id_hours-1-ends").fill("16:30")
    page.locator("#id_hours-9-DELETE").check()
    assert fits(page)
    screenshot(page, "dia-diem-truc-them-phone")
    page.get_by_role("button", name="Thêm địa điểm").click()
    expect(page.locator(".messages")).to_contain_text("Đã thêm Trung tâm Phục vụ hành chính công")
    assert fits(page)
    place = DutyPlace.objects.get(commune=units.ward.commune, name__startswith="Trung tâm")
    assert place.hours.count() == 9
    assert str(place.hours.get(weekday=0, starts__hour=13).ends) == "16:30:00"
