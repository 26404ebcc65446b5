"""Zalo groups through the API: list them, update their member count."""

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from hocvuso.outreach.models import ZaloGroup

from .conftest import ids

PERSONAS = ["city", "commune", "leader", "member", "other_leader", "outsider", "far", "admin"]


def groups(commune_world, *teams):
    found = ZaloGroup.objects.filter(commune=commune_world.commune)
    if teams:
        found = found.filter(team__in=[commune_world.village_teams[i] for i in teams])
    return set(found.values_list("pk", flat=True))


def visible(world, persona):
    return {
        "city": groups(world.chiminh) | groups(world.tanky),
        "commune": groups(world.chiminh),
        "leader": groups(world.chiminh, 0),
        "member": groups(world.chiminh, 0),  # the group their team looks after
        "other_leader": groups(world.chiminh, 1),
        "outsider": groups(world.tanky),
        "far": groups(world.farward),
        "admin": set(ZaloGroup.objects.values_list("pk", flat=True)),
    }[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_lists_the_groups_in_its_scope(world, api, persona):
    response = getattr(api, persona).get("/zalo-groups")
    assert response.status_code == 200
    assert ids(response) == visible(world, persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_role_updates_only_the_groups_in_its_scope(world, api, persona):
    caller = getattr(api, persona)
    # The city reads its communes' groups and updates none of them.
    writes = set() if persona == "city" else visible(world, persona)
    for group in ZaloGroup.objects.all():
        response = caller.patch(f"/zalo-groups/{group.pk}", {"member_count": 77})
        if group.pk in visible(world, persona):
            expected = 200 if group.pk in writes else 403
        else:
            expected = 404
        assert response.status_code == expected
    updated = set(ZaloGroup.objects.filter(member_count=77).values_list("pk", flat=True))
    assert updated == writes


def test_a_member_updates_their_villages_group(world, api):
    group = ZaloGroup.objects.get(team=world.chiminh.village_teams[0])
    response = api.member.patch(
        f"/zalo-groups/{group.pk}", {"member_count": 312, "counted_on": "2026-03-01"}
    )
    assert response.status_code == 200
    assert response.json()["member_count"] == 312 and response.json()["counted_on"] == "2026-03-01"
    group.refresh_from_db()
    assert (group.member_count, str(group.counted_on)) == (312, "2026-03-01")
    entry = LogEntry.objects.get_for_object(group).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == world.member and "member_count" in entry.changes_dict


def test_the_count_is_dated_today_by_default(world, api):
    group = ZaloGroup.objects.get(team=world.chiminh.village_teams[0])
    body = api.leader.patch(f"/zalo-groups/{group.pk}", {"member_count": 60}).json()
    assert body["counted_on"] == timezone.localdate().isoformat()


@pytest.mark.parametrize(
    "body,field",
    [
        ({}, "member_count"),
        ({"member_count": -1}, "member_count"),
        ({"member_count": 10**20}, "member_count"),
        ({"member_count": "50"}, "member_count"),
        ({"member_count": 50, "counted_on": "2999-01-01"}, "counted_on"),
        ({"member_count": 50, "counted_on": "hôm qua"}, "counted_on"),
    ],
)
def test_a_bad_count_is_refused(world, api, body, field):
    group = ZaloGroup.objects.get(team=world.chiminh.village_teams[0])
    response = api.leader.patch(f"/zalo-groups/{group.pk}", body)
    assert response.status_code == 422 and field in response.json()["errors"]
    group.refresh_from_db()
    assert group.member_count == 50


def test_the_number_of_queries_does_not_grow(world, api, django_assert_max_num_queries):
    caller = api.commune
    caller.get("/zalo-groups")
    village = world.chiminh.villages[0]
    for i in range(20):
        ZaloGroup.objects.create(village=village, name=f"Nhóm {i}")
    with django_assert_max_num_queries(5):
        assert len(caller.get("/zalo-groups").json()) == 22
