"""Signing in: the lockout after failed attempts, the security log, the session."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from hocvuso.accounts.models import SignInEvent, SignInEventKind, UserRole
from hocvuso.testing import PASSWORD, make_user

LOGIN = "/dang-nhap/"
ADMIN_LOGIN = "/quan-tri/login/"


def fail(client, url, username, times):
    return [
        client.post(url, {"username": username, "password": "sai-mat-khau"}).status_code
        for _ in range(times)
    ]


def test_five_wrong_passwords_lock_the_name_out_for_15_minutes_even_with_the_right_one(
    world, client
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert fail(client, LOGIN, "tovien", 5) == [200, 200, 200, 200, 429]
        locked = client.post(LOGIN, {"username": "tovien", "password": PASSWORD})
        assert locked.status_code == 429
        text = locked.content.decode()
        assert "Đăng nhập sai quá nhiều lần" in text and "thử lại sau 15 phút" in text
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        signed_in = client.post(LOGIN, {"username": "tovien", "password": PASSWORD})
        assert signed_in.status_code == 302


def test_the_lockout_holds_for_one_name_from_one_address_only(world, client):
    fail(client, LOGIN, "tovien", 5)
    other_name = client.post(LOGIN, {"username": "totruong", "password": PASSWORD})
    assert other_name.status_code == 302
    client.logout()
    elsewhere = client.post(
        LOGIN, {"username": "tovien", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert elsewhere.status_code == 302


def test_a_success_clears_the_count_of_failures(world, client):
    fail(client, LOGIN, "tovien", 4)
    assert client.post(LOGIN, {"username": "tovien", "password": PASSWORD}).status_code == 302
    client.logout()
    assert fail(client, LOGIN, "tovien", 4) == [200] * 4


def test_the_admin_sign_in_locks_out_too(world, client):
    assert fail(client, ADMIN_LOGIN, "admin", 5)[-1] == 429
    again = client.post(ADMIN_LOGIN, {"username": "admin", "password": PASSWORD})
    assert again.status_code == 429 and "thử lại sau" in again.content.decode()


def test_a_lockout_answers_json_to_a_caller_that_asks_for_it(world, client):
    fail(client, LOGIN, "tovien", 5)
    answer = client.post(
        LOGIN, {"username": "tovien", "password": PASSWORD}, headers={"Accept": "application/json"}
    )
    assert answer.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in answer.json()["detail"]


def test_behind_a_proxy_the_lockout_counts_the_client_address(world, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    forged = "203.0.113.9, 198.51.100.7"  # what the client sent, then what the proxy added
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": "tovien", "password": "sai"},
            HTTP_X_FORWARDED_FOR=forged,
        )
    event = SignInEvent.objects.filter(kind=SignInEventKind.LOCKED_OUT).get()
    assert event.ip_address == "198.51.100.7"
    # Another client behind the same proxy is not locked out.
    other = client.post(
        LOGIN,
        {"username": "tovien", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert other.status_code == 302


def test_each_sign_in_event_leaves_a_row_with_time_and_address(world, client):
    moment = datetime.datetime(2026, 3, 2, 2, 0, tzinfo=datetime.UTC)
    with time_machine.travel(moment, tick=False):
        client.post(LOGIN, {"username": "tovien", "password": "sai"}, REMOTE_ADDR="10.0.0.7")
        client.post(LOGIN, {"username": "tovien", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
        client.post(reverse("logout"), REMOTE_ADDR="10.0.0.7")
    events = list(SignInEvent.objects.order_by("pk"))
    assert [e.kind for e in events] == [
        SignInEventKind.FAILED,
        SignInEventKind.SIGNED_IN,
        SignInEventKind.SIGNED_OUT,
    ]
    assert all(e.at == moment and e.ip_address == "10.0.0.7" for e in events)
    assert all(e.username == "tovien" for e in events)
    assert events[0].user is None and events[1].user == world.member


def test_a_lockout_leaves_a_row_and_no_row_keeps_a_password(world, client):
    fail(client, LOGIN, "tovien", 5)
    kinds = list(SignInEvent.objects.values_list("kind", flat=True))
    assert kinds.count(SignInEventKind.FAILED) == 5
    assert kinds.count(SignInEventKind.LOCKED_OUT) == 1
    for row in SignInEvent.objects.values():
        assert "sai-mat-khau" not in str(row)


def test_a_name_with_a_line_break_stays_one_line_in_the_log(world, client):
    client.post(LOGIN, {"username": "tovien\r\nSIGNED IN admin", "password": "sai"})
    event = SignInEvent.objects.get()
    assert "\n" not in event.username and "\r" not in event.username
    assert event.username == "tovien  SIGNED IN admin"


def test_the_log_is_only_added_to(world):
    import pytest

    event = SignInEvent.objects.create(kind=SignInEventKind.FAILED, username="x")
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


def test_only_administrators_read_the_log_in_the_admin_and_nobody_changes_it(world, client):
    event = SignInEvent.objects.create(kind=SignInEventKind.FAILED, username="x")
    url = reverse("admin:accounts_signinevent_changelist")
    client.force_login(world.commune)
    assert client.get(url).status_code == 403
    client.force_login(world.admin)
    assert client.get(url).status_code == 200
    change = reverse("admin:accounts_signinevent_change", args=[event.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    delete = reverse("admin:accounts_signinevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_the_lockouts_are_seen_by_administrators_only(world, client):
    url = reverse("admin:axes_accessattempt_changelist")
    client.force_login(world.commune)
    assert client.get(url).status_code == 403
    client.force_login(world.admin)
    assert client.get(url).status_code == 200
    index = client.get("/quan-tri/").content.decode()
    assert "Khóa đăng nhập tạm thời" in index and "Nhật ký đăng nhập" in index
    assert "Access attempt" not in index and "Axes" not in index


def test_signing_in_gives_a_new_session_key(world, client):
    session = client.session
    session["seen"] = True
    session.save()
    before = session.session_key
    client.post(LOGIN, {"username": "tovien", "password": PASSWORD})
    assert client.session.session_key != before
    assert client.session.get("_auth_user_id") == str(world.member.pk)


def test_a_deactivated_user_is_sent_to_the_sign_in_page(world, client):
    client.force_login(world.member)
    assert client.get(reverse("accounts:index")).status_code == 200
    world.member.is_active = False
    world.member.save(update_fields=["is_active"])
    page = client.get(reverse("accounts:index"))
    assert page.status_code == 302 and page.url.startswith(LOGIN)


def test_an_officer_idle_for_30_minutes_is_signed_out(world, client, settings):
    settings.SESSION_IDLE_MINUTES = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(world.commune)
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert client.get(reverse("accounts:index")).status_code == 200
    # Still there: the clock restarted at the last page.
    with time_machine.travel(start + datetime.timedelta(minutes=58), tick=False):
        assert client.get(reverse("accounts:index")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=89), tick=False):
        page = client.get(reverse("accounts:index"))
        assert page.status_code == 302 and page.url.startswith(LOGIN)
        assert "het_phien=1" in page.url
        assert "_auth_user_id" not in client.session
        notice = client.get(page.url).content.decode()
        assert "Phiên làm việc đã kết thúc vì lâu không dùng" in notice
    assert SignInEvent.objects.filter(kind=SignInEventKind.IDLE_OUT, user=world.commune).exists()


def test_a_member_on_a_phone_keeps_the_session_for_longer(world, client, settings):
    settings.SESSION_IDLE_MINUTES = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(world.member)
    with time_machine.travel(start + datetime.timedelta(hours=8), tick=False):
        assert client.get(reverse("accounts:index")).status_code == 200


def test_an_officer_session_ends_12_hours_after_signing_in_however_busy(world, client, settings):
    settings.OFFICER_SESSION_HOURS = 12
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(world.commune)
    with time_machine.travel(start + datetime.timedelta(hours=11, minutes=59), tick=False):
        assert client.get(reverse("accounts:index")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(hours=12, minutes=1), tick=False):
        page = client.get(reverse("accounts:index"))
        assert page.status_code == 302 and page.url.startswith(LOGIN)


def test_the_sign_in_log_is_purged_with_the_audit_trail(db, world, settings):
    from hocvuso.accounts.signin import record
    from hocvuso.core.management.commands.purge_audit_log import purge

    settings.AUDIT_RETENTION_DAYS = 365
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=400)):
        record(SignInEventKind.FAILED, username="tovien")
    with time_machine.travel(now - datetime.timedelta(days=300)):
        record(SignInEventKind.SIGNED_IN, user=world.member)
    purge(now)
    assert list(SignInEvent.objects.values_list("kind", flat=True)) == [SignInEventKind.SIGNED_IN]


def test_on_postgresql_the_database_itself_refuses_to_change_the_sign_in_log(db):
    from django.db import DatabaseError, connection, transaction

    from hocvuso.accounts.signin import record

    if connection.vendor != "postgresql":
        pytest.skip("the trigger is PostgreSQL's; on SQLite the model refuses")
    someone = make_user("nguoi-thu", UserRole.TEAM_MEMBER)
    record(SignInEventKind.SIGNED_IN, user=someone)
    for sql in [
        "UPDATE accounts_signinevent SET username = 'someone-else'",
        "DELETE FROM accounts_signinevent",
    ]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    # A deleted account's rows keep everything but the link to it.
    someone.delete()
    assert SignInEvent.objects.get(username="nguoi-thu").user is None
