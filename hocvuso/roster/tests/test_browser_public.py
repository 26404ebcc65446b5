"""The public duty page on a 360×740 phone: names, roles and phone numbers wrap, nothing scrolls sideways."""

import datetime

import pytest
from django.utils import timezone

from hocvuso.roster.services import generate_roster
from hocvuso.test_tools import screenshot

from .conftest import make_rapid_team

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def published_roster(world, duty_place):
    """Two members a shift, every one with a published phone, from next Monday on."""
    duty_place.hours.update(members_needed=2)
    for member in world.chiminh.members:
        member.phone = "0912345678"
        member.publish_phone = True
        member.save()
    make_rapid_team(
        world.chiminh.commune,
        "Tổ ứng cứu nhanh công nghệ số cộng đồng",
        "Nguyễn Thị Phương Thảo",
        "0987654321",
        publish_phone=True,
    )
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    generate_roster(
        world.chiminh.commune,
        monday,
        monday + datetime.timedelta(days=4),
        now=timezone.now() - datetime.timedelta(days=1),
    )
    return monday


def test_the_public_duty_page_fits_a_360_px_phone(phone, live_server, world, published_roster):
    page = phone
    page.goto(f"{live_server.url}/lich-truc/11131/?ngay={published_roster:%Y-%m-%d}")
    monday = page.locator(f"li[data-day='{published_roster:%Y-%m-%d}']")
    shift = monday.locator("p.shift").first
    assert "0912345678" in shift.inner_text()
    assert "0987654321" in page.locator("#rapid").inner_text()
    path = screenshot(page, "lich-truc-cong-khai-360")
    assert path.exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # A phone number is never cut in two.
    for number in page.locator("a[href^='tel:']").all():
        box = number.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        assert box["height"] < 2 * float(
            number.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        )
