"""What every benchmark needs: its own database, Django set up as in production, the machine.

Each script under bench/ makes its own database — a temporary SQLite file by default,
or the database of --database-url, whose name must contain "bench" because it is
dropped and made anew — and never touches db.sqlite3 or the test databases.
"""

import datetime
import io
import os
import platform
import shutil
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def prepare_database(url: str | None, prefix: str = "hocvuso-bench-"):
    """Make the benchmark's empty database; return its URL and a function that removes it."""
    if not url:
        workdir = Path(tempfile.mkdtemp(prefix=prefix))
        return f"sqlite:///{workdir / 'bench.sqlite3'}", lambda: shutil.rmtree(workdir, True)
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    # The database is dropped before and after the run: refuse any name that could be
    # someone's data (db.sqlite3, hocvuso, test_hocvuso…).
    if "bench" not in Path(name).name:
        sys.exit(f"The benchmark drops its database; give one whose name contains 'bench': {name}")
    if parts.scheme.startswith("sqlite"):
        path = Path(parts.path[1:] if parts.path.startswith("//") else parts.path)
        path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return url, lambda: path.unlink(missing_ok=True)
    if not parts.scheme.startswith("postgres"):
        sys.exit(f"Only SQLite and PostgreSQL are supported, not {parts.scheme}")
    import psycopg
    from psycopg import sql

    # CREATE/DROP DATABASE run from the maintenance database, outside a transaction.
    admin = parts._replace(scheme="postgresql", path="/postgres").geturl()

    def run(statement):
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(statement.format(sql.Identifier(name)))

    run(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"))
    run(sql.SQL("CREATE DATABASE {}"))
    return url, lambda: run(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)"))


def setup_django(url: str, **environment: str):
    """Django on `url` with DEBUG off, as in production, plus the given variables."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "hocvuso.settings"
    # With DEBUG on, Django formats and keeps every query, which would be timed too.
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.update(environment)
    import django

    django.setup()


def end_run(url: str, remove, keep: bool = False) -> None:
    """At the end of a run: Django's connections closed, then the database removed by
    `remove` (from `prepare_database`), or, with `keep`, kept and its URL said."""
    from django.db import connections

    connections.close_all()
    if keep:
        print(f"\nThe database is kept: {url}")
    else:
        remove()


def timed(fn, repeat: int) -> tuple[object, list[float]]:
    """Run fn once to warm up (caches, templates), then `repeat` timed times: its last
    result and the seconds of each timed run."""
    result = fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return result, times


def migrate():
    from django.core.management import call_command

    with redirect_stdout(io.StringIO()):
        call_command("migrate", verbosity=0, interactive=False)


def load_demo_commune():
    """Migrate, then build the demo commune; return what load_demo returns."""
    from hocvuso.demo.builder import load_demo

    migrate()
    with redirect_stdout(io.StringIO()):
        return load_demo()


def load_average(when: str = "now") -> str:
    """Other work on the machine slows every measure: say how busy it was."""
    one, five, _ = os.getloadavg()
    return f"busy      load average {when}: {one:.1f} (1 min), {five:.1f} (5 min)"


def machine(*extra: str) -> list[str]:
    """The lines that say where a figure was measured: date, CPU, software, load."""
    import django
    from django.db import connection

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    software = ", ".join(
        [f"Python {platform.python_version()}", f"Django {django.get_version()}", database, *extra]
    )
    return [
        f"date      {datetime.date.today():%Y-%m-%d}",
        f"machine   {os.cpu_count()} CPUs (nproc), {cpu}",
        f"software  {software}",
        load_average("at the start"),
    ]
