"""The overview and the lists take as many queries with a big commune as with a small one."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hocvuso.testing import World, rolled_back

from .records import add_activity, add_class, add_visit, at, grow

D = datetime.date
PAGES = [
    ("commune", reverse("overview:index"), {}),
    ("city", reverse("overview:index"), {}),
    ("commune", reverse("overview:visits"), {}),
    ("leader", reverse("overview:visits"), {}),
    (
        "commune",
        reverse("overview:visits"),
        {"service": "1", "place": "home", "start": "2026-01-01"},
    ),
    ("city", reverse("overview:visits"), {}),
    ("commune", reverse("overview:activities"), {}),
    ("leader", reverse("overview:activities"), {}),
    ("commune", reverse("overview:classes"), {}),
    ("leader", reverse("overview:classes"), {}),
]


def queries(client, url, data) -> int:
    client.get(url, data)  # Warm up: the first request of a session may set it up.
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def in_april():
    with time_machine.travel(at(D(2026, 4, 20), 10), tick=False):
        yield


def key(persona, url, data):
    return persona, url, tuple(sorted(data.items()))


@pytest.fixture(scope="module")
def counts(django_db_setup, django_db_blocker):
    """The queries of each page with a small commune, then with a big one.

    Growing a commune to the big one writes a few hundred records: done once for
    the module, in a world of its own that is rolled back at the end.
    """
    with rolled_back(django_db_blocker):
        world = World()
        with time_machine.travel(at(D(2026, 4, 20), 10), tick=False):
            clients = {}
            for persona in {persona for persona, _, _ in PAGES}:
                clients[persona] = Client()
                clients[persona].force_login(getattr(world, persona))
            day = D(2026, 4, 15)
            grow(world.chiminh, villages=1, members=2, records=1, day=day)
            # A record of each kind in the leader's village too: an empty page takes a
            # query fewer than a full one, which is no growth.
            add_class(world.chiminh, day, village=0)
            small = {key(*page): queries(clients[page[0]], *page[1:]) for page in PAGES}
            # Four more villages, each with a team of five, twelve visits and as many
            # activities and classes; and more records in the first village, the leader's. A
            # query made per row shows as well with a few more rows as with thousands.
            grow(world.chiminh, villages=4, members=5, records=6, day=day)
            grow(world.tanky, villages=2, members=4, records=4, day=day)
            for _ in range(8):
                add_visit(world.chiminh, day, village=0, services=("dvc-filing", "health-book"))
                add_activity(world.chiminh, day, village=0)
                add_class(world.chiminh, day, village=0)
            big = {key(*page): queries(clients[page[0]], *page[1:]) for page in PAGES}
    return {page: (small[page], big[page]) for page in small}


# With the tests on the database, which run before those that commit and empty it.
@pytest.mark.django_db
@pytest.mark.parametrize("persona, url, data", PAGES)
def test_queries_do_not_grow_with_visits_villages_or_members(counts, persona, url, data):
    small, big = counts[key(persona, url, data)]
    assert big == small, f"{url} {data}: {small} queries with a small commune, {big} with a big one"


def test_the_overview_takes_a_fixed_small_number_of_queries(client, world, in_april):
    client.force_login(world.commune)
    # Session, user, scope (unit, communes), picker, merged communes, five
    # comparison queries, and the report's figures for the charts.
    assert queries(client, reverse("overview:index"), {}) <= 30
