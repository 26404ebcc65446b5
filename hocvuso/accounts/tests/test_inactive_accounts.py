"""Logins unused for INACTIVE_DAYS days are closed, with a reason in the audit trail."""

import datetime
import io

import time_machine
from auditlog.models import LogEntry
from django.core.management import call_command

from hocvuso.accounts.management.commands.deactivate_inactive_accounts import deactivate_inactive
from hocvuso.accounts.models import User, UserRole
from hocvuso.testing import make_user

START = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC)


def test_a_login_unused_for_45_days_is_closed_and_a_recent_one_is_not(world):
    User.objects.filter(pk=world.member.pk).update(last_login=START - datetime.timedelta(days=46))
    User.objects.filter(pk=world.leader.pk).update(last_login=START - datetime.timedelta(days=44))
    with time_machine.travel(START, tick=False):
        closed = deactivate_inactive()
    assert "tovien" in closed and "totruong" not in closed
    assert not User.objects.get(pk=world.member.pk).is_active
    assert User.objects.get(pk=world.leader.pk).is_active
    entry = LogEntry.objects.get_for_object(world.member).latest("pk")
    assert entry.changes_dict["is_active"] == ["True", "False"]
    assert entry.additional_data["reason"] == "Khóa tự động: không đăng nhập 45 ngày."


def test_a_new_login_never_used_has_its_45_days(world):
    with time_machine.travel(START - datetime.timedelta(days=10), tick=False):
        fresh = make_user("moi", UserRole.TEAM_MEMBER)
    with time_machine.travel(START - datetime.timedelta(days=60), tick=False):
        stale = make_user("cu", UserRole.TEAM_MEMBER)
    with time_machine.travel(START, tick=False):
        closed = deactivate_inactive()
    assert "cu" in closed and "moi" not in closed
    assert User.objects.get(pk=fresh.pk).is_active and not User.objects.get(pk=stale.pk).is_active


def test_administrators_are_left_alone(world):
    with time_machine.travel(START + datetime.timedelta(days=400), tick=False):
        call_command("deactivate_inactive_accounts", stdout=io.StringIO())
    assert User.objects.get(pk=world.admin.pk).is_active


def test_the_number_of_days_is_a_setting(world, settings):
    settings.INACTIVE_DAYS = 90
    User.objects.filter(pk=world.member.pk).update(last_login=START - datetime.timedelta(days=60))
    with time_machine.travel(START, tick=False):
        assert "tovien" not in deactivate_inactive()
