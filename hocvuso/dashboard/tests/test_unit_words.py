"""Documents, indicators, reports and the menu speak the officer's unit."""

import pytest
from django.urls import reverse

from hocvuso.dashboard.navigation import menu_for
from hocvuso.testing_units import (
    page_text,
    units_once,
    words_of_another_unit,
)

PAGES = [
    "documents:index",
    "documents:add",
    "indicators:index",
    "indicators:add",
    "reports:index",
]


@pytest.fixture(scope="module")
def units(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as built:
        yield built


@pytest.mark.parametrize("name", PAGES)
def test_the_officers_pages_say_nothing_of_another_unit(db, client, units, name):
    # A province's officer reads its communes' documents and indicators and adds none.
    province = not name.endswith(":add")
    assert words_of_another_unit(client, units, reverse(name), province=province) == {}


def test_the_pages_name_the_unit_and_the_role_in_its_words(db, client, units):
    text = page_text(client, units.ward.officer, reverse("indicators:index"))
    assert "Cán bộ phường" in text
    assert "chỉ tiêu của phường (nếu có) thay cho chỉ tiêu tỉnh giao" in text
    client.force_login(units.province_officer)
    refused = client.get(reverse("documents:add"))
    assert refused.status_code == 403
    assert "cán bộ tỉnh, thành phố chỉ được xem" in refused.content.decode()


def test_a_province_officers_menu_names_the_province_by_its_kind(db, units):
    labels = [link.label for link in menu_for(units.province_officer)]
    assert labels[0] == "Tỉnh"
