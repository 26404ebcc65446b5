"""The province's live overview: every commune of the province from the daily totals of the
visits, never from the visits themselves; a commune's page reads its own visits only."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hocvuso.core.periods import Period
from hocvuso.support import figures as support_figures
from hocvuso.support.models import Place, Service, SupportVisit
from hocvuso.support.services import VisitInput, record_visit
from hocvuso.support.totals import rebuild

from .records import add_visit, at, grow

INDEX = reverse("overview:index")
D = datetime.date
VISITS_TABLE = SupportVisit._meta.db_table


@pytest.fixture(autouse=True)
def on_20_march():
    with time_machine.travel(at(D(2026, 3, 20), 10), tick=False):
        yield


def log(user, day, people, place=Place.HOME, commune=None, services=("dvc-filing",)):
    data = VisitInput(
        services=list(services),
        occurred_at=at(day),
        people=people,
        place=place,
        commune=commune.code if commune else None,
    )
    return record_visit(user, data)[0]


@pytest.fixture
def logged(world):
    """Visits logged through the service in both communes of the city and one far away;
    each commune of the world also has four visits of 02/03/2026 (hocvuso/testing.py)."""
    log(world.commune, D(2026, 3, 10), 5)
    log(world.commune, D(2026, 2, 25), 7, place=Place.ONLINE, services=("health-book",))
    log(world.commune, D(2025, 3, 1), 2)
    log(world.outsider, D(2026, 3, 12), 100, place=Place.SCHOOL)
    log(world.far, D(2026, 3, 12), 1000)
    return world


def figure(response, key: str, section: str = "month") -> int:
    sections = {s["key"]: s for s in response.context["compared"]["sections"]}
    return next(row["value"] for row in sections[section]["rows"] if row["key"] == key)


def test_a_city_officer_lands_on_the_whole_city(client, logged):
    client.force_login(logged.city)
    response = client.get(INDEX)
    assert "commune" not in response.context
    # March to the 20th: 5 in Chí Minh and 100 in Tân Kỳ, and the world's four visits of
    # 02/03 in each; not the far ward's 1.000.
    assert figure(response, "people") == 5 + 100 + 4 + 4
    assert figure(response, "visits") == 2 + 4 + 4
    # This year: the 25/02 one too.
    assert figure(response, "people", "year") == 5 + 7 + 100 + 4 + 4
    compared = response.context["compared"]["sections"][1]["rows"][0]
    assert compared["previous"] == 2
    html = response.content.decode()
    assert "Toàn thành phố Hải Phòng: mọi xã" in html
    assert '<option value="" selected>Toàn thành phố Hải Phòng</option>' in html


def test_its_charts_show_the_communes_months_and_services(client, logged):
    client.force_login(logged.city)
    response = client.get(INDEX)
    charts = response.context["charts"]
    assert dict(zip(charts["villages"]["labels"], charts["villages"]["values"], strict=True)) == {
        "Xã Chí Minh": 5 + 7 + 4,
        "Xã Tân Kỳ": 100 + 4,
    }
    assert charts["months"]["values"] == [0, 7, 5 + 100 + 4 + 4]
    services = dict(zip(charts["services"]["labels"], charts["services"]["values"], strict=True))
    assert services[Service.objects.get(code="health-book").short_name] == 7
    assert sum(services.values()) == 5 + 7 + 100 + 2 * (4 + 4)  # the world's have two each
    titles = [card["title"] for card in response.context["chart_cards"]]
    assert "Người dân được hỗ trợ theo xã" in titles


def test_it_counts_what_the_daily_totals_keep_not_every_visit(client, logged):
    """A visit written past the service (as a bulk loader writes) shows once it is counted."""
    client.force_login(logged.city)
    add_visit(logged.tanky, D(2026, 3, 15), people=50)
    assert figure(client.get(INDEX), "people") == 113
    rebuild([logged.tanky.commune.pk])
    assert figure(client.get(INDEX), "people") == 113 + 50


def test_a_city_officer_still_opens_one_commune(client, logged):
    client.force_login(logged.city)
    response = client.get(INDEX, {"xa": logged.tanky.commune.pk})
    assert response.context["commune"] == logged.tanky.commune
    assert figure(response, "people") == 100 + 4
    assert '<option value="">Toàn thành phố Hải Phòng</option>' in response.content.decode()


def test_the_figures_of_every_province_come_from_one_call(logged):
    year = Period(D(2026, 1, 1), D(2026, 3, 20))
    everywhere = support_figures.daily_totals_for(None, year, per="province")
    by_province = {row["code"]: row["people"] for row in everywhere["by_unit"]}
    assert by_province == {
        logged.haiphong.code: 5 + 7 + 100 + 4 + 4,
        logged.hanoi.code: 1000 + 4,
    }
    assert everywhere["people"] == sum(by_province.values())
    assert everywhere["home_people"] == 5 + 1000
    # The same figures as the visits give, for one commune.
    commune = [logged.chiminh.commune.pk]
    kept = support_figures.daily_totals_for(commune, year)
    counted = support_figures.for_period(commune, year)
    same = ("records", "people", "elderly_people", "female_people", "home_people", "by_month")
    assert {k: kept[k] for k in same} == {k: counted[k] for k in same}
    assert kept["by_service"] == counted["by_service"]
    assert kept["by_place"] == counted["by_place"]


def visit_queries(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if VISITS_TABLE in q["sql"]]


def test_the_province_page_reads_no_visit(client, logged):
    client.force_login(logged.city)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(INDEX).status_code == 200
    assert visit_queries(captured) == []


def test_a_communes_page_and_report_read_only_that_communes_visits(client, logged):
    commune = logged.tanky.commune.pk
    client.force_login(logged.outsider)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(INDEX).status_code == 200
        support_figures.for_period([commune], Period(D(2026, 1, 1), D(2026, 3, 31)))
    reads = visit_queries(captured)
    assert len(reads) >= 3
    for sql in reads:
        ids = re.findall(rf'"{VISITS_TABLE}"\."commune_id" IN \(([^)]*)\)', sql)
        assert ids and all(found.split(", ") == [str(commune)] for found in ids), sql


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """The province page's queries with a small city, then with many more visits,
    villages and members in both communes (written as a loader does, then counted)."""
    from django.test import Client

    from hocvuso.testing import World, rolled_back

    with rolled_back(django_db_blocker), time_machine.travel(at(D(2026, 3, 20), 10), tick=False):
        world = World()
        client = Client()
        client.force_login(world.city)

        def queries() -> int:
            client.get(INDEX)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(INDEX).status_code == 200
            return len(captured)

        small = queries()
        grow(world.chiminh, villages=3, members=3, records=5, day=D(2026, 3, 15))
        grow(world.tanky, villages=2, members=3, records=5, day=D(2026, 2, 15))
        rebuild()
        return small, queries()


@pytest.mark.django_db
def test_the_province_pages_queries_do_not_grow_with_its_visits(counts):
    small, big = counts
    assert big == small
