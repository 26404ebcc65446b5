"""`make prod-check`: hocvuso under gunicorn with production settings, then deploy/smoke.py.

    .venv/bin/python deploy/prod_check.py [--database-url postgres://…/hocvuso_prodcheck]

Follows docs/deploy.md's first installation on a database it makes and drops (its name must
contain "prodcheck"), owned by a role of the same name that is no superuser: `migrate`, `collectstatic` into a temporary STATIC_ROOT, `load_demo`,
then gunicorn started as the systemd unit starts it (`-c python:hocvuso.gunicorn_conf`) and the
tasks worker as its unit does (`hocvuso worker`; every export goes through it here), with
DEBUG=false, a new SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_PROXY_SSL_HEADER and the second
factor required. The smoke test talks to it as the proxy would. Exits non-zero, saying why,
on any failure; stops gunicorn and drops the database in every case.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/hocvuso_prodcheck"


def database(url: str):
    """Make the empty database, owned by a role of the same name that is no superuser (as
    docs/deploy.md makes them); return the URL to reach it as that role, and a function that
    drops both. `url` names the database and reaches the server as a role that may make them."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "prodcheck" not in name:
        sys.exit(f"prod-check drops its database; give one whose name holds 'prodcheck': {name}")
    import psycopg
    from psycopg import sql

    admin = parts._replace(scheme="postgresql", path="/postgres").geturl()
    password = secrets.token_urlsafe(24)

    def run(*statements):
        with psycopg.connect(admin, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement.format(name=sql.Identifier(name), password=password))

    drop_both = (
        sql.SQL("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        sql.SQL("DROP ROLE IF EXISTS {name}"),
    )
    run(*drop_both)
    run(
        sql.SQL("CREATE ROLE {name} LOGIN PASSWORD {password}"),
        sql.SQL("CREATE DATABASE {name} OWNER {name}"),
    )
    host = parts.hostname or "127.0.0.1"
    app_url = f"postgres://{name}:{password}@{host}:{parts.port or 5432}/{name}"
    return app_url, lambda: run(*drop_both)


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


def check_json_log(base: str, log: Path):
    """A page that is not there is logged by django.request as one JSON line carrying the
    request id the proxy sent, which gunicorn's access line and the response carry too."""
    rid = "prodcheck-" + secrets.token_hex(8)
    request = urllib.request.Request(
        base + "/khong-co-trang-nay/", headers={"X-Forwarded-Proto": "https", "X-Request-ID": rid}
    )
    try:
        urllib.request.urlopen(request, timeout=10)
        sys.exit("FAIL a page that is not there answered 200")
    except urllib.error.HTTPError as error:
        if error.code != 404 or error.headers.get("X-Request-ID") != rid:
            sys.exit(f"FAIL {error.code}, X-Request-ID {error.headers.get('X-Request-ID')!r}")
    # gunicorn's processes write their lines as they come; give them a moment.
    logged = accessed = False
    for _ in range(50):
        lines = log.read_text().splitlines()
        entries = [json.loads(line) for line in lines if line.startswith("{")]
        logged = any(
            e.get("request_id") == rid and e["logger"] == "django.request" for e in entries
        )
        accessed = any(rid in line and '" 404 ' in line for line in lines)
        if logged and accessed:
            return
        time.sleep(0.1)
    if not logged:
        sys.exit(f"FAIL no JSON line of django.request with request_id {rid} in gunicorn's log")
    sys.exit(f"FAIL gunicorn's access log has no line with {rid}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="hocvuso-prodcheck-"))
    app_url, drop = database(args.database_url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hocvuso.settings",
        "DATABASE_URL": app_url,
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
        # Every export goes through the worker, however small.
        "EXPORT_DIRECT_LIMIT": "0",
        "PYTHONPATH": str(ROOT),
    }
    server = worker = None
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
        # The worker, as hocvuso-worker.service starts it.
        worker = subprocess.Popen(
            [*manage, "worker"],
            env=env,
            cwd=workdir,
            stdout=(workdir / "worker.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz", server)
        print(f"ok  gunicorn answers on {base}, the worker runs")
        smoke = subprocess.run([str(BIN / "python"), str(ROOT / "deploy" / "smoke.py"), base])
        if smoke.returncode:
            for name in ("gunicorn.log", "worker.log"):
                print(f"--- {name}", (workdir / name).read_text()[-4000:], file=sys.stderr)
            sys.exit("FAIL the smoke test (above); gunicorn's and the worker's logs before it")
        if worker.poll() is not None:
            sys.exit(f"FAIL the worker stopped (exit {worker.returncode})")
        check_json_log(base, workdir / "gunicorn.log")
        print("ok  LOG_FORMAT=json: a 404's log line is JSON with the proxy's request id")
    finally:
        for process in (server, worker):
            if process is None:
                continue
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        drop()
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"prod-check passed in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
