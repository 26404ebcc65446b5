"""Communication activities through the API."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from hocvuso.outreach.models import OutreachActivity

from .conftest import ids

PERSONAS = ["city", "commune", "leader", "member", "other_leader", "outsider", "far", "admin"]


def visible(world, persona):
    def of(commune_world, *teams):
        activities = OutreachActivity.objects.filter(commune=commune_world.commune)
        if teams:
            activities = activities.filter(team__in=[commune_world.village_teams[i] for i in teams])
        return set(activities.values_list("pk", flat=True))

    return {
        "city": of(world.chiminh) | of(world.tanky),
        "commune": of(world.chiminh),
        "leader": of(world.chiminh, 0),
        "member": set(),  # the world's activities were all logged by the leaders
        "other_leader": of(world.chiminh, 1),
        "outsider": of(world.tanky),
        "far": of(world.farward),
        "admin": set(OutreachActivity.objects.values_list("pk", flat=True)),
    }[persona]


def loudspeaker(**fields):
    return {"channel": "loudspeaker", "title": "Phát loa về VNeID mức 2", **fields}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_lists_only_the_activities_in_its_scope(world, api, persona):
    response = getattr(api, persona).get("/activities")
    assert response.status_code == 200
    assert ids(response) == visible(world, persona)


def test_it_answers_the_channel_with_its_label(world, api):
    item = api.leader.get("/activities").json()["items"][0]
    assert (item["channel"], item["channel_label"]) == ("loudspeaker", "Loa phát thanh cơ sở")
    assert item["held_on"] == "2026-03-02" and item["reach"] == 100


def test_it_filters_by_date_and_village(world, api):
    api.commune.post("/activities", loudspeaker(held_on="2026-04-01", village="11131-02"))
    assert len(api.commune.get("/activities", {"from": "2026-04-01"}).json()["items"]) == 1
    assert api.commune.get("/activities", {"village": "11131-02"}).json()["count"] == 2
    assert api.commune.get("/activities", {"to": "2026-03-31"}).json()["count"] == 2


def test_a_member_logs_an_activity_for_their_team_and_then_sees_it(world, api):
    response = api.member.post("/activities", loudspeaker(times=3, reach=250))
    assert response.status_code == 201
    body = response.json()
    activity = OutreachActivity.objects.get(pk=body["id"])
    team = world.chiminh.village_teams[0]
    assert (activity.team, activity.village, activity.member) == (
        team,
        team.unit,
        world.chiminh.members[1],
    )
    assert (activity.times, activity.reach, activity.held_on) == (3, 250, timezone.localdate())
    assert ids(api.member.get("/activities")) == {activity.pk}
    entry = LogEntry.objects.get_for_object(activity).get(action=LogEntry.Action.CREATE)
    assert entry.actor == world.member


def test_a_leader_cannot_log_for_another_team(world, api):
    other = world.chiminh.village_teams[1]
    response = api.leader.post("/activities", loudspeaker(team=other.pk))
    assert response.status_code == 422 and "team" in response.json()["errors"]


def test_an_officer_logs_a_commune_wide_activity(world, api):
    response = api.commune.post("/activities", {"channel": "portal", "title": "Bài trên cổng"})
    assert response.status_code == 201
    assert response.json()["village"] is None and response.json()["member"] is None
    assert response.json()["commune"]["code"] == "11131"


def test_an_officer_cannot_log_in_another_commune(world, api):
    response = api.outsider.post("/activities", loudspeaker(village="11131-01"))
    assert response.status_code == 422 and "village" in response.json()["errors"]
    response = api.commune.post("/activities", loudspeaker(team=world.tanky.commune_team.pk))
    assert response.status_code == 422 and "team" in response.json()["errors"]


def test_every_mistake_is_named(world, api):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = api.member.post(
        "/activities",
        {"channel": "pigeon", "title": "  ", "times": 0, "reach": -1, "held_on": tomorrow},
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["channel"] == "Hình thức tuyên truyền không hợp lệ."
    assert errors["title"] == "Hãy nhập nội dung tuyên truyền."
    assert errors["times"] == "Số lần phải là số nguyên từ 1 đến 1.000."
    assert errors["reach"] == "Số người tiếp cận phải là số nguyên từ 0 đến 10.000.000."
    assert errors["held_on"] == "Ngày không được ở tương lai."
    assert OutreachActivity.objects.count() == 6


def test_a_huge_reach_is_refused_not_overflowed(world, api):
    response = api.member.post("/activities", loudspeaker(reach=10**30))
    assert response.status_code == 422 and "reach" in response.json()["errors"]


def test_the_number_of_queries_does_not_grow(world, api, django_assert_max_num_queries):
    caller = api.commune
    caller.get("/activities")
    team = world.chiminh.village_teams[0]
    OutreachActivity.objects.bulk_create(
        OutreachActivity(
            commune=team.commune,
            village=team.unit,
            team=team,
            member=world.chiminh.members[0],
            held_on=datetime.date(2026, 3, 1),
            channel="zalo",
            title=f"Tin {i}",
        )
        for i in range(30)
    )
    with django_assert_max_num_queries(6):
        response = caller.get("/activities")
    assert response.json()["count"] == 32
