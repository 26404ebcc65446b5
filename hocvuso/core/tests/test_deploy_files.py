"""The files of deploy/ that docs/deploy.md installs are checked by the programs that read them:
systemd's units, nginx's and Caddy's sites, compose.yaml, the environment file; their commands
are commands of the project. deploy/smoke.py's TOTP codes are those django-otp accepts."""

import importlib.util
import os
import re
import shlex
import subprocess
import sys
from base64 import b32encode
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import get_commands
from django_otp.oath import TOTP

from hocvuso.core.tests.test_deploy_settings import settings_with
from hocvuso.test_tools import require_tool

ROOT = settings.BASE_DIR
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
# Where docs/deploy.md installs the virtualenv, and where this one is.
SERVER_VENV = "/opt/hocvuso/venv/bin/"
VENV = Path(sys.executable).parent


def exec_start(unit: Path) -> list[str]:
    (line,) = re.findall(r"^ExecStart=(.+)$", unit.read_text(), re.MULTILINE)
    return shlex.split(line)


def test_there_are_units_for_the_web_server_and_the_worker():
    assert [unit.name for unit in UNITS] == ["hocvuso-web.service", "hocvuso-worker.service"]
    for unit in UNITS:
        assert exec_start(unit)[0].startswith(SERVER_VENV), unit.name


@pytest.mark.system
def test_the_web_units_gunicorn_command_loads_the_site():
    command = exec_start(DEPLOY / "systemd" / "hocvuso-web.service")
    assert command[0] == SERVER_VENV + "gunicorn"
    result = subprocess.run(
        [str(VENV / "gunicorn"), *command[1:], "--check-config"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_units_hocvuso_commands_are_commands_of_the_project():
    for unit in UNITS:
        command = exec_start(unit)
        if command[0] != SERVER_VENV + "hocvuso":
            continue
        if command[1] == "db_worker" and "db_worker" not in get_commands():
            pytest.skip("db_worker comes with django-tasks (the tasks branch)")
        assert command[1] in get_commands(), f"{unit.name}: no command {command[1]}"


@pytest.mark.system
def test_systemd_accepts_the_units(tmp_path):
    analyze = require_tool("systemd-analyze")
    for unit in UNITS:
        # This virtualenv and environment file in place of the server's, which systemd
        # checks exist.
        text = unit.read_text().replace(SERVER_VENV, f"{VENV}/")
        text = text.replace("/etc/hocvuso/hocvuso.env", str(DEPLOY / "hocvuso.env"))
        (tmp_path / unit.name).write_text(text)
        result = subprocess.run(
            [analyze, "verify", str(tmp_path / unit.name)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.system
def test_nginx_accepts_the_site_which_forwards_as_the_settings_expect(tmp_path):
    nginx = require_tool("nginx")
    openssl = require_tool("openssl")
    site = (DEPLOY / "nginx" / "hocvuso.conf").read_text()
    assert "proxy_set_header X-Forwarded-Proto https;" in site
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in site
    limit = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    assert limit * 1024 * 1024 > settings.IMPORT_MAX_UPLOAD_BYTES
    assert "server 127.0.0.1:8000;" in site
    assert "--bind 127.0.0.1:8000" in (DEPLOY / "systemd" / "hocvuso-web.service").read_text()
    # A throw-away certificate in place of the site's.
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=hocvuso.example.gov.vn", "-keyout", "key.pem", "-out", "cert.pem"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    live = "/etc/letsencrypt/live/hocvuso.example.gov.vn/"
    site = site.replace(live + "fullchain.pem", str(tmp_path / "cert.pem"))
    (tmp_path / "site.conf").write_text(
        site.replace(live + "privkey.pem", str(tmp_path / "key.pem"))
    )
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n    include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.system
def test_caddy_accepts_its_site(tmp_path):
    caddy = require_tool("caddy")
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    env["XDG_CONFIG_HOME"] = str(tmp_path)
    result = subprocess.run(
        [caddy, "validate", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "max_size 12MB" in (DEPLOY / "Caddyfile").read_text()


@pytest.mark.system
def test_compose_accepts_compose_yaml_and_asks_for_the_secrets():
    docker_compose = require_tool("docker-compose")
    compose = [docker_compose, "-f", str(ROOT / "compose.yaml"), "--profile", "caddy"]
    env = {**os.environ, "SECRET_KEY": "x" * 50, "POSTGRES_PASSWORD": "y" * 20}
    services = subprocess.run(
        [*compose, "config", "--services"], env=env, capture_output=True, text=True, timeout=60
    )
    assert services.returncode == 0, services.stderr
    assert set(services.stdout.split()) == {"migrate", "web", "worker", "db", "caddy"}
    del env["SECRET_KEY"]
    refused = subprocess.run([*compose, "config", "-q"], env=env, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "set SECRET_KEY" in refused.stderr


def environment_file() -> dict[str, str]:
    """The variables as a shell that sources the file sees them (docs/deploy.md does so)."""
    shown = subprocess.run(
        ["sh", "-c", 'set -a; . "$1"; env -0', "sh", str(DEPLOY / "hocvuso.env")],
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = re.findall(r"^([A-Z_]+)=", (DEPLOY / "hocvuso.env").read_text(), re.MULTILINE)
    found = dict(pair.split("=", 1) for pair in shown.split("\0") if "=" in pair)
    return {name: found[name] for name in names}


@pytest.mark.system
def test_every_variable_of_the_environment_file_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name in environment_file():
        assert f"`{name}`" in readme, name


@pytest.mark.system
def test_the_environment_file_gives_production_settings(monkeypatch):
    env = {**environment_file(), "SECRET_KEY": "z" * 50}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    production = settings_with(monkeypatch, env)
    assert production["DEBUG"] is False
    assert production["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production["TRUSTED_PROXY_COUNT"] == 1
    assert production["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert str(production["PRIVATE_MEDIA_ROOT"]).startswith("/var/lib/hocvuso/")
    assert production["DEFAULT_FROM_EMAIL"] == "hocvuso <no-reply@hocvuso.example.gov.vn>"


def test_the_smoke_tests_codes_are_those_the_second_factor_accepts():
    spec = importlib.util.spec_from_file_location("smoke", DEPLOY / "smoke.py")
    smoke = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(smoke)
    key = bytes(range(20))
    for moment in (59, 1_111_111_109, 2_000_000_000):
        expected = TOTP(key, t0=0, step=30, digits=6)
        expected.time = moment
        assert smoke.totp(b32encode(key).decode(), at=moment) == f"{expected.token():06d}"


def test_every_static_file_a_template_names_exists():
    # In production (manifest storage) a name missing from collectstatic's manifest is a 500;
    # with DEBUG, as the tests run, it would pass unseen.
    named = set()
    for template in (ROOT / "hocvuso").rglob("templates/**/*"):
        if template.is_file():
            named |= set(re.findall(r"{% static ['\"]([^'\"]+)['\"]", template.read_text()))
    assert len(named) >= 10
    assert not {name for name in named if finders.find(name) is None}
