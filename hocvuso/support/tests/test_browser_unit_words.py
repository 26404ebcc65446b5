"""A member of a mountain commune logs on a 360×740 phone in the words of their bản and xóm."""

import pytest
from playwright.sync_api import expect

from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in
from hocvuso.testing_units import NOT_IN_A_MOUNTAIN_COMMUNE, PASSWORD, build_units, foreign_words

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_mountain_members_phone_page_speaks_the_communes_words(phone, live_server):
    units = build_units()
    leader = units.mountain.leader
    # The leader logs for the commune team, which names one of the commune's villages.
    leader.member.memberships.filter(team__level="village").delete()
    page = phone
    log_in(page, live_server, leader, PASSWORD)
    page.goto(f"{live_server.url}/ghi/")
    page.get_by_text("Nơi hỗ trợ, thời gian, ghi chú").click()
    village = page.get_by_label("Bản, xóm", exact=True)
    expect(village).to_be_visible()
    expect(village.locator("option").first).to_have_text("Không ghi bản, xóm")
    place = page.get_by_label("Nơi hỗ trợ", exact=True)
    expect(place).to_contain_text("Nhà văn hóa bản, xóm")
    expect(place.locator("option:checked")).to_have_text("Trung tâm Phục vụ hành chính công xã")
    village.scroll_into_view_if_needed()
    screenshot(page, "unit-words-mountain-ghi-360")
    assert foreign_words(page.content(), NOT_IN_A_MOUNTAIN_COMMUNE) == {}
