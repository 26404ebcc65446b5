"""The commune's overview (/tong-quan/): figures against the same days before, and charts."""

import datetime
import json
import re

import pytest
import time_machine
from django.urls import reverse

from hocvuso.core.periods import Period
from hocvuso.learning.models import LearnerGroup
from hocvuso.outreach.models import Channel
from hocvuso.overview.figures import change, periods_to

from .records import add_activity, add_class, add_course, add_document, add_visit, at

INDEX = reverse("overview:index")
D = datetime.date


@pytest.fixture
def records(world):
    """Records around 20/3/2026 in Chí Minh, inside and outside the compared periods."""
    cm = world.chiminh
    add_visit(cm, D(2026, 3, 10), people=5)
    add_visit(cm, D(2026, 2, 15), people=3)  # the previous month, before the 20th
    add_visit(cm, D(2026, 2, 25), people=7)  # the previous month, after the 20th
    add_visit(cm, D(2025, 3, 1), people=2)  # last year, before 20/3
    add_visit(cm, D(2025, 6, 1), people=9)  # last year, after 20/3
    add_visit(world.tanky, D(2026, 3, 10), people=100)  # another commune
    add_activity(cm, D(2026, 2, 10), channel=Channel.ZALO)
    add_class(cm, D(2026, 3, 5), citizens=12, students=3)
    add_class(cm, D(2025, 1, 10), citizens=4, students=0)
    add_course(cm, D(2026, 1, 1), D(2026, 3, 31), LearnerGroup.CITIZENS, participants=100)
    add_document(cm, D(2026, 3, 3), number=12)
    return world


@pytest.fixture
def on_20_march():
    with time_machine.travel(at(D(2026, 3, 20), 10), tick=False):
        yield


def shown(html: str, figure: str, period: str) -> str:
    match = re.search(rf'id="fig-{figure}-{period}">\s*<span class="value">([^<]*)</span>', html)
    assert match, f"no figure {figure}-{period}"
    return match.group(1)


def test_it_asks_for_a_login(client, db):
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_sends_a_team_leader_to_the_teams_visits(client, world):
    client.force_login(world.leader)
    response = client.get(INDEX)
    assert response.status_code == 302
    assert response.url == reverse("overview:visits")


def test_it_refuses_a_team_member(client, world):
    client.force_login(world.member)
    assert client.get(INDEX).status_code == 403


def test_it_compares_this_month_and_year_with_the_same_days_before(client, records, on_20_march):
    client.force_login(records.commune)
    response = client.get(INDEX)
    assert response.status_code == 200
    sections = {s["key"]: s for s in response.context["compared"]["sections"]}
    month = {row["key"]: (row["value"], row["previous"]) for row in sections["month"]["rows"]}
    year = {row["key"]: (row["value"], row["previous"]) for row in sections["year"]["rows"]}
    # The world's four visits of 2/3/2026 (one person each), and the records above.
    assert month == {
        "people": (4 + 5, 3),
        "visits": (5, 1),
        "activities": (2, 1),
        "classes": (1, 0),
        "attendees": (15, 0),
        "courses": (100, 100),
        "documents": (1, 0),
    }
    assert year == {
        "people": (4 + 5 + 3 + 7, 2),
        "visits": (4 + 3, 1),
        "activities": (3, 0),
        "classes": (1, 1),
        "attendees": (15, 4),
        "courses": (100, 0),
        "documents": (1, 0),
    }
    assert sections["month"]["previous_period"] == Period(D(2026, 2, 1), D(2026, 2, 20))
    assert sections["year"]["previous_period"] == Period(D(2025, 1, 1), D(2025, 3, 20))
    html = response.content.decode()
    assert shown(html, "people", "month") == "9"
    assert shown(html, "people", "year") == "19"
    assert "Tăng 200%" in html
    assert "So với cùng kỳ 01/02/2026–20/02/2026" in html
    assert "Năm 2026" in html and "2.026" not in html


def test_it_writes_large_figures_the_vietnamese_way(client, world, on_20_march):
    add_visit(world.chiminh, D(2026, 3, 10), people=1000)
    add_visit(world.chiminh, D(2026, 3, 11), people=500)
    client.force_login(world.commune)
    html = client.get(INDEX).content.decode()
    assert shown(html, "people", "month") == "1.504"


def test_it_feeds_the_charts_with_this_years_figures(client, records, on_20_march):
    client.force_login(records.commune)
    response = client.get(INDEX)
    charts = response.context["charts"]
    assert charts["months"]["labels"] == ["T1", "T2", "T3"]
    assert charts["months"]["values"] == [0, 3 + 7, 4 + 5]
    services = dict(zip(charts["services"]["labels"], charts["services"]["values"], strict=True))
    assert services["Nộp hồ sơ DVC"] == 15
    assert services["Đăng ký VNeID"] == 4
    villages = dict(zip(charts["villages"]["labels"], charts["villages"]["values"], strict=True))
    assert villages == {"Thôn 1": 2 + 15, "Thôn 2": 2}
    channels = dict(zip(charts["channels"]["labels"], charts["channels"]["values"], strict=True))
    assert channels == {"Loa phát thanh cơ sở": 2, "Nhóm Zalo": 1}
    groups = dict(zip(charts["groups"]["labels"], charts["groups"]["values"], strict=True))
    assert groups["Người dân"] == 100 and groups["Học sinh"] == 0
    html = response.content.decode()
    # The page embeds the same data as JSON for Chart.js, and draws on canvases.
    embedded = re.search(
        r'<script id="overview-charts" type="application/json">(.*?)</script>', html
    )
    assert json.loads(embedded.group(1)) == charts
    assert html.count("<canvas") == 5
    assert "overview/vendor/chart.umd.min.js" in html


def test_it_shows_the_figures_at_a_chosen_day(client, records, on_20_march):
    client.force_login(records.commune)
    response = client.get(INDEX, {"ngay": "2026-02-28"})
    assert response.context["day"] == D(2026, 2, 28)
    month = response.context["compared"]["sections"][0]
    assert month["period"] == Period(D(2026, 2, 1), D(2026, 2, 28))
    assert month["rows"][0]["value"] == 3 + 7
    # A day in the future, or no date at all, means today.
    assert client.get(INDEX, {"ngay": "2027-01-01"}).context["day"] == D(2026, 3, 20)
    assert client.get(INDEX, {"ngay": "hôm qua"}).context["day"] == D(2026, 3, 20)


def test_it_lets_a_city_officer_pick_a_commune_of_the_city(client, records, on_20_march):
    client.force_login(records.city)
    response = client.get(INDEX)
    names = [c.name for c in response.context["communes"]]
    assert names == ["Xã Chí Minh", "Xã Tân Kỳ"]
    tanky = client.get(INDEX, {"xa": records.tanky.commune.pk})
    assert tanky.context["commune"] == records.tanky.commune
    assert tanky.context["compared"]["sections"][0]["rows"][0]["value"] == 4 + 100
    # A commune of another city is not offered, and asking for it shows the whole city
    # (hocvuso/overview/tests/test_province.py).
    far = client.get(INDEX, {"xa": records.farward.commune.pk})
    assert "commune" not in far.context and far.context["province"] == records.haiphong


def test_a_commune_officer_has_no_picker_and_sees_only_their_commune(client, records):
    client.force_login(records.outsider)
    response = client.get(INDEX, {"xa": records.chiminh.commune.pk})
    assert response.context["commune"] == records.tanky.commune
    assert 'name="xa"' not in response.content.decode()


@pytest.mark.parametrize(
    "day, previous_month, previous_year",
    [
        (D(2026, 3, 31), Period(D(2026, 2, 1), D(2026, 2, 28)), D(2025, 3, 31)),
        (D(2026, 1, 15), Period(D(2025, 12, 1), D(2025, 12, 15)), D(2025, 1, 15)),
        (D(2028, 2, 29), Period(D(2028, 1, 1), D(2028, 1, 29)), D(2027, 2, 28)),
    ],
)
def test_the_same_days_before_end_on_the_same_day_or_the_months_last(
    day, previous_month, previous_year
):
    periods = periods_to(day)
    assert periods["month"] == Period(day.replace(day=1), day)
    assert periods["previous_month"] == previous_month
    assert periods["previous_year"] == Period(D(previous_year.year, 1, 1), previous_year)


def test_a_change_is_told_in_words():
    assert change(150, 100)["text"] == "Tăng 50%"
    assert change(2, 3) == {"direction": "down", "text": "Giảm 33,3%"}
    assert change(4, 4)["text"] == "Không đổi"
    assert change(4, 0)["text"] == "Tăng (cùng kỳ chưa có)"
    assert change(1214, 11)["text"] == "Gấp 110 lần"
    assert change(999, 100)["text"] == "Tăng 899%"
