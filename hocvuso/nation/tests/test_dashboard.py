"""The Ministry's live figures: the country by province and a province by commune, read from
the daily totals and equal to the visits themselves."""

import pytest
from django.db.models import Count, Sum
from django.urls import reverse

from hocvuso.accounts.models import UserRole
from hocvuso.support.models import SupportVisit
from hocvuso.testing import make_commune, make_province, make_user
from hocvuso.units.models import Kind


@pytest.fixture
def country(world):
    dienbien = make_province("11", "Tỉnh Điện Biên", kind=Kind.TINH)
    muongphang = make_commune(dienbien, "03202", "Mường Phăng", villages=3)
    ministry = make_user("canbobo", UserRole.MINISTRY_OFFICER)
    return world, dienbien, muongphang, ministry


def raw(**filters) -> dict:
    """The plain count over the visits, which the page must equal."""
    visits = SupportVisit.objects.filter(**filters)
    return visits.aggregate(n=Count("pk"), people=Sum("people"))


def cells(text: str, row_id: str) -> str:
    start = text.index(row_id)
    return text[start : text.index("</tr>", start)]


def test_the_ministry_sees_every_province_with_the_visits_they_logged(client, country):
    world, dienbien, muongphang, ministry = country
    client.force_login(ministry)
    text = client.get(reverse("nation:dashboard"), {"nam": 2026}).content.decode()

    everything = raw(occurred_at__year=2026)
    assert f'id="total-visits">{everything["n"]}<' in text
    assert f'id="total-people">{everything["people"]}<' in text
    for province in (world.haiphong, dienbien):
        own = raw(commune__parent=province, occurred_at__year=2026)
        row = cells(text, f">{province.name}</a>")
        assert f">{own['n']}</td>" in row and own["n"] > 0
    # The commune count of each province, and the country's kinds of commune.
    assert "Số xã" in text
    # The year is asked back as a year, not a number with a thousands separator ("2.026").
    assert '<option value="2026" selected>2026</option>' in text


def test_a_province_opens_on_its_communes_in_its_own_words(client, country):
    world, dienbien, muongphang, ministry = country
    client.force_login(ministry)
    url = reverse("nation:province_dashboard", args=[dienbien.pk])
    text = client.get(url, {"nam": 2026, "thang": 3}).content.decode()

    assert "tỉnh Điện Biên" in text and "Hải Phòng" not in text
    own = raw(commune=muongphang.commune, occurred_at__year=2026, occurred_at__month=3)
    assert f">{own['n']}</td>" in cells(text, "Xã Mường Phăng")
    assert "01/03/2026" in text and "31/03/2026" in text


def test_a_month_without_visits_shows_zero_not_an_error(client, country):
    world, dienbien, muongphang, ministry = country
    client.force_login(ministry)
    text = client.get(reverse("nation:dashboard"), {"nam": 2026, "thang": 1}).content.decode()
    assert 'id="total-visits">0<' in text


@pytest.mark.parametrize("params", [{"nam": "abc"}, {"nam": 1999}, {"nam": 2026, "thang": 13}])
def test_a_wrong_period_says_so_in_vietnamese_and_shows_the_year(client, country, params):
    world, dienbien, muongphang, ministry = country
    client.force_login(ministry)
    text = client.get(reverse("nation:dashboard"), params).content.decode()
    assert "đang xem từ đầu năm đến nay" in text
    assert raw(occurred_at__year=2026)["n"] > 0
    assert f'id="total-visits">{raw(occurred_at__year=2026)["n"]}<' in text


@pytest.mark.parametrize("role", ["city", "commune", "leader"])
def test_only_the_ministry_comes_in(client, country, role):
    world = country[0]
    client.force_login(getattr(world, role))
    assert client.get(reverse("nation:dashboard")).status_code == 403
    assert client.get(reverse("nation:province_dashboard", args=[country[1].pk])).status_code == 403


def test_its_queries_do_not_grow_with_the_visits_or_the_provinces(
    client, country, django_assert_max_num_queries
):
    world, dienbien, muongphang, ministry = country
    client.force_login(ministry)
    client.get(reverse("nation:dashboard"))
    with django_assert_max_num_queries(12) as before:
        client.get(reverse("nation:dashboard"))
    quangninh = make_province("22", "Tỉnh Quảng Ninh", kind=Kind.TINH)
    for code in ("06700", "06701"):
        make_commune(quangninh, code, f"Số {code}", villages=4)
    with django_assert_max_num_queries(len(before.captured_queries)):
        text = client.get(reverse("nation:dashboard")).content.decode()
    assert "Tỉnh Quảng Ninh" in text
    assert not any("support_supportvisit" in q["sql"] for q in before.captured_queries)


def test_no_province_page_for_a_commune(client, country):
    world, dienbien, muongphang, ministry = country
    client.force_login(ministry)
    url = reverse("nation:province_dashboard", args=[muongphang.commune.pk])
    assert client.get(url).status_code == 404
