"""The overview, its lists and their Excel exports speak the officer's unit."""

import pytest
from django.urls import reverse

from hocvuso.overview.exports import EXPORTERS, write_xlsx
from hocvuso.testing_units import (
    ELSEWHERE,
    NOT_IN_A_MOUNTAIN_COMMUNE,
    NOT_IN_A_WARD,
    foreign_words,
    page_text,
    units_once,
    words_of_another_unit,
    xlsx_text,
)

PAGES = ["overview:index", "overview:visits", "overview:activities", "overview:classes"]


@pytest.fixture(scope="module")
def units(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as built:
        yield built


def _export(client, user, kind: str) -> str:
    client.force_login(user)
    response = client.post(reverse("overview:export"), {"kind": kind})
    assert response.status_code == 200, response.status_code
    return xlsx_text(b"".join(response.streaming_content))


@pytest.mark.parametrize("name", PAGES)
def test_the_officers_overview_says_nothing_of_another_unit(db, client, units, name):
    assert words_of_another_unit(client, units, reverse(name)) == {}


def test_the_lists_name_the_villages_and_places_in_the_communes_words(db, client, units):
    text = page_text(client, units.mountain.officer, reverse("overview:visits"))
    assert "<th>Bản, xóm</th>" in text and "Nhà văn hóa bản, xóm" in text
    text = page_text(client, units.ward.officer, reverse("overview:activities"))
    assert "<th>Tổ dân phố</th>" in text and "Toàn phường" in text
    assert "Họp tổ dân phố, khu dân cư" in text and "Cổng thông tin điện tử phường" in text
    text = page_text(client, units.ward.officer, reverse("overview:index"))
    assert "Người dân được hỗ trợ theo tổ dân phố" in text
    # A city officer's lists cover communes of both kinds.
    text = page_text(client, units.province_officer, reverse("overview:visits"))
    assert '<label for="id_commune">Xã, phường</label>' in text


@pytest.mark.parametrize("kind", sorted(EXPORTERS))
def test_the_exports_speak_the_officers_unit(db, client, units, kind):
    ward = _export(client, units.ward.officer, kind)
    assert foreign_words(ward, NOT_IN_A_WARD) == {}
    assert "Phường\n" in ward and "Tổ dân phố\n" in ward  # the headings
    mountain = _export(client, units.mountain.officer, kind)
    assert foreign_words(mountain, NOT_IN_A_MOUNTAIN_COMMUNE) == {}
    assert "Xã\n" in mountain and "Bản, xóm\n" in mountain
    province = _export(client, units.province_officer, kind)
    assert foreign_words(province, ELSEWHERE) == {}


def test_an_export_names_the_places_in_the_communes_words(db, client, units):
    text = _export(client, units.mountain.officer, "visits")
    assert "Nhà văn hóa bản, xóm" in text
    assert "Trung tâm Phục vụ hành chính công xã" in text


def test_an_export_without_a_user_uses_the_neutral_words(db, units, tmp_path):
    from hocvuso.support.models import SupportVisit

    path = tmp_path / "x.xlsx"
    write_xlsx(EXPORTERS["visits"], SupportVisit.objects.all(), path)
    text = xlsx_text(path.read_bytes())
    assert "Xã, phường\n" in text and "Thôn, tổ dân phố\n" in text
    assert "Nhà văn hóa\n" in text
