"""The report's figures equal the records of its period, and nothing else."""

import datetime

from django.db.models import Sum

from hocvuso.core.periods import Period
from hocvuso.reports.snapshot import collect_figures
from hocvuso.support.models import Place, Service, SupportVisit

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 5, 31))


def local(y, m, d, h=9):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(y, m, d, h))


def add_visit(
    world,
    when,
    people=1,
    services=("vneid-activate",),
    place=Place.SERVICE_CENTRE,
    village=None,
    **fields,
):
    visit = SupportVisit.objects.create(
        commune=world.chiminh.commune,
        occurred_at=when,
        people=people,
        place=place,
        village=village,
        **fields,
    )
    visit.services.set(Service.objects.filter(code__in=services))
    return visit


def test_it_counts_the_people_helped_in_the_period_only(world):
    add_visit(world, local(2026, 1, 1, 0), people=3)  # first minute of the period
    add_visit(world, local(2026, 5, 31, 23), people=4)  # last hour of the period
    add_visit(world, local(2025, 12, 31, 23), people=50)  # before
    add_visit(world, local(2026, 6, 1, 0), people=60)  # after
    figures = collect_figures(world.chiminh.commune, PERIOD)
    in_period = SupportVisit.objects.filter(
        commune=world.chiminh.commune,
        occurred_at__gte=local(2026, 1, 1, 0),
        occurred_at__lt=local(2026, 6, 1, 0),
    )
    assert figures["visits"]["people"] == in_period.aggregate(n=Sum("people"))["n"] == 4 + 3 + 4
    assert figures["visits"]["records"] == in_period.count() == 6


def test_it_never_counts_another_communes_visits(world):
    figures = collect_figures(world.tanky.commune, PERIOD)
    assert figures["visits"]["records"] == 4
    add_visit(world, local(2026, 2, 2), people=10)
    assert collect_figures(world.tanky.commune, PERIOD)["visits"]["records"] == 4


def test_it_counts_visits_by_service_place_village_and_month(world):
    village = world.chiminh.villages[1]
    add_visit(
        world,
        local(2026, 2, 10),
        people=5,
        services=("qr-payment", "anti-fraud"),
        place=Place.HOME,
        village=village,
        elderly=True,
    )
    visits = collect_figures(world.chiminh.commune, PERIOD)["visits"]
    by_service = {row["code"]: row for row in visits["by_service"]}
    assert by_service["qr-payment"]["people"] == 5
    assert by_service["anti-fraud"]["visits"] == 1
    # The world's four visits each gave the first two services of the catalogue.
    assert by_service["vneid-register"]["visits"] == 4
    by_place = {row["code"]: row["people"] for row in visits["by_place"]}
    assert by_place == {"cultural_house": 4, "home": 5}
    by_village = {row["code"]: row["people"] for row in visits["by_village"]}
    assert by_village == {"11131-01": 2, "11131-02": 7}
    assert visits["by_month"] == [
        {"month": "2026-02", "visits": 1, "people": 5},
        {"month": "2026-03", "visits": 4, "people": 4},
    ]
    assert visits["elderly_people"] == 5


def test_it_places_a_visit_late_at_night_in_the_local_month(world):
    # 06:00 on 01/02 in Vietnam is 23:00 on 31/01 in UTC: the month is the local one.
    add_visit(world, local(2026, 2, 1, 6), people=2)
    months = collect_figures(world.chiminh.commune, PERIOD)["visits"]["by_month"]
    assert months[0] == {"month": "2026-02", "visits": 1, "people": 2}


def test_it_lists_the_documents_issued_by_the_end_of_the_period(world):
    documents = collect_figures(world.chiminh.commune, PERIOD)["documents"]
    assert [d["number_symbol"] for d in documents] == ["41/KH-UBND"]
    early = Period(datetime.date(2025, 1, 1), datetime.date(2025, 8, 18))
    assert collect_figures(world.chiminh.commune, early)["documents"] == []


def test_it_counts_teams_by_level_and_their_members(world):
    teams = collect_figures(world.chiminh.commune, PERIOD)["teams"]
    assert (teams["commune"], teams["village"], teams["rapid"]) == (1, 2, 0)
    assert teams["members"] == 4


def test_it_counts_outreach_by_channel_and_the_zalo_groups(world):
    outreach = collect_figures(world.chiminh.commune, PERIOD)["outreach"]
    assert outreach["by_channel"] == [
        {
            "code": "loudspeaker",
            "name": "Loa phát thanh cơ sở",
            "activities": 2,
            "times": 2,
            "reach": 200,
        }
    ]
    assert (outreach["zalo_groups"], outreach["zalo_villages"], outreach["zalo_members"]) == (
        2,
        2,
        100,
    )
