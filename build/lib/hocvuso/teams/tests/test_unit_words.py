"""The teams pages speak the commune's words: "Tổ cấp bản", "Cán bộ bản, xóm", "Tổ dân phố"."""

import pytest
from django.urls import reverse

from hocvuso.testing_units import (
    ELSEWHERE,
    NOT_IN_A_MOUNTAIN_COMMUNE,
    NOT_IN_A_WARD,
    foreign_words,
    page_text,
    units_once,
)


@pytest.fixture(scope="module")
def units(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as built:
        yield built


def _urls(place) -> list[str]:
    team = place.village_teams[0]
    return [
        reverse("teams:index"),
        reverse("teams:detail", args=[team.pk]),
        reverse("teams:detail", args=[place.commune_team.pk]),
        reverse("teams:add_member", args=[team.pk]),
        reverse("teams:change_member", args=[team.pk, place.members[0].pk]),
    ]


def test_a_ward_officers_team_pages_say_nothing_of_another_unit(db, client, units):
    for url in _urls(units.ward):
        text = page_text(client, units.ward.officer, url)
        assert foreign_words(text, NOT_IN_A_WARD) == {}, url


def test_a_mountain_officers_team_pages_say_nothing_of_another_unit(db, client, units):
    for url in _urls(units.mountain):
        text = page_text(client, units.mountain.officer, url)
        assert foreign_words(text, NOT_IN_A_MOUNTAIN_COMMUNE) == {}, url


def test_a_province_officer_reads_the_teams_in_their_units_words(db, client, units):
    text = page_text(client, units.province_officer, reverse("teams:index"))
    assert foreign_words(text, ELSEWHERE) == {}
    assert "Xóm Đồi" in text and "Tổ dân phố 2" in text  # the villages without a team


def test_the_team_pages_use_the_communes_own_words(db, client, units):
    mountain = units.mountain
    text = page_text(client, mountain.officer, reverse("teams:index"))
    assert "Bản, xóm chưa có tổ" in text
    text = page_text(
        client, mountain.officer, reverse("teams:detail", args=[mountain.village_teams[0].pk])
    )
    assert "Tổ cấp bản" in text and "Cán bộ bản, xóm" in text
    text = page_text(
        client, units.ward.officer, reverse("teams:detail", args=[units.ward.commune_team.pk])
    )
    assert "Tổ cấp phường" in text
    url = reverse("teams:add_member", args=[units.ward.village_teams[0].pk])
    assert "Cán bộ tổ dân phố" in page_text(client, units.ward.officer, url)
