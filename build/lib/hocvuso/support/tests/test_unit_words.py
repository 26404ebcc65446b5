"""The phone pages speak the member's unit: "Tổ dân phố" in a ward, "Bản, xóm" in the mountains."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hocvuso.support.services import VisitInput, record_visit
from hocvuso.testing_units import (
    NOT_IN_A_MOUNTAIN_COMMUNE,
    NOT_IN_A_WARD,
    foreign_words,
    page_text,
    units_once,
)

PHONE_PAGES = ["support:log", "outreach:log", "outreach:zalo", "learning:log"]


@pytest.fixture(scope="module")
def units(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as built:
        yield built


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_a_ward_members_phone_pages_say_nothing_of_another_unit(db, client, units, name):
    for user in (units.ward.member, units.ward.leader):
        text = page_text(client, user, reverse(name))
        assert foreign_words(text, NOT_IN_A_WARD) == {}, (name, user.username)


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_a_mountain_members_phone_pages_say_nothing_of_another_unit(db, client, units, name):
    for user in (units.mountain.member, units.mountain.leader):
        text = page_text(client, user, reverse(name))
        assert foreign_words(text, NOT_IN_A_MOUNTAIN_COMMUNE) == {}, (name, user.username)


def test_the_logging_page_names_the_places_in_the_communes_words(db, client, units):
    text = page_text(client, units.mountain.member, reverse("support:log"))
    assert "Nhà văn hóa bản, xóm" in text
    assert "Trung tâm Phục vụ hành chính công xã" in text
    text = page_text(client, units.ward.member, reverse("support:log"))
    assert "Nhà văn hóa tổ dân phố" in text
    assert "Trung tâm Phục vụ hành chính công phường" in text


def test_a_commune_team_labels_the_village_field_in_the_communes_words(db, client, units):
    # The leader of a village team logs for its village; the commune team chooses one.
    leader = units.mountain.leader
    text = page_text(client, units.mountain.officer, reverse("outreach:log"))
    assert "Ghi tuyên truyền" in text  # an officer is not a member: the page says so
    # The leader now logs for the commune team (the test's changes are rolled back).
    leader.member.memberships.filter(team__level="village").delete()
    for name in ("support:log", "outreach:log", "learning:log"):
        text = page_text(client, leader, reverse(name))
        assert '<label for="village">Bản, xóm</label>' in text, name
        assert "Bản Na Son" in text and "Xóm Đồi" in text
    text = page_text(client, units.ward.member, reverse("support:log"))
    assert "Smart Hải Phòng" not in text


def test_an_error_names_the_village_and_the_commune_in_their_words(db, units):
    other = units.ward.villages[0].code
    with pytest.raises(ValidationError) as refused:
        record_visit(
            units.mountain.member, VisitInput(services=[], place="home", people=1, village=other)
        )
    assert refused.value.message_dict["village"] == ["Không có bản, xóm này trong xã Mường Phăng."]
