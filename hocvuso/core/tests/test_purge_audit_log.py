"""The audit trail is kept AUDIT_RETENTION_DAYS, its phone numbers AUDIT_PHONE_DAYS."""

import datetime
import io

import time_machine
from auditlog.models import LogEntry
from django.core.management import call_command

from hocvuso.core.management.commands.purge_audit_log import purge

START = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC)


def change_phone(member, phone, when):
    with time_machine.travel(when, tick=False):
        member.phone = phone
        member.save()
    return LogEntry.objects.get_for_object(member).latest("pk")


def test_phones_are_blanked_after_90_days_and_entries_deleted_after_a_year(world):
    member = world.chiminh.members[1]
    ancient = change_phone(member, "0911111111", START - datetime.timedelta(days=366))
    old = change_phone(member, "0922222222", START - datetime.timedelta(days=91))
    recent = change_phone(member, "0933333333", START - datetime.timedelta(days=89))
    with time_machine.travel(START, tick=False):
        purge()
    assert not LogEntry.objects.filter(pk=ancient.pk).exists()
    old.refresh_from_db()
    assert old.changes["phone"] == ["[đã xóa]", "[đã xóa]"]
    assert old.actor_id == ancient.actor_id  # who and when stay
    recent.refresh_from_db()
    assert recent.changes["phone"] == ["0922222222", "0933333333"]


def test_the_retention_is_a_setting(world, settings):
    settings.AUDIT_RETENTION_DAYS = 800
    member = world.chiminh.members[1]
    ancient = change_phone(member, "0911111111", START - datetime.timedelta(days=400))
    with time_machine.travel(START, tick=False):
        out = io.StringIO()
        call_command("purge_audit_log", stdout=out)
    assert LogEntry.objects.filter(pk=ancient.pk).exists()
    assert "quá 800 ngày" in out.getvalue()


def test_running_twice_blanks_each_entry_once(world):
    member = world.chiminh.members[1]
    change_phone(member, "0922222222", START - datetime.timedelta(days=91))
    with time_machine.travel(START, tick=False):
        first = purge()
        second = purge()
    assert first[1] >= 1 and second[1] == 0
