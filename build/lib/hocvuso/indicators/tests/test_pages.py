"""The indicators page and the entry form: values by period against the targets, checked."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from hocvuso.indicators.catalogue import create_city_targets
from hocvuso.indicators.models import Indicator, IndicatorValue, Target

pytestmark = pytest.mark.usefixtures("in_2026")


@pytest.fixture
def in_2026():
    import time_machine

    with time_machine.travel(datetime.datetime(2026, 6, 10, 9), tick=False):
        yield


@pytest.fixture
def targets(world):
    create_city_targets(Indicator, Target, world.haiphong, year=2026)


def value(world, code, numerator, denominator, start=(2026, 1, 1), end=(2026, 5, 31), **kw):
    return IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code=code),
        commune=kw.pop("commune", world.chiminh.commune),
        period_start=datetime.date(*start),
        period_end=datetime.date(*end),
        numerator=numerator,
        denominator=denominator,
        **kw,
    )


ENTRY = {
    "period_start": "2026-01-01",
    "period_end": "2026-06-10",
    "numerator": "1200",
    "denominator": "1500",
    "source": "Khảo sát của xã",
    "note": "",
}


def entry(code, **changes):
    return {**ENTRY, "indicator": Indicator.objects.get(code=code).pk, **changes}


def card(response, code):
    return next(c for c in response.context["cards"] if c.indicator.code == code)


def test_the_plan_01_indicators_are_all_in_the_catalogue(db):
    codes = set(Indicator.objects.values_list("code", flat=True))
    assert {
        "officials-digital-skills",
        "students-digital-skills",
        "adults-digital-skills",
        "adults-vneid",
    } <= codes


def test_it_shows_the_values_by_period_against_the_city_target(client, world, targets):
    value(world, "adults-digital-skills", 600, 1000, end=(2026, 3, 31))
    value(world, "adults-digital-skills", 720, 1000, start=(2026, 4, 1), end=(2026, 5, 31))
    value(world, "officials-digital-skills", 30, 30)
    client.force_login(world.commune)
    response = client.get(reverse("indicators:index"))
    adults = card(response, "adults-digital-skills")
    assert [row.text for row in adults.rows] == ["72%", "60%"]
    assert adults.target_text == "80%" and adults.target_is_city
    assert (adults.progress, adults.reached) == (90, False)
    assert adults.gap_text == "còn thiếu 8 điểm phần trăm"
    officials = card(response, "officials-digital-skills")
    assert (officials.progress, officials.reached) == (100, True)
    html = response.content.decode()
    assert "01/04/2026–31/05/2026" in html and "720/1.000" in html
    assert "Kế hoạch số 01-KH/BCĐTW" in html and "Đạt chỉ tiêu" in html


def test_a_communes_own_target_replaces_the_citys(client, world, targets):
    adults = Indicator.objects.get(code="adults-digital-skills")
    Target.objects.create(indicator=adults, unit=world.chiminh.commune, year=2026, value=70)
    value(world, "adults-digital-skills", 720, 1000)
    client.force_login(world.commune)
    shown = card(client.get(reverse("indicators:index")), "adults-digital-skills")
    assert shown.target_text == "70%" and not shown.target_is_city and shown.reached


def test_team_users_read_their_communes_indicators_and_nothing_else(client, world, targets):
    value(world, "adults-vneid", 500, 1000)
    value(world, "adults-vneid", 999, 1000, commune=world.tanky.commune)
    client.force_login(world.leader)
    response = client.get(reverse("indicators:index"), {"xa": world.tanky.commune.code})
    assert response.context["commune"] == world.chiminh.commune
    assert [r.text for r in card(response, "adults-vneid").rows] == ["50%"]
    assert "Nhập giá trị" not in response.content.decode()
    assert client.get(reverse("indicators:add")).status_code == 403


def test_the_officer_enters_a_value_and_sees_it_against_the_target(client, world, targets):
    client.force_login(world.commune)
    response = client.post(reverse("indicators:add"), entry("adults-digital-skills"))
    assert response.status_code == 302
    saved = IndicatorValue.objects.get(commune=world.chiminh.commune)
    assert saved.value == Decimal("80.00")
    page = client.get(response.url)
    assert "Đã lưu Tỷ lệ người trưởng thành có kỹ năng số cơ bản: 80%." in page.content.decode()
    assert card(page, "adults-digital-skills").reached


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"numerator": "1600"}, "numerator", "Tử số không được lớn hơn mẫu số."),
        ({"denominator": "0"}, "denominator", "Chỉ số tỷ lệ cần mẫu số lớn hơn 0."),
        ({"denominator": ""}, "denominator", "Chỉ số tỷ lệ cần mẫu số lớn hơn 0."),
        ({"numerator": "-5"}, "numerator", "Chỉ số tỷ lệ cần tử số không âm."),
        ({"period_end": "2025-12-31"}, "period_end", "Ngày kết thúc phải sau ngày bắt đầu."),
    ],
)
def test_it_saves_nothing_and_explains_a_wrong_value(client, world, changes, field, message):
    client.force_login(world.commune)
    response = client.post(reverse("indicators:add"), entry("adults-vneid", **changes))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_it_refuses_a_second_value_for_the_same_period(client, world):
    value(world, "adults-vneid", 500, 1000, end=(2026, 6, 10))
    client.force_login(world.commune)
    response = client.post(reverse("indicators:add"), entry("adults-vneid"))
    assert "Đã có giá trị của chỉ số này cho kỳ 01/01/2026–10/06/2026" in response.content.decode()
    assert IndicatorValue.objects.count() == 1


def test_the_officer_corrects_a_value_of_their_commune_only(client, world):
    mine = value(world, "adults-vneid", 500, 1000)
    theirs = value(world, "adults-vneid", 500, 1000, commune=world.tanky.commune)
    client.force_login(world.commune)
    url = reverse("indicators:change", args=[mine.pk])
    response = client.post(url, {**entry("adults-vneid"), "period_end": "2026-05-31"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.value == Decimal("80.00") and mine.period_end == datetime.date(2026, 5, 31)
    assert client.get(reverse("indicators:change", args=[theirs.pk])).status_code == 404


def test_the_page_takes_the_same_queries_for_more_values(
    client, world, targets, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.commune)
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("indicators:index"))
    for month in range(1, 6):
        value(world, "adults-vneid", 100 * month, 1000, end=(2026, month, 28))
    with django_assert_num_queries(len(before)):
        client.get(reverse("indicators:index"))
