import datetime

import pytest
import time_machine
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.test import Client
from django.utils import timezone

from hocvuso.api.models import ApiToken
from hocvuso.api.services import hash_secret, issue_token, revoke_token

from .conftest import ApiCaller, csrf_token, session_caller, token_caller


def test_a_token_is_issued_with_a_secret_that_is_kept_only_as_a_hash(world):
    token, secret = issue_token(world.member, "Điện thoại của Lan")
    assert secret.startswith("hvs_") and len(secret) > 40
    assert token.prefix == secret[:10]
    assert token.hashed == hash_secret(secret) and secret not in token.hashed
    assert not ApiToken.objects.filter(hashed=secret).exists()
    entry = LogEntry.objects.get_for_object(token).get()
    assert entry.actor == world.member and "hashed" not in entry.changes_dict


def test_the_audit_trail_never_keeps_the_hash():
    fields = auditlog.get_model_fields(ApiToken)
    assert auditlog.contains(ApiToken) and "hashed" in fields["exclude_fields"]


def test_a_token_needs_a_name(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        issue_token(world.member, "   ")
    assert "name" in error.value.message_dict


def test_the_lifecycle_issue_use_revoke(world):
    token, secret = issue_token(world.member, "Điện thoại của Lan")
    caller = ApiCaller(Client(), {"Authorization": f"Bearer {secret}"})
    assert token.last_used_at is None

    assert caller.get("/me").json()["username"] == "tovien"
    token.refresh_from_db()
    assert token.last_used_at is not None

    revoke_token(token, world.member)
    response = caller.get("/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Mã truy cập này đã bị thu hồi."}
    entry = LogEntry.objects.get_for_object(token).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == world.member and "revoked_at" in entry.changes_dict


def test_last_used_is_written_at_most_once_a_minute(world):
    token, secret = issue_token(world.member, "Điện thoại")
    caller = ApiCaller(Client(), {"Authorization": f"Bearer {secret}"})
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        caller.get("/me")
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        caller.get("/me")
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + datetime.timedelta(minutes=2), tick=False):
        caller.get("/me")
    token.refresh_from_db()
    assert token.last_used_at == start + datetime.timedelta(minutes=2)


def test_only_the_owner_or_an_administrator_revokes(world):
    from django.core.exceptions import PermissionDenied

    token, _ = issue_token(world.member, "Điện thoại")
    with pytest.raises(PermissionDenied):
        revoke_token(token, world.leader)
    revoke_token(token, world.admin)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_the_signed_in_page_creates_a_token_with_its_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member)
    caller = ApiCaller(client, {"X-CSRFToken": csrf_token(client)})
    response = caller.post("/tokens", {"name": "Điện thoại của Lan"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Điện thoại của Lan" and body["secret"].startswith(body["prefix"])
    phone = ApiCaller(Client(), {"Authorization": f"Bearer {body['secret']}"})
    assert phone.get("/me").json()["username"] == "tovien"


def test_creating_a_token_without_the_csrf_token_is_refused(world):
    caller = session_caller(world.member, csrf=True)
    response = caller.post("/tokens", {"name": "Điện thoại"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not ApiToken.objects.exists()


def test_a_token_cannot_create_another_token(world):
    response = token_caller(world.member).post("/tokens", {"name": "Thêm một mã"})
    assert response.status_code == 401
    assert ApiToken.objects.count() == 1


def test_anonymous_cannot_create_a_token(anonymous):
    assert anonymous.post("/tokens", {"name": "Mã"}).status_code == 401


def test_a_token_name_is_required(world):
    caller = session_caller(world.member)
    response = caller.post("/tokens", {"name": ""})
    assert response.status_code == 422
    assert "name" in response.json()["errors"]


def test_a_user_lists_only_their_own_tokens(world):
    issue_token(world.leader, "Máy của tổ trưởng")
    caller = token_caller(world.member, "Điện thoại của Lan")
    issue_token(world.member, "Máy tính bảng")
    names = {t["name"] for t in caller.get("/tokens").json()}
    assert names == {"Điện thoại của Lan", "Máy tính bảng"}
    assert all("secret" not in t and "hashed" not in t for t in caller.get("/tokens").json())


def test_a_user_revokes_their_own_token_through_the_api(world):
    tablet, tablet_secret = issue_token(world.member, "Máy tính bảng")
    caller = token_caller(world.member)
    assert caller.delete(f"/tokens/{tablet.pk}").status_code == 204
    tablet.refresh_from_db()
    assert tablet.revoked_at is not None
    gone = ApiCaller(Client(), {"Authorization": f"Bearer {tablet_secret}"})
    assert gone.get("/visits").status_code == 401
    # Revoking twice changes nothing.
    revoked_at = tablet.revoked_at
    assert caller.delete(f"/tokens/{tablet.pk}").status_code == 204
    tablet.refresh_from_db()
    assert tablet.revoked_at == revoked_at


def test_someone_elses_token_is_not_found(world):
    theirs, _ = issue_token(world.leader, "Máy của tổ trưởng")
    assert token_caller(world.member).delete(f"/tokens/{theirs.pk}").status_code == 404
    assert token_caller(world.commune).delete(f"/tokens/{theirs.pk}").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_a_token_of_a_deactivated_user_no_longer_works(world):
    caller = token_caller(world.member)
    world.member.is_active = False
    world.member.save()
    assert caller.get("/me").status_code == 401


class TestAdmin:
    def test_an_officer_sees_only_their_own_tokens(self, world, client):
        issue_token(world.commune, "Máy tính của xã")
        issue_token(world.city, "Máy của Sở")
        client.force_login(world.commune)
        page = client.get("/quan-tri/api/apitoken/")
        assert page.status_code == 200
        assert "Máy tính của xã" in page.text and "Máy của Sở" not in page.text

    def test_an_administrator_sees_every_token(self, world, client):
        issue_token(world.commune, "Máy tính của xã")
        issue_token(world.city, "Máy của Sở")
        client.force_login(world.admin)
        page = client.get("/quan-tri/api/apitoken/")
        assert "Máy tính của xã" in page.text and "Máy của Sở" in page.text

    def test_an_officer_cannot_open_someone_elses_token(self, world, client):
        theirs, _ = issue_token(world.city, "Máy của Sở")
        client.force_login(world.commune)
        page = client.get(f"/quan-tri/api/apitoken/{theirs.pk}/change/")
        assert page.status_code in (302, 403, 404)
        assert "Máy của Sở" not in page.text

    def test_adding_a_token_shows_its_secret_once(self, world, client):
        client.force_login(world.commune)
        page = client.post("/quan-tri/api/apitoken/add/", {"name": "Máy tính của xã"}, follow=True)
        assert page.status_code == 200
        token = ApiToken.objects.get()
        assert token.user == world.commune and token.name == "Máy tính của xã"
        shown = [str(m) for m in page.context["messages"]]
        assert any(token.prefix in m and "chỉ hiện một lần" in m for m in shown)
        secret = next(word for m in shown for word in m.split() if word.startswith("hvs_"))
        assert hash_secret(secret) == token.hashed

    def test_the_revoke_action_revokes_only_what_the_user_may(self, world, client):
        mine, _ = issue_token(world.commune, "Máy tính của xã")
        client.force_login(world.commune)
        client.post(
            "/quan-tri/api/apitoken/",
            {"action": "revoke", "_selected_action": [mine.pk]},
        )
        mine.refresh_from_db()
        assert mine.revoked_at is not None

    def test_a_member_without_the_admin_cannot_reach_it(self, world, client):
        client.force_login(world.member)
        assert client.get("/quan-tri/api/apitoken/").status_code == 302


def test_a_token_expires_after_api_token_days(world, client, settings):
    settings.API_TOKEN_DAYS = 30
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token, secret = issue_token(world.member, "Điện thoại của Lan")
    assert token.expires_at == start + datetime.timedelta(days=30)
    caller = ApiCaller(client, {"Authorization": f"Bearer {secret}"})
    with time_machine.travel(start + datetime.timedelta(days=29), tick=False):
        assert caller.get("/me").status_code == 200
        listed = caller.get("/tokens").json()
        assert listed[0]["expires_at"].startswith(
            timezone.localtime(token.expires_at).strftime("%Y-%m-%d")
        )
    with time_machine.travel(start + datetime.timedelta(days=30, seconds=1), tick=False):
        answer = caller.get("/me")
    assert answer.status_code == 401
    assert answer.json()["detail"] == (
        "Mã truy cập này đã hết hạn. Hãy tạo mã mới ở trang Tài khoản."
    )
