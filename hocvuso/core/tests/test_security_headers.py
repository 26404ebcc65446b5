"""Every page answers with the browser's protections: Content-Security-Policy, no framing,
no content sniffing, a same-origin Referrer-Policy; an unknown Host is refused; the session
cookie is out of scripts' reach; a session-signed API call without its CSRF token is refused."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from hocvuso.testing import World

from .test_deploy_settings import production_env, settings_with

# A value for each kind of path converter; the object rarely exists, which is as good:
# a 404 or a 403 must carry the headers too.
SAMPLES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def every_path(patterns=None, prefix="") -> list[str]:
    """The path of every URL pattern of the project, with sample values for its parameters."""
    paths = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            paths += every_path(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            paths.append("/" + sample_path(prefix + route))
    return sorted(set(paths))


def sample_path(route: str) -> str:
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES[m.group(1) or "str"], route)
    # The admin's regular expressions: only the plain parts matter here.
    route = route.replace("^", "").replace("$", "").replace("\\Z", "")
    return re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)


def assert_protected(response, path: str):
    policy = response.get("Content-Security-Policy", "")
    assert "default-src 'self'" in policy, path
    assert "frame-ancestors 'none'" in policy, path
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, path
    assert response.get("X-Frame-Options") == "DENY", path
    assert response.get("X-Content-Type-Options") == "nosniff", path
    assert response.get("Referrer-Policy") == "same-origin", path


def test_every_page_carries_the_security_headers(client, world: World):
    client.force_login(world.admin)
    client.raise_request_exception = False
    paths = every_path()
    assert "/healthz" in paths and "/quan-tri/" in paths and "/ghi/" in paths
    for path in paths:
        response = client.get(path)
        assert_protected(response, path)


def test_the_pages_a_visitor_sees_carry_them_too(client, db):
    for path in ("/dang-nhap/", "/healthz", "/khong-co-trang-nay/", "/sw.js"):
        assert_protected(client.get(path), path)


def test_the_policy_names_each_source_the_pages_need(client, db):
    policy = dict(
        part.strip().split(" ", 1)
        for part in client.get("/dang-nhap/")["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["object-src"] == "'none'"
    for directive in ("connect-src", "worker-src", "form-action", "base-uri"):
        assert policy[directive] == "'self'", directive


def test_an_unknown_host_is_refused(client, db):
    response = client.get("/dang-nhap/", HTTP_HOST="evil.example")
    assert response.status_code == 400


PASSWORD = "mật khẩu đủ dài để thử"


def sign_in(client, world: World, secure=False):
    world.commune.set_password(PASSWORD)
    world.commune.save()
    page = client.get("/dang-nhap/", secure=secure)
    response = client.post(
        "/dang-nhap/", {"username": "xachiminh", "password": PASSWORD}, secure=secure
    )
    assert response.status_code == 302
    return page, response


def test_the_session_cookie_is_out_of_reach_of_scripts_and_other_sites(client, world: World):
    _, response = sign_in(client, world)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert not cookie["domain"]


@pytest.fixture
def production_cookies(monkeypatch):
    """The cookie settings of production (DEBUG=false, tests/test_deploy_settings.py)."""
    production = settings_with(monkeypatch, production_env())
    names = [name for name in production if name.startswith(("SESSION_COOKIE_", "CSRF_COOKIE_"))]
    with override_settings(**{name: production[name] for name in names}):
        yield


def test_over_https_the_cookies_are_secure_host_only_cookies(world: World, production_cookies):
    page, response = sign_in(Client(), world, secure=True)
    csrf = page.cookies["__Host-csrftoken"]
    session = response.cookies["__Host-sessionid"]
    for cookie in (csrf, session):
        # What the browser demands of a __Host- cookie: Secure, Path=/, no Domain.
        assert cookie["secure"] is True and cookie["path"] == "/" and not cookie["domain"]
    assert session["httponly"] is True and session["samesite"] == "Lax"


@pytest.mark.parametrize("secure", [False, True])
def test_a_session_api_call_without_its_csrf_token_is_refused(world: World, secure):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member)
    response = client.post("/api/v1/visits", {}, content_type="application/json", secure=secure)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]  # not a 422 for the empty visit
