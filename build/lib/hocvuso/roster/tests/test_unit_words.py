"""The roster pages speak the commune's words, the public one to a visitor who is signed in as no one."""

import pytest
from django.urls import reverse

from hocvuso.testing_units import (
    NOT_IN_A_MOUNTAIN_COMMUNE,
    NOT_IN_A_WARD,
    foreign_words,
    page_text,
    units_once,
)

OFFICER_PAGES = [
    "roster:manage",
    "roster:holidays",
    "roster:leaves",
    "roster:generate",
    "roster:places",
    "roster:place_add",
]
MEMBER_PAGES = ["roster:mine", "roster:swaps"]


@pytest.fixture(scope="module")
def units(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as built:
        yield built


@pytest.mark.parametrize(
    "where, patterns", [("ward", NOT_IN_A_WARD), ("mountain", NOT_IN_A_MOUNTAIN_COMMUNE)]
)
def test_the_roster_pages_say_nothing_of_another_unit(db, client, units, where, patterns):
    place = getattr(units, where)
    for name in OFFICER_PAGES:
        assert foreign_words(page_text(client, place.officer, reverse(name)), patterns) == {}, name
    for name in MEMBER_PAGES:
        assert foreign_words(page_text(client, place.member, reverse(name)), patterns) == {}, name
    client.logout()
    response = client.get(reverse("roster:public_commune", args=[place.commune.code]))
    assert response.status_code == 200
    assert foreign_words(response.content.decode(), patterns) == {}


def test_the_public_roster_names_the_communes_service_centre(db, client, units):
    response = client.get(reverse("roster:public_commune", args=[units.ward.commune.code]))
    text = response.content.decode()
    assert "Trung tâm Phục vụ hành chính công phường" in text
