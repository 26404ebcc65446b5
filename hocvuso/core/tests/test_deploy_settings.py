"""Production settings (DEBUG=false) pass Django's deployment checklist and fail loudly
without a secret key; development keeps working over plain HTTP."""

import os
import runpy
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from hocvuso.core.env import EnvError

SETTINGS_FILE = settings.BASE_DIR / "hocvuso" / "settings.py"
# The variables these tests set; any other the machine has set is left out.
OURS = (
    "DEBUG",
    "SECRET_KEY",
    "SECRET_KEY_FALLBACKS",
    "ALLOWED_HOSTS",
    "SECURE_COOKIES",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "CSP_REPORT_ONLY",
    "LOG_FORMAT",
)


def production_env(**extra) -> dict[str, str]:
    # Not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE either, which the check rightly refuses.
    leave_out = {*OURS, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {name: value for name, value in os.environ.items() if name not in leave_out}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="hocvuso.example.gov.vn",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )
    env.update(extra)
    return env


def settings_with(monkeypatch, env: dict[str, str]) -> dict:
    for name in OURS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        if name in OURS:
            monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


@pytest.mark.system
def test_the_deployment_checklist_passes_on_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_without_a_secret_key_refuse_to_load(monkeypatch):
    env = production_env()
    del env["SECRET_KEY"]
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        settings_with(monkeypatch, env)


def test_production_settings_send_everything_over_https(monkeypatch):
    production = settings_with(monkeypatch, production_env())
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is False
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    # __Host- cookies must have no Domain and the path /.
    assert production.get("SESSION_COOKIE_DOMAIN") is None
    assert production.get("CSRF_COOKIE_DOMAIN") is None


def test_development_settings_keep_working_over_plain_http(monkeypatch):
    development = settings_with(monkeypatch, {})
    assert development["DEBUG"] is True
    assert development["SECURE_SSL_REDIRECT"] is False
    assert development["SECURE_HSTS_SECONDS"] == 0
    assert development.get("SESSION_COOKIE_NAME", "sessionid") == "sessionid"
    assert development.get("CSRF_COOKIE_NAME", "csrftoken") == "csrftoken"


def test_an_old_secret_key_is_kept_as_a_fallback_while_it_is_rotated(monkeypatch):
    old = secrets.token_urlsafe(50)
    production = settings_with(monkeypatch, production_env(SECRET_KEY_FALLBACKS=old))
    assert production["SECRET_KEY_FALLBACKS"] == [old]


def test_the_policy_can_be_sent_as_report_only(monkeypatch):
    production = settings_with(monkeypatch, production_env(CSP_REPORT_ONLY="true"))
    assert "CONTENT_SECURITY_POLICY" not in production
    assert production["CONTENT_SECURITY_POLICY_REPORT_ONLY"]["DIRECTIVES"]["default-src"]


def test_production_serves_static_files_under_hashed_names_through_whitenoise(monkeypatch):
    production = settings_with(monkeypatch, production_env())
    assert production["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    middleware = production["MIDDLEWARE"]
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        middleware.index("django.middleware.security.SecurityMiddleware") + 1
    )


def test_development_serves_static_files_under_their_own_names(monkeypatch):
    development = settings_with(monkeypatch, {})
    assert development["STORAGES"]["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def test_logs_are_plain_unless_json_is_asked_for(monkeypatch):
    assert settings_with(monkeypatch, {})["LOGGING"]["handlers"]["console"]["formatter"] == "plain"
    json_logs = settings_with(monkeypatch, {"LOG_FORMAT": "json"})
    assert json_logs["LOGGING"]["handlers"]["console"]["formatter"] == "json"


def test_an_unknown_log_format_stops_the_program(monkeypatch):
    with pytest.raises(EnvError, match="LOG_FORMAT"):
        settings_with(monkeypatch, {"LOG_FORMAT": "xml"})
