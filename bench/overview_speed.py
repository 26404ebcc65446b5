"""How fast is the overview of a busy commune, and does its Excel export keep its memory flat?

    .venv/bin/python bench/overview_speed.py [--visits 200000 1000000] [--database-url URL]

The script makes its own database — a temporary SQLite file by default, or the database
of --database-url, whose name must contain "bench" because it is dropped and made anew
(for PostgreSQL: postgres://postgres@127.0.0.1:5432/hocvuso_bench) — and never touches
db.sqlite3 or the test databases. It migrates, loads the demo commune (xã Chí Minh) and
adds synthetic support visits, spread over 2025 and 2026 up to 31/05/2026, until the
commune holds each of the --visits sizes. At each size it measures:

  (a) the overview page (/tong-quan/?ngay=2026-05-31) as the commune officer gets it:
      Django's test Client, one warm-up request, then --repeat timed ones (median, min),
      and the number of its queries, which must not grow with the visits;
  (b) the Excel export of every visit of the commune, run as the background job runs it
      (`hocvuso.overview.jobs.run_export`), in a child process of its own so that its
      peak memory is the export's alone: its time (wall clock, and the CPU time of the
      process, which the machine's other work does not lengthen), its rows, its file,
      and the peak resident memory of the process during the export (VmHWM, Linux)
      beside its resident memory just before.

The goals: the export's memory stays flat from 200,000 to 1,000,000 rows (issue 6, item 3);
1,000,000 rows in under 40 s, at most 150 MB (issue 15).
"""

import argparse
import datetime
import itertools
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import end_run, load_average, load_demo_commune, machine, prepare_database, setup_django  # noqa: E402

SEED = "hocvuso-bench-overview-speed"
DAY = datetime.date(2026, 5, 31)
FIRST_DAY = datetime.date(2025, 1, 1)
BATCH = 10_000
EXPORT_SECONDS, EXPORT_MB = 40, 150


# --- The database --------------------------------------------------------------------


# --- Loading ---------------------------------------------------------------------------


def visit_times(rng, count: int):
    """`count` times from FIRST_DAY to DAY in office hours, in time order.

    In time order as visits are logged in life: SQLite reads a commune's visits through
    the (commune, occurred_at) index and fetches each row from the table, which is much
    slower when the rows lie in random order (bench/README.md, report_speed.py).
    """
    tz = datetime.timezone(datetime.timedelta(hours=7))
    span = (DAY - FIRST_DAY).days + 1
    for i in range(span):
        day = FIRST_DAY + datetime.timedelta(days=i)
        today = count * (i + 1) // span - count * i // span
        for minute in sorted(rng.randrange(7 * 60 + 30, 17 * 60) for _ in range(today)):
            yield datetime.datetime(
                day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=tz
            )


def grow_to(demo, target: int) -> int:
    """Add synthetic visits until the commune holds `target`; return how many were added.

    Rows go in by plain INSERTs in batches (a million model instances would cost more
    than the benchmark measures), spread evenly over FIRST_DAY to DAY; their services are
    then given by INSERT … SELECT.
    """
    from django.db import connection, transaction
    from django.db.models import Max

    from hocvuso.support.models import Gender, Outcome, Place, Service, SupportVisit

    rng = random.Random(f"{SEED}-{target}")
    missing = target - SupportVisit.objects.filter(commune=demo.commune).count()
    if missing <= 0:
        return 0
    ops = connection.ops
    table = SupportVisit._meta.db_table
    through = SupportVisit.services.through._meta.db_table
    columns = (
        "created_at, updated_at, commune_id, village_id, team_id, member_id, occurred_at, "
        "place, people, gender, age_band, elderly, disability, outcome, note"
    )
    insert = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 15)})"
    places = [p.value for p in Place]
    place_weights = [74, 10, 7, 5, 3, 1]
    genders = [Gender.FEMALE, Gender.MALE, Gender.UNKNOWN]
    bands = ["under_18", "18_39", "40_59", "60_plus", "unknown"]
    now = ops.adapt_datetimefield_value(datetime.datetime.now(datetime.UTC))
    villages = demo.villages
    with transaction.atomic():
        before = SupportVisit.objects.aggregate(last=Max("pk"))["last"] or 0
        with connection.cursor() as cursor:
            added = 0
            moments = visit_times(rng, missing)
            while added < missing:
                rows = []
                for at in itertools.islice(moments, BATCH):
                    place = rng.choices(places, place_weights)[0]
                    village = rng.randrange(len(villages))
                    if place == Place.SERVICE_CENTRE:
                        team, member = demo.commune_team, rng.choice(demo.duty)
                    else:
                        team, member = (
                            demo.village_teams[village],
                            rng.choice(demo.helpers[village]),
                        )
                    band = rng.choice(bands)
                    rows.append(
                        (
                            now,
                            now,
                            demo.commune.pk,
                            villages[village].pk,
                            team.pk,
                            member.pk,
                            ops.adapt_datetimefield_value(at),
                            place,
                            rng.randint(1, 3) if rng.random() < 0.1 else 1,
                            rng.choice(genders),
                            band,
                            band == "60_plus",
                            rng.random() < 0.02,
                            Outcome.DONE if rng.random() < 0.92 else Outcome.PARTLY,
                            "",
                        )
                    )
                cursor.executemany(insert, rows)
                added += len(rows)
            # One to three services per visit, chosen from the visit's id ("%%" is the
            # modulo operator once the parameters are in).
            services = list(Service.objects.order_by("pk").values_list("pk", flat=True))
            n = len(services)
            for step, modulo in ((0, 1), (3, 2), (7, 5)):
                cases = " ".join(f"WHEN {i} THEN {pk}" for i, pk in enumerate(services))
                cursor.execute(
                    f"INSERT INTO {through} (supportvisit_id, service_id) "
                    f"SELECT id, CASE (id + {step}) %% {n} {cases} END FROM {table} "
                    f"WHERE id > %s AND id %% {modulo} = 0",
                    [before],
                )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return added


# --- Measures --------------------------------------------------------------------------


def overview(officer, repeat: int) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # Static files by their plain names: the benchmark runs no collectstatic.
    backend = "django.contrib.staticfiles.storage.StaticFilesStorage"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}
    client = Client()
    # Read afresh: the demo sets the passwords after making the users, and a session
    # made with a stale password hash is refused.
    client.force_login(type(officer).objects.get(pk=officer.pk))
    url = f"/tong-quan/?ngay={DAY.isoformat()}"
    warm = client.get(url)  # warm-up
    assert warm.status_code == 200, (warm.status_code, warm.get("Location"), warm.content[:300])
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {"times": times, "queries": len(queries)}


def export_in_child(url: str, export_root: str, officer_pk: int) -> dict:
    """Run the visits export in a fresh process, and read what it reports."""
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child-export",
            "--database-url",
            url,
            "--export-root",
            export_root,
            "--officer",
            str(officer_pk),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process, from /proc, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def server_cpu() -> float:
    """CPU seconds of this connection's PostgreSQL server process so far (same machine);
    0 on SQLite, whose work is in this process's own CPU time."""
    import os

    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child_export(args) -> int:
    """In the child: set up, note the memory, run the export job, report as JSON.

    The peak is the kernel's high-water mark of resident memory (VmHWM), reset just
    before the export starts. Not ru_maxrss: Linux carries it over from the parent
    through fork and exec, so a child started by a big parent reports the parent's.
    """
    setup_django(args.database_url, EXPORT_ROOT=args.export_root, SECURE_COOKIES="false")
    from hocvuso.accounts.models import User
    from hocvuso.overview import jobs
    from hocvuso.overview.models import ExportJob
    from hocvuso.support.models import SupportVisit

    officer = User.objects.get(pk=args.officer)
    total = SupportVisit.objects.count()
    database_cpu = server_cpu()
    job = ExportJob.objects.create(user=officer, kind="visits", filters={}, rows_total=total)
    before = memory_mb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    started, cpu = time.perf_counter(), time.process_time()
    job = jobs.run_export(job.pk)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    database_cpu = server_cpu() - database_cpu
    peak = memory_mb("VmHWM")
    assert job.status == "done", job.error
    print(
        json.dumps(
            {
                "rows": job.rows_done,
                "seconds": seconds,
                "cpu": cpu,
                "database_cpu": database_cpu,
                "before_mb": before,
                "peak_mb": peak,
                "file_mb": job.file.size / 1024 / 1024,
            }
        )
    )
    job.file.delete()
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--visits", type=int, nargs="+", default=[200_000, 1_000_000], help="sizes to measure"
    )
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--repeat", type=int, default=7, help="timed overview requests")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--child-export", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--export-root", help=argparse.SUPPRESS)
    parser.add_argument("--officer", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_export:
        return child_export(args)

    url, remove = prepare_database(args.database_url)
    export_root = tempfile.mkdtemp(prefix="hocvuso-bench-exports-")
    try:
        # The officer is signed in by the test Client, over plain HTTP, without a second
        # factor: what the page costs, not the sign-in.
        setup_django(
            url,
            EXPORT_ROOT=export_root,
            SECURE_COOKIES="false",
            SECURE_SSL_REDIRECT="false",
            OTP_REQUIRED="false",
        )
        return run(args, url, export_root)
    finally:
        shutil.rmtree(export_root, True)
        end_run(url, remove, args.keep)


def run(args, url: str, export_root: str) -> int:
    from django.db import connections

    print("\n".join(machine()))
    started = time.perf_counter()
    demo = load_demo_commune()
    print(f"load      migrate + load_demo: {time.perf_counter() - started:.1f} s")
    results = []
    for size in sorted(args.visits):
        started = time.perf_counter()
        added = grow_to(demo, size)
        print(
            f"load      {added:,} visits added to reach {size:,}: {time.perf_counter() - started:.1f} s"
        )
        page = overview(demo.officer, args.repeat)
        # The child opens the database itself; this process lets go of it meanwhile.
        connections.close_all()
        export = export_in_child(url, export_root, demo.officer.pk)
        results.append({"size": size, **page, "export": export})

    header = "".join(f"{r['size']:>16,} visits" for r in results)
    print(f"\n{'':40}{header}")
    rows = [
        ("(a) overview, median ms", lambda r: f"{statistics.median(r['times']) * 1000:.0f}"),
        ("    overview, min ms", lambda r: f"{min(r['times']) * 1000:.0f}"),
        ("    overview, queries", lambda r: str(r["queries"])),
        ("(b) export, rows", lambda r: f"{r['export']['rows']:,}"),
        ("    export, seconds", lambda r: f"{r['export']['seconds']:.1f}"),
        ("    export, CPU seconds (Python)", lambda r: f"{r['export']['cpu']:.1f}"),
        (
            "    export, CPU seconds (PostgreSQL)",
            lambda r: f"{r['export'].get('database_cpu', 0):.1f}",
        ),
        (
            "    export, rows per second",
            lambda r: f"{r['export']['rows'] / r['export']['seconds']:,.0f}",
        ),
        ("    export, file MB", lambda r: f"{r['export']['file_mb']:.1f}"),
        ("    process before export, MB", lambda r: f"{r['export']['before_mb']:.0f}"),
        ("    process peak (VmHWM), MB", lambda r: f"{r['export']['peak_mb']:.0f}"),
        (
            "    export's own memory, MB",
            lambda r: f"{r['export']['peak_mb'] - r['export']['before_mb']:.0f}",
        ),
    ]
    for label, cell in rows:
        print(f"{label:40}" + "".join(f"{cell(r):>23}" for r in results))

    print("\n" + load_average("at the end"))
    same = len({r["queries"] for r in results}) == 1
    print(
        f"check     the overview's queries do not grow with the visits: {'yes' if same else 'NO'}"
    )
    every = all(r["export"]["rows"] >= r["size"] for r in results)
    print(f"check     every visit exported: {'yes' if every else 'NO'}")
    low, high = results[0]["export"]["peak_mb"], results[-1]["export"]["peak_mb"]
    flat = high <= low * 1.25 + 10
    print(
        f"goal      export memory flat from {results[0]['size']:,} to {results[-1]['size']:,} "
        f"rows: {'yes' if flat else 'NO'} ({low:.0f} MB → {high:.0f} MB)"
    )
    largest = results[-1]
    fast = largest["export"]["seconds"] < EXPORT_SECONDS
    print(
        f"goal      export of {largest['size']:,} rows under {EXPORT_SECONDS} s: "
        f"{'yes' if fast else 'NO'} ({largest['export']['seconds']:.1f} s, "
        f"{largest['export']['cpu']:.1f} s of CPU in Python)"
    )
    small = high <= EXPORT_MB
    print(
        f"goal      export's peak memory at most {EXPORT_MB} MB: "
        f"{'yes' if small else 'NO'} ({high:.0f} MB)"
    )
    return 0 if same and every and flat and fast and small else 1


if __name__ == "__main__":
    sys.exit(main())
