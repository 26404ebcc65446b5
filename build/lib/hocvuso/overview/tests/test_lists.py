"""The record lists (/tong-quan/luot-ho-tro/, /tuyen-truyen/, /lop-hoc/): scope and filters."""

import datetime

import pytest
from django.urls import reverse

from hocvuso.outreach.models import Channel
from hocvuso.support.models import Place, Service

from .records import add_activity, add_class, add_visit

VISITS = reverse("overview:visits")
ACTIVITIES = reverse("overview:activities")
CLASSES = reverse("overview:classes")
D = datetime.date


def listed(response) -> set[int]:
    return {record.pk for record in response.context["page"].object_list}


def test_it_refuses_a_team_member(client, world):
    client.force_login(world.member)
    for url in (VISITS, ACTIVITIES, CLASSES):
        assert client.get(url).status_code == 403


def test_it_shows_the_commune_officer_every_visit_of_the_commune(client, world):
    client.force_login(world.commune)
    response = client.get(VISITS)
    assert listed(response) == {v.pk for v in world.chiminh.visits}
    assert response.context["summary"] == {"records": 4, "people": 4}
    html = response.content.decode()
    assert "Xuất Excel" in html
    # The services of each visit, joined by the database.
    assert "Đăng ký VNeID, Kích hoạt VNeID mức 2" in html


def test_it_shows_a_village_leader_only_their_teams_visits(client, world):
    client.force_login(world.leader)
    response = client.get(VISITS)
    team = world.chiminh.village_teams[0]
    assert listed(response) == {v.pk for v in world.chiminh.visits if v.team == team}
    # The leader cannot even pick the other village's team.
    other = client.get(VISITS, {"team": world.chiminh.village_teams[1].pk})
    assert "team" in other.context["form"].errors
    assert listed(other) == set()


def test_a_leader_filtering_by_another_village_sees_nothing_of_it(client, world):
    client.force_login(world.leader)
    response = client.get(VISITS, {"village": world.chiminh.villages[1].pk})
    assert response.context["form"].is_valid()
    assert listed(response) == set()


def test_it_filters_visits_by_period_team_member_service_place_and_village(client, world):
    cm = world.chiminh
    march = add_visit(cm, D(2026, 3, 20), village=1, services=("health-book",), place=Place.HOME)
    april = add_visit(cm, D(2026, 4, 2), village=1, services=("dvc-filing",))
    client.force_login(world.commune)

    def pks(**filters):
        return listed(client.get(VISITS, filters))

    assert pks(start="2026-03-03", end="2026-03-31") == {march.pk}
    assert pks(start="2026-04-02") == {april.pk}
    assert pks(end="2026-03-02") == {v.pk for v in cm.visits}
    assert pks(team=cm.village_teams[1].pk) == {
        march.pk,
        april.pk,
        *(v.pk for v in cm.visits if v.team == cm.village_teams[1]),
    }
    assert pks(member=cm.members[0].pk) == {cm.visits[0].pk}
    assert pks(service=Service.objects.get(code="health-book").pk) == {march.pk}
    assert pks(place=Place.HOME) == {march.pk}
    assert pks(village=cm.villages[1].pk, service=Service.objects.get(code="dvc-filing").pk) == {
        april.pk
    }


def test_it_refuses_a_period_that_ends_before_it_starts(client, world):
    client.force_login(world.commune)
    response = client.get(VISITS, {"start": "2026-05-01", "end": "2026-04-01"})
    assert "end" in response.context["form"].errors
    assert listed(response) == set()


def test_it_pages_through_many_visits_keeping_the_filters(client, world):
    for i in range(60):
        add_visit(world.chiminh, D(2026, 4, 1) + datetime.timedelta(days=i % 20))
    client.force_login(world.commune)
    first = client.get(VISITS, {"start": "2026-04-01"})
    assert len(first.context["page"].object_list) == 50
    assert "start=2026-04-01&amp;trang=2" in first.content.decode()
    second = client.get(VISITS, {"start": "2026-04-01", "trang": 2})
    assert len(second.context["page"].object_list) == 10


def test_a_city_officer_filters_by_commune(client, world):
    client.force_login(world.city)
    everything = client.get(VISITS)
    assert len(listed(everything)) == 8
    tanky = client.get(VISITS, {"commune": world.tanky.commune.pk})
    assert listed(tanky) == {v.pk for v in world.tanky.visits}
    # Choices name their commune when there are several.
    assert "Thôn 1 — Tân Kỳ" in tanky.content.decode()


def test_the_commune_filter_is_only_for_officers_of_several_communes(client, world):
    client.force_login(world.commune)
    assert "commune" not in client.get(VISITS).context["form"].fields


def test_it_lists_outreach_activities_by_channel(client, world):
    zalo = add_activity(world.chiminh, D(2026, 3, 5), village=1, channel=Channel.ZALO, times=3)
    client.force_login(world.commune)
    response = client.get(ACTIVITIES)
    assert len(listed(response)) == 3
    assert response.context["summary"] == {"records": 3, "times": 5}
    assert listed(client.get(ACTIVITIES, {"channel": Channel.ZALO})) == {zalo.pk}
    client.force_login(world.leader)
    assert zalo.pk not in listed(client.get(ACTIVITIES))


def test_it_lists_digital_classes_with_their_learners(client, world):
    first = add_class(world.chiminh, D(2026, 3, 5), village=0, citizens=10, students=2)
    second = add_class(world.chiminh, D(2026, 4, 5), village=1, citizens=5, students=0)
    add_class(world.tanky, D(2026, 4, 5))
    client.force_login(world.commune)
    response = client.get(CLASSES)
    assert listed(response) == {first.pk, second.pk}
    assert response.context["summary"] == {"records": 2, "attendees": 17}
    assert listed(client.get(CLASSES, {"start": "2026-04-01"})) == {second.pk}
    client.force_login(world.other_leader)
    assert listed(client.get(CLASSES)) == {second.pk}


@pytest.mark.parametrize("url", [VISITS, ACTIVITIES, CLASSES])
def test_an_empty_list_says_so(client, world, url):
    client.force_login(world.commune)
    response = client.get(url, {"start": "2020-01-01", "end": "2020-01-31"})
    assert "Không có bản ghi nào khớp với bộ lọc" in response.content.decode()
