"""`make prod-check`: hocvuso under gunicorn with production settings, then deploy/smoke.py.

    .venv/bin/python deploy/prod_check.py [--database-url postgres://…/hocvuso_prodcheck]

Follows docs/deploy.md's first installation on a database it makes and drops (its name must
contain "prodcheck"): `migrate`, `collectstatic` into a temporary STATIC_ROOT, `load_demo`,
then gunicorn started as the systemd unit starts it (`-c python:hocvuso.gunicorn_conf`), with
DEBUG=false, a new SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_PROXY_SSL_HEADER and the second
factor required. The smoke test talks to it as the proxy would. Exits non-zero, saying why,
on any failure; stops gunicorn and drops the database in every case.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/hocvuso_prodcheck"


def database(url: str):
    """Make the empty database; return a function that drops it."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "prodcheck" not in name:
        sys.exit(f"prod-check drops its database; give one whose name holds 'prodcheck': {name}")
    import psycopg
    from psycopg import sql

    admin = parts._replace(scheme="postgresql", path="/postgres").geturl()

    def run(statement):
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(statement.format(sql.Identifier(name)))

    run(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"))
    run(sql.SQL("CREATE DATABASE {}"))
    return lambda: run(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def step(what: str, command: list[str], env: dict):
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(
            f"FAIL {what}: {' '.join(command)}\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    print(f"ok  {what} ({time.perf_counter() - started:.1f} s)")


def wait_for(url: str, server: subprocess.Popen, seconds: float = 30):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if server.poll() is not None:
            sys.exit(f"FAIL gunicorn stopped (exit {server.returncode}) before answering")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"FAIL gunicorn did not answer {url} within {seconds:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="hocvuso-prodcheck-"))
    drop = database(args.database_url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hocvuso.settings",
        "DATABASE_URL": args.database_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "OTP_REQUIRED": "true",
        "LOG_FORMAT": "json",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private-media"),
        "EXPORT_ROOT": str(workdir / "exports"),
        "PYTHONPATH": str(ROOT),
    }
    server = None
    try:
        manage = [str(BIN / "python"), "-m", "hocvuso"]
        step("migrate", [*manage, "migrate", "--noinput"], env)
        step("collectstatic", [*manage, "collectstatic", "--noinput"], env)
        step("load_demo", [*manage, "load_demo"], env)
        port = free_port()
        log = (workdir / "gunicorn.log").open("w")
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "-c",
                "python:hocvuso.gunicorn_conf",
                "--bind",
                f"127.0.0.1:{port}",
                "hocvuso.wsgi",
            ],
            env=env,
            cwd=workdir,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz", server)
        print(f"ok  gunicorn answers on {base}")
        smoke = subprocess.run([str(BIN / "python"), str(ROOT / "deploy" / "smoke.py"), base])
        if smoke.returncode:
            print((workdir / "gunicorn.log").read_text()[-4000:], file=sys.stderr)
            sys.exit("FAIL the smoke test (above); gunicorn's log before it")
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        drop()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"prod-check passed in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
