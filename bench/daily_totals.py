"""Do the daily totals stay equal to the visits under concurrent writes, and how fast are the
rebuild and the province's figures read from them?

    .venv/bin/python bench/daily_totals.py [--visits 1000000] [--communes 100]
                                           [--writers 8] [--writes 150] [--database-url URL]

The script makes its own database — a temporary SQLite file by default, or the database of
--database-url, whose name must contain "bench" because it is dropped and made anew (for
PostgreSQL: postgres://postgres@127.0.0.1:5432/hocvuso_bench_dailytotals) — and never
touches db.sqlite3 or the test databases. It migrates, makes one province of --communes
communes, and then:

  (a) concurrency: --writers threads, each with its own connection and its own commune
      officer, log, correct and delete --writes visits each through `support.services`, all
      in the same commune, on the same two days and places, with the same services, so that
      every write adds to the same few rows of totals at the same time; then
      `support.totals.differences()` must find nothing (the script stops otherwise);
  (b) loads --visits visits spread over the communes and 2025–2026 with one INSERT … SELECT
      (as a COPY would), each with one or two services, then times `support.totals.rebuild()`
      (one INSERT … SELECT … GROUP BY a table) and checks the totals with `differences()`;
  (c) the province's figures for 2026 up to 31/05: `support.figures.daily_totals_for` on the
      totals beside `support.figures.for_period` on the visits (median of --repeat runs after
      a warm-up), which must give the same numbers.
"""

import argparse
import datetime
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import end_run, load_average, machine, migrate, prepare_database, setup_django  # noqa: E402

DAY = datetime.date(2026, 5, 31)


def make_province(communes: int):
    from hocvuso.units.models import Kind, Level, Unit

    province = Unit.objects.create(
        level=Level.PROVINCE, kind=Kind.TINH, code="99", name="Tỉnh Thử", short_name="Thử"
    )
    Unit.objects.bulk_create(
        Unit(
            level=Level.COMMUNE,
            kind=Kind.XA,
            code=f"99{i:03d}",
            name=f"Xã Thử {i}",
            short_name=f"Thử {i}",
            parent=province,
        )
        for i in range(communes)
    )
    return province, list(Unit.objects.filter(parent=province).order_by("code"))


def concurrent_writes(commune, writers: int, writes: int) -> tuple[float, int]:
    """Every writer logs, corrects and deletes visits of one commune at once."""
    from django.db import connection
    from django.utils import timezone

    from hocvuso.accounts.models import User, UserRole
    from hocvuso.support.models import SupportVisit
    from hocvuso.support.services import VisitInput, change_visit, delete_visit, record_visit

    users = [
        User.objects.create_user(
            f"bench-{i}", password="x", role=UserRole.COMMUNE_OFFICER, unit=commune
        )
        for i in range(writers)
    ]
    tz = timezone.get_default_timezone()
    days = [datetime.datetime(2026, 5, d, 9, tzinfo=tz) for d in (4, 5)]
    failures = []
    start = threading.Barrier(writers)

    def work(user, index):
        try:
            start.wait()
            for n in range(writes):
                key = uuid.uuid4()
                data = VisitInput(
                    services=["vneid-activate", "health-book"],
                    occurred_at=days[n % 2],
                    people=1 + n % 3,
                    client_key=key,
                )
                visit, _ = record_visit(user, data)
                # A phone that lost the answer sends the same visit again.
                record_visit(user, data)
                if n % 3 == 1:
                    data = VisitInput(
                        services=["health-book"],
                        occurred_at=days[(n + 1) % 2],
                        people=4,
                        place="home",
                    )
                    change_visit(user, SupportVisit.objects.get(pk=visit.pk), data)
                elif n % 3 == 2:
                    delete_visit(user, SupportVisit.objects.get(pk=visit.pk))
        except Exception as error:  # reported below; a thread's exception is otherwise lost
            failures.append(f"writer {index}: {error!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(u, i)) for i, u in enumerate(users)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        sys.exit("\n".join(failures))
    return time.perf_counter() - began, SupportVisit.objects.filter(commune=commune).count()


def load_visits(communes, count: int) -> float:
    """`count` visits spread over the communes and 2025 to DAY, in one INSERT … SELECT."""
    from django.db import connection

    from hocvuso.support.models import Service, SupportVisit

    # The communes' ids follow each other (bulk_create); visit i is of commune i mod c, on
    # a day drawn from i div c, so that every commune has visits on most days, at places
    # that change from one round of the days to the next.
    first, c = min(unit.pk for unit in communes), len(communes)
    assert max(unit.pk for unit in communes) == first + c - 1
    services = list(Service.objects.filter(province__isnull=True).values_list("pk", flat=True))
    visits = SupportVisit._meta.db_table
    links = SupportVisit.services.through._meta.db_table
    n = len(services)
    # The visits of (a) have their services already.
    after = SupportVisit.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def service(offset: str) -> str:
        whens = " ".join(f"WHEN {i} THEN {pk}" for i, pk in enumerate(services))
        return f"CASE (id / 7 + {offset}) %% {n} {whens} END"

    # Over the 516 days from 01/01/2025 to 31/05/2026, from 08:00 to 00:39 the next day
    # (local time): the late ones fall on another day in UTC than in Vietnam.
    postgres = connection.vendor == "postgresql"
    numbers = (
        "generate_series(1::bigint, %s::bigint) AS n(i)"
        if postgres
        else "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s) "
        "SELECT i FROM n) AS n"
    )
    if postgres:
        moment = (
            "timestamptz '2025-01-01 08:00+07' + (((i / {c}) * 104729) %% 516) * interval '1 day' "
            "+ ((i * 7) %% 1000) * interval '1 minute'"
        )
        now = "now()"
    else:
        moment = (
            "strftime('%%Y-%%m-%%d %%H:%%M:%%S', '2025-01-01 01:00:00', "
            "'+' || (((i / {c}) * 104729) %% 516) || ' days', "
            "'+' || ((i * 7) %% 1000) || ' minutes')"
        )
        now = "datetime('now')"
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {visits} (commune_id, occurred_at, place, people, gender, age_band,
                elderly, disability, outcome, note, created_at, updated_at)
            SELECT {first} + i %% {c}, {moment.format(c=c)},
                CASE (i / {c * 516} + i / {c} / 3) %% 6 WHEN 3 THEN 'home' WHEN 4 THEN 'online'
                    WHEN 5 THEN 'cultural_house' ELSE 'centre' END,
                CASE WHEN i %% 17 = 0 THEN 1 + i %% 9 ELSE 1 END,
                CASE i %% 4 WHEN 0 THEN 'female' WHEN 1 THEN 'male'
                    WHEN 2 THEN 'unknown' ELSE 'mixed' END,
                'unknown', i %% 5 = 0, i %% 50 = 0, 'done', '', {now}, {now}
            FROM {numbers}""",
            [count],
        )
        # One or two services a visit (the second for one visit in three).
        cursor.execute(
            f"""INSERT INTO {links} (supportvisit_id, service_id)
            SELECT id, {service("0")} FROM {visits} WHERE id > {after}
            UNION ALL SELECT id, {service("1")} FROM {visits} WHERE id > {after} AND id %% 3 = 0""",
            [],
        )
        if postgres:
            cursor.execute(f"ANALYZE {visits}")
            cursor.execute(f"ANALYZE {links}")
    return time.perf_counter() - began


def timed(function, repeat: int) -> tuple[float, float, object]:
    function()  # warm-up
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - began)
    return statistics.median(times), min(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--communes", type=int, default=100)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--writes", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    url, remove = prepare_database(args.database_url, prefix="hocvuso-bench-totals-")
    try:
        setup_django(url)
        migrate()
        from django.db import connection

        from hocvuso.core.periods import Period
        from hocvuso.support import figures
        from hocvuso.support.models import (
            DailyServiceTotal,
            DailyTotal,
            MonthlyServiceTotal,
            MonthlyTotal,
            SupportVisit,
        )
        from hocvuso.support.totals import differences, rebuild

        for line in machine():
            print(line)
        province, communes = make_province(args.communes)

        seconds, left = concurrent_writes(communes[0], args.writers, args.writes)
        found = differences([communes[0].pk])
        print(
            f"(a) {args.writers} writers × {args.writes} visits logged, sent twice, corrected "
            f"or deleted in one commune at once: {seconds:.1f} s, {left} visits left, "
            f"{DailyTotal.objects.count()} rows of totals; differences: {len(found)}"
        )
        if found:
            sys.exit(f"The totals differ from the visits: {found[:10]}")

        seconds = load_visits(communes, args.visits)
        total = SupportVisit.objects.count()
        print(f"(b) {total:,} visits loaded in {seconds:.1f} s (one INSERT … SELECT)")
        began = time.perf_counter()
        rebuild()
        seconds = time.perf_counter() - began
        print(
            f"    rebuild(): {seconds:.2f} s → {DailyTotal.objects.count():,} rows by place, "
            f"{DailyServiceTotal.objects.count():,} by service; by month "
            f"{MonthlyTotal.objects.count():,} and {MonthlyServiceTotal.objects.count():,}"
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (DailyTotal, DailyServiceTotal, MonthlyTotal, MonthlyServiceTotal):
                    cursor.execute(f"ANALYZE {model._meta.db_table}")
        began = time.perf_counter()
        found = differences()
        seconds = time.perf_counter() - began
        print(f"    differences(): {seconds:.2f} s, {len(found)} found")
        if found:
            sys.exit(f"The rebuilt totals differ from the visits: {found[:10]}")

        period = Period(datetime.date(2026, 1, 1), DAY)
        ids = [c.pk for c in communes]
        kept_median, kept_min, kept = timed(
            lambda: figures.daily_totals_for(ids, period), args.repeat
        )
        raw_median, raw_min, raw = timed(lambda: figures.for_period(ids, period), args.repeat)
        same = ("records", "people", "elderly_people", "female_people", "home_people", "by_month")
        if {k: kept[k] for k in same} != {k: raw[k] for k in same} or (
            kept["by_service"] != raw["by_service"]
        ):
            sys.exit("The province's figures from the totals differ from the visits'.")
        print(
            f"(c) the province's figures for 01/01–31/05/2026 ({kept['records']:,} visits, "
            f"{kept['people']:,} people): from the totals {kept_median * 1000:.1f} ms median "
            f"(min {kept_min * 1000:.1f}), from the visits {raw_median * 1000:.1f} ms median "
            f"(min {raw_min * 1000:.1f}); equal"
        )
        print(load_average("at the end"))
    finally:
        end_run(url, remove)


if __name__ == "__main__":
    main()
