"""A province's officer makes the account of a commune's officer, who sets a password from the
one-time link and lands on the setup checklist: in a real browser, for a commune not in the demo."""

import pytest
from playwright.sync_api import expect

from hocvuso.accounts.models import User, UserRole
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in, make_unit, make_user
from hocvuso.units.models import Kind

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def dien_bien(catalogues):
    province = make_unit(Kind.TINH, "11", "Tỉnh Điện Biên")
    for code, kind, name in [
        ("03160", Kind.XA, "Na Sang"),
        ("03151", Kind.PHUONG, "Mường Lay"),
        ("03334", Kind.XA, "Mường Phăng"),
    ]:
        make_unit(kind, code, f"{Kind(kind).label} {name}", province)
    province.officer = make_user("sodienbien", UserRole.CITY_OFFICER, province)
    return province


def test_a_new_communes_officer_starts_from_the_link_the_province_made(
    desktop, live_server, dien_bien
):
    page = desktop
    log_in(page, live_server, dien_bien.officer)
    page.locator("nav.nav-wide").get_by_role("link", name="Tài khoản cán bộ").click()
    expect(
        page.get_by_role("heading", name="Tài khoản cán bộ xã, phường của tỉnh Điện Biên")
    ).to_be_visible()

    # Hundreds of rows on a real province: the search box finds one, accents or not.
    page.get_by_label("Tìm xã, phường").fill("na sang")
    expect(page.locator("#officer-rows tbody tr:not([hidden])")).to_have_count(1)
    page.get_by_label("Họ và tên cán bộ Xã Na Sang").fill("Lò Thị Hoa")
    page.get_by_label("Số điện thoại di động cán bộ Xã Na Sang").fill("0212 345 678")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_text("không phải số di động Việt Nam")).to_be_visible()
    assert not User.objects.filter(unit__code="03160").exists()

    page.get_by_label("Số điện thoại di động cán bộ Xã Na Sang").fill("0912 345 678")
    page.get_by_role("button", name="Tạo tài khoản").click()
    expect(page.get_by_role("heading", name="Liên kết đặt mật khẩu")).to_be_visible()
    card = page.locator("#link-xanasang")
    expect(card.locator("svg")).to_be_visible()
    link = card.locator(".link-url a").get_attribute("href")
    screenshot(page, "lien-ket-dat-mat-khau")

    page.locator("nav.nav-wide").get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/")
    page.goto(link)
    expect(page.get_by_text("Tài khoản xanasang")).to_be_visible()
    page.get_by_label("Mật khẩu mới", exact=True).fill("hoa-na-sang-2026")
    page.get_by_label("Nhập lại mật khẩu mới").fill("hoa-na-sang-2026")
    page.get_by_role("button", name="Đặt mật khẩu").click()

    page.wait_for_url("**/thiet-lap-ban-dau/")
    expect(page.get_by_role("heading", name="Bắt đầu sử dụng ở xã Na Sang")).to_be_visible()
    expect(page.get_by_text("Đã xong 0/5 bước")).to_be_visible()
    expect(page.locator(".topbar .who").first).to_contain_text("Lò Thị Hoa")
    screenshot(page, "cac-buoc-thiet-lap")

    # The link is spent: opened again, it changes nothing.
    page.goto(link)
    expect(page.get_by_text("mỗi liên kết chỉ dùng được một lần")).to_be_visible()
    assert User.objects.get(username="xanasang").check_password("hoa-na-sang-2026")
