"""One-time links: used once, expiring, handed over only by who looks after the account."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hocvuso.accounts.models import SetupLink
from hocvuso.accounts.services import (
    LinkRefused,
    issue_setup_link,
    set_password_with_link,
    user_of_link,
)
from hocvuso.testing_units import PASSWORD, units_once

from .setup_units import build_new_communes, fresh

NEW = "hoa-dat-mat-khau-2026"


@pytest.fixture(scope="module")
def place(django_db_setup, django_db_blocker):
    with units_once(django_db_blocker) as units:
        yield build_new_communes(units)


def test_a_link_sets_the_password_once(db, place):
    member = fresh(place.units.ward.member)
    link = issue_setup_link(place.units.ward.officer, member)
    assert set_password_with_link(link.token, NEW) == member
    member.refresh_from_db()
    assert member.check_password(NEW)
    with pytest.raises(
        LinkRefused, match="đã được dùng lúc .*; mỗi liên kết chỉ dùng được một lần"
    ):
        set_password_with_link(link.token, "mot-mat-khau-khac-nua")
    member.refresh_from_db()
    assert member.check_password(NEW)


def test_an_expired_link_sets_nothing(db, place):
    member = fresh(place.units.ward.member)
    link = issue_setup_link(place.units.ward.officer, member)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        with pytest.raises(LinkRefused, match="đã hết hạn lúc"):
            set_password_with_link(link.token, NEW)
    member.refresh_from_db()
    assert member.check_password(PASSWORD)
    assert SetupLink.objects.get(user=member).used_at is None


def test_a_link_still_works_on_its_last_day(db, place):
    member = fresh(place.units.ward.member)
    link = issue_setup_link(place.units.ward.officer, member)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=6, hours=23)):
        assert user_of_link(link.token) == member


def test_a_weak_password_is_refused_and_the_link_stays_usable(db, place):
    member = fresh(place.units.ward.member)
    link = issue_setup_link(place.units.ward.officer, member)
    with pytest.raises(ValidationError) as error:
        set_password_with_link(link.token, "123")
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in error.value.messages
    assert user_of_link(link.token) == member
    assert SetupLink.objects.get(user=member).used_at is None


def test_an_unknown_token_is_refused(db, place):
    with pytest.raises(LinkRefused, match="không đúng hoặc không còn dùng được"):
        user_of_link("not-a-token")


def test_a_new_link_makes_the_older_one_unusable(db, place):
    member = fresh(place.units.ward.member)
    old = issue_setup_link(place.units.ward.officer, member)
    new = issue_setup_link(place.units.ward.officer, member)
    with pytest.raises(LinkRefused, match="hết hạn"):
        user_of_link(old.token)
    assert user_of_link(new.token) == member


def test_a_commune_officer_hands_links_to_its_own_members_only(db, place):
    ward, mountain = place.units.ward, place.units.mountain
    assert issue_setup_link(ward.officer, ward.leader).user == ward.leader
    for other in (mountain.member, mountain.officer, place.units.province_officer):
        with pytest.raises(PermissionDenied):
            issue_setup_link(ward.officer, other)
    assert not SetupLink.objects.filter(
        user__in=[mountain.member, mountain.officer, place.units.province_officer]
    ).exists()


def test_a_city_officer_hands_links_to_its_communes_officers_only(db, place):
    assert issue_setup_link(place.units.province_officer, place.units.ward.officer)
    with pytest.raises(PermissionDenied):
        issue_setup_link(place.far_officer, place.units.ward.officer)
    with pytest.raises(PermissionDenied):
        # A member's link is the commune's to hand over.
        issue_setup_link(place.units.province_officer, place.units.ward.member)
