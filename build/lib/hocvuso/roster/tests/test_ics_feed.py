"""A member's personal calendar: a secret address, no login, and a reset that cuts it off."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from hocvuso.roster.models import Assignment, CalendarFeed
from hocvuso.roster.services import calendar_feed

from .conftest import BEFORE_JUNE

pytestmark = pytest.mark.django_db


def feed_url(member):
    return reverse("roster:ics", args=[calendar_feed(member).secret])


def test_the_address_looks_like_a_calendar_file(world):
    member = world.member.member
    assert feed_url(member) == f"/lich-truc/ics/{member.calendar_feed.secret}.ics"


def test_the_feed_needs_no_login_and_has_the_members_shifts(client, world, june):
    member = world.member.member
    with time_machine.travel(BEFORE_JUNE):
        response = client.get(feed_url(member))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    shifts = Assignment.objects.filter(member=member).select_related("shift")
    assert len(events) == shifts.count() == 11
    starts = {e.decoded("DTSTART") for e in events}
    assert starts == {a.shift.starts_at for a in shifts}
    assert all("Trần Thị Hoa" in str(e["SUMMARY"]) for e in events)
    assert calendar.walk("VTIMEZONE")


def test_the_page_shows_the_secret_address(client, world, june):
    client.force_login(world.member)
    text = client.get(reverse("roster:mine")).content.decode()
    secret = CalendarFeed.objects.get(member=world.member.member).secret
    assert f"http://testserver/lich-truc/ics/{secret}.ics" in text
    assert f"webcal://testserver/lich-truc/ics/{secret}.ics" in text
    assert "Đổi địa chỉ" in text


def test_resetting_the_address_cuts_off_the_old_one(client, world, june):
    member = world.member.member
    old = feed_url(member)
    client.force_login(world.member)
    response = client.post(reverse("roster:reset_ics"), follow=True)
    assert "Đã đổi địa chỉ lịch." in response.content.decode()
    client.logout()
    assert client.get(old).status_code == 404
    new = feed_url(member)
    assert new != old and client.get(new).status_code == 200


def test_an_unknown_or_inactive_members_address_is_not_found(client, world, june):
    assert client.get("/lich-truc/ics/khong-co.ics").status_code == 404
    member = world.member.member
    url = feed_url(member)
    member.is_active = False
    member.save()
    assert client.get(url).status_code == 404


def test_the_feed_leaves_out_shifts_long_past(client, world, june):
    member = world.member.member
    with time_machine.travel(datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)):
        response = client.get(feed_url(member))
    assert not Calendar.from_ical(response.content).walk("VEVENT")
