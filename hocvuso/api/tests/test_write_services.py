"""The write services the API and the phone page share: outreach and learning."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hocvuso.learning.services import ClassInput, record_class
from hocvuso.outreach.models import OutreachActivity, ZaloGroup
from hocvuso.outreach.services import ActivityInput, count_zalo_members, record_activity


def test_an_activity_defaults_to_today_and_the_members_village_team(world):
    activity = record_activity(world.member, ActivityInput(channel="zalo", title="Nhắn nhóm"))
    team = world.chiminh.village_teams[0]
    assert activity.held_on == timezone.localdate()
    assert (activity.team, activity.village, activity.commune) == (
        team,
        team.unit,
        world.chiminh.commune,
    )
    assert LogEntry.objects.get_for_object(activity).get().actor == world.member


def test_an_activity_is_checked_whole_before_anything_is_saved(world):
    before = OutreachActivity.objects.count()
    with pytest.raises(ValidationError) as error:
        record_activity(
            world.member,
            ActivityInput(
                channel="x",
                title="",
                times=0,
                reach=-5,
                held_on=timezone.localdate() + datetime.timedelta(days=1),
                village="11132-01",
            ),
        )
    assert set(error.value.message_dict) == {
        "channel",
        "title",
        "times",
        "reach",
        "held_on",
        "village",
    }
    assert OutreachActivity.objects.count() == before


def test_an_officer_of_several_communes_names_the_commune_of_an_activity(world):
    with pytest.raises(ValidationError) as error:
        record_activity(world.admin, ActivityInput(channel="portal", title="Bài viết"))
    assert "commune" in error.value.message_dict
    activity = record_activity(
        world.admin, ActivityInput(channel="portal", title="Bài viết", village="11132-01")
    )
    assert activity.commune == world.tanky.commune and activity.member is None


def test_a_city_officer_records_no_activity_and_no_class(world):
    with pytest.raises(PermissionDenied):
        record_activity(
            world.city, ActivityInput(channel="portal", title="Bài viết", village="11132-01")
        )
    with pytest.raises(PermissionDenied):
        record_class(world.city, ClassInput(topic="Lớp", citizens=3, village="11132-01"))


def test_a_member_without_a_team_cannot_log(world):
    from hocvuso.teams.models import Membership

    Membership.objects.filter(member=world.chiminh.members[1]).update(
        ended_on=datetime.date(2026, 1, 1)
    )
    world.member._hocvuso_scope = None
    with pytest.raises(ValidationError) as error:
        record_class(world.member, ClassInput(topic="Lớp", citizens=3))
    assert "team" in error.value.message_dict


def test_a_class_counts_its_attendees_and_names_its_author(world):
    digital_class = record_class(
        world.leader, ClassInput(topic="Cài Sổ sức khỏe điện tử", citizens=10, teachers=2)
    )
    assert digital_class.attendees == 12 and digital_class.member == world.chiminh.members[0]
    assert LogEntry.objects.get_for_object(digital_class).get().actor == world.leader


def test_a_zalo_count_is_saved_with_its_day_and_author(world):
    group = ZaloGroup.objects.get(team=world.chiminh.village_teams[0])
    count_zalo_members(world.member, group, 120, datetime.date(2026, 3, 1))
    group.refresh_from_db()
    assert (group.member_count, group.counted_on) == (120, datetime.date(2026, 3, 1))
    entry = LogEntry.objects.get_for_object(group).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == world.member


def test_a_zalo_group_outside_the_scope_is_refused(world):
    theirs = ZaloGroup.objects.get(team=world.chiminh.village_teams[1])
    with pytest.raises(PermissionDenied):
        count_zalo_members(world.member, theirs, 1)
    with pytest.raises(PermissionDenied):
        count_zalo_members(world.outsider, theirs, 1)


def test_a_zalo_count_is_a_whole_number_in_range(world):
    group = ZaloGroup.objects.get(team=world.chiminh.village_teams[0])
    for bad in (-1, 10**9, 2.5, "12", True):
        with pytest.raises(ValidationError):
            count_zalo_members(world.commune, group, bad)
