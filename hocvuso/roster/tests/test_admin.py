"""The roster in the admin: scoped like the pages, in Vietnamese, swaps read only."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from hocvuso.roster.models import (
    Assignment,
    CalendarException,
    DayKind,
    DutyPlace,
    OpeningHours,
)
from hocvuso.roster.services import request_swap

from .conftest import BEFORE_JUNE

pytestmark = pytest.mark.django_db


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_the_officer_adds_a_place_with_its_hours(client, world):
    client.force_login(world.commune)
    data = {
        "commune": world.chiminh.commune.pk,
        "kind": "cultural_house",
        "name": "Nhà văn hóa thôn 1",
        "address": "Thôn 1",
        "is_active": "on",
        **inline_management("hours", total=1),
        "hours-0-weekday": "5",
        "hours-0-starts": "08:00",
        "hours-0-ends": "11:00",
        "hours-0-members_needed": "3",
    }
    response = client.post(reverse("admin:roster_dutyplace_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    place = DutyPlace.objects.get()
    [hours] = place.hours.all()
    assert (hours.weekday, hours.starts, hours.members_needed) == (5, datetime.time(8), 3)


def test_a_place_saved_without_hours_gets_office_hours(client, world):
    client.force_login(world.commune)
    data = {
        "commune": world.chiminh.commune.pk,
        "kind": "centre",
        "name": "Trung tâm",
        "is_active": "on",
        **inline_management("hours"),
    }
    client.post(reverse("admin:roster_dutyplace_add"), data)
    assert OpeningHours.objects.filter(place__name="Trung tâm").count() == 10


def test_the_officer_edits_the_hours_of_the_communes_place_only(client, world, duty_place):
    client.force_login(world.commune)
    change = reverse("admin:roster_dutyplace_change", args=[duty_place.pk])
    response = client.get(change)
    assert response.status_code == 200
    assert 'name="hours-0-members_needed"' in response.content.decode()
    client.force_login(world.outsider)
    assert client.get(change).status_code == 302  # the admin's "not found" goes home
    listing = client.get(reverse("admin:roster_dutyplace_changelist"))
    assert duty_place.name not in listing.content.decode()


def test_calendar_exceptions_are_scoped_by_hand(client, world):
    own = CalendarException.objects.create(
        commune=world.chiminh.commune,
        date=datetime.date(2026, 6, 10),
        kind=DayKind.HOLIDAY,
        name="Lễ hội làng Chí Minh",
    )
    general = CalendarException.objects.create(
        commune=None, date=datetime.date(2026, 6, 11), kind=DayKind.HOLIDAY, name="Nghỉ chung"
    )
    client.force_login(world.outsider)
    text = client.get(reverse("admin:roster_calendarexception_changelist")).content.decode()
    assert "Nghỉ chung" in text and "Lễ hội làng Chí Minh" not in text
    response = client.post(
        reverse("admin:roster_calendarexception_change", args=[general.pk]),
        {"date": "11/06/2026", "kind": "holiday", "name": "Đổi", "works_as": "0"},
    )
    assert response.status_code == 403
    # An officer cannot add an exception for every commune, nor for another commune.
    response = client.post(
        reverse("admin:roster_calendarexception_add"),
        {"date": "12/06/2026", "kind": "holiday", "name": "Chung", "works_as": "0"},
    )
    assert response.status_code == 200 and not CalendarException.objects.filter(name="Chung")
    response = client.post(
        reverse("admin:roster_calendarexception_add"),
        {
            "commune": world.chiminh.commune.pk,
            "date": "12/06/2026",
            "kind": "holiday",
            "name": "Xâm phạm",
            "works_as": "0",
        },
    )
    assert not CalendarException.objects.filter(name="Xâm phạm").exists()
    client.force_login(world.commune)
    response = client.post(
        reverse("admin:roster_calendarexception_change", args=[own.pk]),
        {
            "commune": world.chiminh.commune.pk,
            "date": "10/06/2026",
            "kind": "holiday",
            "name": "Lễ hội",
            "works_as": "0",
        },
    )
    own.refresh_from_db()
    assert own.name == "Lễ hội"


def test_the_shift_admin_shows_who_is_on_duty_and_refuses_a_stranger(client, world, june):
    client.force_login(world.commune)
    text = client.get(reverse("admin:roster_shift_changelist")).content.decode()
    assert "Trần Thị Hoa" in text
    # An administrator may pick members of every commune; not for this commune's shift.
    client.force_login(world.admin)
    shift = Assignment.objects.filter(member=world.chiminh.members[1]).first().shift
    assignment = shift.assignments.get()
    local = shift.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    ends = shift.ends_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    data = {
        "place": shift.place_id,
        "starts_at_0": f"{local:%d/%m/%Y}",
        "starts_at_1": f"{local:%H:%M}",
        "ends_at_0": f"{ends:%d/%m/%Y}",
        "ends_at_1": f"{ends:%H:%M}",
        "members_needed": "1",
        **inline_management("assignments", total=1, initial=1),
        "assignments-0-id": assignment.pk,
        "assignments-0-shift": shift.pk,
        "assignments-0-member": world.tanky.members[0].pk,
    }
    response = client.post(reverse("admin:roster_shift_change", args=[shift.pk]), data)
    assert "Thành viên phải thuộc xã Chí Minh của ca trực." in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.member == world.chiminh.members[1]


def test_swap_requests_are_a_read_only_history(client, world, june):
    give = Assignment.objects.filter(member=world.chiminh.members[1]).first()
    take = Assignment.objects.filter(member=world.chiminh.members[2]).first()
    with time_machine.travel(BEFORE_JUNE):
        swap = request_swap(world.member, give, take)
    client.force_login(world.commune)
    assert client.get(reverse("admin:roster_swaprequest_changelist")).status_code == 200
    change = reverse("admin:roster_swaprequest_change", args=[swap.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"status": "approved"}).status_code == 403
    assert client.get(reverse("admin:roster_swaprequest_add")).status_code == 403
    swap.refresh_from_db()
    assert swap.status == "requested"
    client.force_login(world.outsider)
    assert client.get(change).status_code == 302


def test_team_leaders_do_not_use_the_roster_admin(client, world, duty_place):
    client.force_login(world.leader)
    response = client.get(reverse("admin:roster_dutyplace_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url
