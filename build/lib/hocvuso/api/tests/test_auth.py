"""Who may call: a token, or the signed-in session with its CSRF token; nobody else."""

import uuid

import pytest
from django.test import Client

from hocvuso.api.services import issue_token, revoke_token
from hocvuso.support.models import SupportVisit

from .conftest import ApiCaller, csrf_token, session_caller, token_caller

EVERY_ENDPOINT = [
    ("get", "/visits"),
    ("post", "/visits"),
    ("get", "/visits/today"),
    ("get", "/visits/1"),
    ("patch", "/visits/1"),
    ("delete", "/visits/1"),
    ("get", "/activities"),
    ("post", "/activities"),
    ("get", "/classes"),
    ("post", "/classes"),
    ("get", "/zalo-groups"),
    ("patch", "/zalo-groups/1"),
    ("get", "/teams"),
    ("get", "/units"),
    ("get", "/services"),
    ("get", "/me"),
    ("get", "/tokens"),
    ("post", "/tokens"),
    ("delete", "/tokens/1"),
]


def _call(caller, method, path):
    if method == "get":
        return caller.get(path)
    if method == "delete":
        return caller.delete(path)
    return getattr(caller, method)(path, {})


@pytest.mark.parametrize("method,path", EVERY_ENDPOINT)
def test_anonymous_is_asked_to_sign_in(world, method, path):
    response = _call(ApiCaller(Client(enforce_csrf_checks=True)), method, path)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Cần đăng nhập")
    assert response["WWW-Authenticate"].startswith("Bearer")


# Creating a token takes the session only, so a token is not even looked at there.
TOKEN_ENDPOINTS = [endpoint for endpoint in EVERY_ENDPOINT if endpoint != ("post", "/tokens")]


@pytest.mark.parametrize("method,path", TOKEN_ENDPOINTS)
def test_a_revoked_token_is_refused(world, method, path):
    token, secret = issue_token(world.member, "Điện thoại cũ")
    revoke_token(token, world.member)
    response = _call(ApiCaller(Client(), {"Authorization": f"Bearer {secret}"}), method, path)
    assert response.status_code == 401
    assert response.json()["detail"] == "Mã truy cập này đã bị thu hồi."


@pytest.mark.parametrize(
    "header",
    ["Bearer hvs_khong-dung", "Bearer ", "Bearer " + "x" * 5000, "Bearer hvs_\u0000"],
)
def test_a_wrong_token_is_refused(world, header):
    response = ApiCaller(Client(), {"Authorization": header}).get("/visits")
    assert response.status_code == 401


def test_another_scheme_is_not_a_token(world):
    response = ApiCaller(Client(), {"Authorization": "Basic dG92aWVuOm1rCg=="}).get("/visits")
    assert response.status_code == 401


def test_a_token_needs_no_csrf_token(world):
    _, secret = issue_token(world.member, "Điện thoại")
    caller = ApiCaller(Client(enforce_csrf_checks=True), {"Authorization": f"Bearer {secret}"})
    response = caller.post("/visits", {"client_key": str(uuid.uuid4()), "services": ["other"]})
    assert response.status_code == 201


def test_the_session_reads_without_a_csrf_token(world):
    caller = session_caller(world.member, csrf=True)
    assert caller.get("/visits").status_code == 200
    assert caller.get("/me").json()["username"] == "tovien"


def test_the_session_writes_only_with_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member)
    body = {"client_key": str(uuid.uuid4()), "services": ["other"]}

    refused = ApiCaller(client).post("/visits", body)
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert not SupportVisit.objects.filter(client_key=body["client_key"]).exists()

    with_token = ApiCaller(client, {"X-CSRFToken": csrf_token(client)})
    assert with_token.post("/visits", body).status_code == 201
    for method, path in [("patch", "/visits/1"), ("delete", "/visits/1")]:
        assert getattr(ApiCaller(client), method)(path).status_code == 403


def test_a_wrong_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member)
    csrf_token(client)
    caller = ApiCaller(client, {"X-CSRFToken": "x" * 32})
    assert caller.post("/activities", {"channel": "zalo", "title": "Nhắn tin"}).status_code == 403


def test_a_token_wins_over_the_session(world):
    client = Client()
    client.force_login(world.commune)
    _, secret = issue_token(world.member, "Điện thoại")
    caller = ApiCaller(client, {"Authorization": f"Bearer {secret}"})
    assert caller.get("/me").json()["username"] == "tovien"


def test_a_user_without_a_role_in_the_data_sees_nothing(world):
    from hocvuso.accounts.models import User, UserRole

    lost = User.objects.create_user("khongto", password="x", role=UserRole.TEAM_MEMBER)
    caller = token_caller(lost)
    assert caller.get("/visits").json()["count"] == 0
    assert caller.get("/teams").json() == []
    assert caller.get("/units").json() == []
    response = caller.post("/visits", {"client_key": str(uuid.uuid4()), "services": ["other"]})
    assert response.status_code == 422
