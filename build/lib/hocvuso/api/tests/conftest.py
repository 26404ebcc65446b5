"""Callers of the API: each persona with a token, or with a signed-in session."""

import json

import pytest
from django.test import Client

from hocvuso.api.services import issue_token


class ApiCaller:
    """Calls /api/v1/ as one user; JSON in, status and JSON out."""

    def __init__(self, client: Client, headers: dict | None = None):
        self.client = client
        self.headers = headers or {}

    def _send(self, method, path, data=None, raw=None):
        body = raw if raw is not None else (json.dumps(data) if data is not None else "")
        return getattr(self.client, method)(
            f"/api/v1{path}", body, content_type="application/json", headers=self.headers
        )

    def get(self, path, params=None):
        return self.client.get(f"/api/v1{path}", params or {}, headers=self.headers)

    def post(self, path, data=None, *, raw=None):
        return self._send("post", path, data, raw)

    def patch(self, path, data=None, *, raw=None):
        return self._send("patch", path, data, raw)

    def delete(self, path):
        return self._send("delete", path)


def token_caller(user, name="Điện thoại thử nghiệm") -> ApiCaller:
    _, secret = issue_token(user, name)
    return ApiCaller(Client(), {"Authorization": f"Bearer {secret}"})


@pytest.fixture
def api(world):
    """`api.member.get("/visits")`: each persona of the world, calling with a token."""

    class Callers:
        def __getattr__(self, name):
            caller = token_caller(getattr(world, name))
            setattr(self, name, caller)
            return caller

    return Callers()


@pytest.fixture
def anonymous():
    return ApiCaller(Client())


def session_caller(user, *, csrf=False) -> ApiCaller:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return ApiCaller(client)


def ids(response) -> set[int]:
    body = response.json()
    items = body["items"] if isinstance(body, dict) else body
    return {item["id"] for item in items}


def csrf_token(client: Client) -> str:
    """Give `client` the CSRF cookie a page of the site sets, and return its value."""
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string

    token = _get_new_csrf_string()
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    return token
