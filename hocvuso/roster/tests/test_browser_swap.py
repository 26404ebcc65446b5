"""A swap in a real browser: asked on a phone, accepted, approved, and shown on the public page.

Nothing is frozen here: the browser and the live server read the real clock,
so the roster is generated from tomorrow on, with a `now` in the past.
"""

import datetime

import pytest
from django.utils import timezone

from hocvuso.roster.models import Assignment, SwapRequest, SwapStatus
from hocvuso.roster.services import generate_roster
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def roster(world, duty_place):
    start = timezone.localdate() + datetime.timedelta(days=1)
    generate_roster(
        world.chiminh.commune,
        start,
        start + datetime.timedelta(days=20),
        now=timezone.now() - datetime.timedelta(days=1),
    )
    return start


def first_shift_of(member):
    return (
        Assignment.objects.filter(member=member)
        .select_related("shift")
        .order_by("shift__starts_at")
        .first()
    )


def log_out(page):
    # A fresh session, whatever the menu looks like on this screen.
    page.context.clear_cookies()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def shift_text(page, live_server, shift, name):
    """The line of the public page for `shift`, in the week that holds it."""
    starts = timezone.localtime(shift.starts_at)
    ends = timezone.localtime(shift.ends_at)
    page.goto(f"{live_server.url}/lich-truc/11131/?ngay={starts:%Y-%m-%d}")
    day = page.locator(f"li[data-day='{starts:%Y-%m-%d}']")
    line = day.locator("p", has_text=f"{starts:%H:%M}–{ends:%H:%M}")
    return line.inner_text()


def test_a_swap_from_request_to_approval_reaches_the_public_page(
    phone, desktop, live_server, world, roster
):
    hoa, khanh = world.member.member, world.other_leader.member
    give, take = first_shift_of(hoa), first_shift_of(khanh)

    # Hoa asks, on her phone.
    page = phone
    log_in(page, live_server, world.member)
    page.goto(f"{live_server.url}/lich-truc/cua-toi/")
    page.get_by_role("heading", name="Lịch trực của tôi").wait_for()
    assert fits_the_screen(page)
    screenshot(page, "lich-truc-cua-toi-dien-thoai")
    page.get_by_role("link", name="Đổi ca với người khác").click()
    page.get_by_label("Ca của tôi muốn đổi").select_option(str(give.pk))
    page.get_by_label("Đổi lấy ca của").select_option(str(take.pk))
    page.get_by_label("Lời nhắn (không bắt buộc)").fill("Hôm đó em đi tập huấn ạ.")
    page.get_by_role("button", name="Gửi đề nghị").click()
    page.get_by_text("Đã gửi đề nghị đổi ca đến Lê Văn Khánh.").wait_for()
    assert fits_the_screen(page)
    screenshot(page, "doi-ca-da-gui")
    log_out(page)

    # Khánh accepts, on his phone.
    log_in(page, live_server, world.other_leader)
    page.goto(f"{live_server.url}/lich-truc/doi-ca/")
    request = page.locator("#to-answer")
    request.get_by_text("Hôm đó em đi tập huấn ạ.").wait_for()
    screenshot(page, "doi-ca-tra-loi")
    request.get_by_role("button", name="Đồng ý").click()
    page.get_by_text("Bạn đã đồng ý đổi ca.").wait_for()
    log_out(page)
    assert SwapRequest.objects.get().status == SwapStatus.ACCEPTED

    # Their leader approves, at a desk.
    page = desktop
    log_in(page, live_server, world.leader)
    page.get_by_role("link", name="Lịch trực").first.click()
    page.get_by_text("đề nghị đổi ca đang chờ bạn duyệt").wait_for()
    page.get_by_role("link", name="Xem đề nghị đổi ca").click()
    page.locator("#to-approve").get_by_role("button", name="Duyệt", exact=True).click()
    page.get_by_text("Đã duyệt: Trần Thị Hoa và Lê Văn Khánh đã đổi ca cho nhau.").wait_for()
    history = page.locator("#history")
    assert history.get_by_text("Đã đổi ca").is_visible()
    assert history.get_by_text("Duyệt — Nguyễn Văn Trung").is_visible()
    screenshot(page, "doi-ca-da-duyet")

    swap = SwapRequest.objects.get()
    assert swap.status == SwapStatus.APPROVED and swap.decided_by == world.leader
    give.refresh_from_db()
    take.refresh_from_db()
    assert (give.member, take.member) == (khanh, hoa)

    # Anyone sees it on the public page: Khánh on Hoa's old shift, and Hoa on his.
    page = phone
    assert "Khánh (Tổ viên)" in shift_text(page, live_server, give.shift, "Khánh")
    assert fits_the_screen(page)
    screenshot(page, "lich-truc-cong-khai-dien-thoai")
    assert "Hoa (Tổ viên)" in shift_text(page, live_server, take.shift, "Hoa")
    assert "Trần Thị" not in page.content() and "Lê Văn" not in page.content()

    # Hoa's history says who did what.
    log_in(page, live_server, world.member)
    page.goto(f"{live_server.url}/lich-truc/doi-ca/")
    steps = page.locator(f"#swap-{swap.pk} ol.steps").inner_text()
    assert "Gửi đề nghị — Trần Thị Hoa" in steps
    assert "Đồng ý đổi — Lê Văn Khánh" in steps
    assert "Duyệt — Nguyễn Văn Trung" in steps
    assert fits_the_screen(page)
    screenshot(page, "doi-ca-lich-su-dien-thoai")


def test_the_officer_sees_the_month_and_its_print(desktop, phone, live_server, world, roster):
    last = roster + datetime.timedelta(days=20)
    page = desktop
    log_in(page, live_server, world.commune)
    page.goto(f"{live_server.url}/lich-truc/quan-ly/?xa=11131&xem=thang&ngay={last:%Y-%m-%d}")
    page.locator("table.roster-table").first.wait_for()
    assert page.locator("table.roster-table .duty").count() > 10
    screenshot(page, "lich-truc-quan-ly-thang")
    page.goto(f"{live_server.url}/lich-truc/quan-ly/in/?xa=11131&xem=thang&ngay={last:%Y-%m-%d}")
    page.get_by_text("LỊCH TRỰC HỖ TRỢ NGƯỜI DÂN").wait_for()
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="In lịch trực").is_visible()
    screenshot(page, "lich-truc-ban-in")

    page = phone
    log_in(page, live_server, world.commune)
    page.goto(f"{live_server.url}/lich-truc/quan-ly/?xa=11131&ngay={last:%Y-%m-%d}")
    page.locator("table.roster-table").first.wait_for()
    screenshot(page, "lich-truc-quan-ly-dien-thoai")
    # The table scrolls inside its frame; the page itself fits the phone.
    assert fits_the_screen(page)
    page.goto(f"{live_server.url}/lich-truc/quan-ly/xep-lich/?xa=11131")
    screenshot(page, "lich-truc-xep-lich-dien-thoai")
    assert fits_the_screen(page)
