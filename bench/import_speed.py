"""Import an XLSX file of support visits, as a commune officer does from the import page.

    .venv/bin/python bench/import_speed.py [--rows 2000] [--repeat 3] [--database-url URL]

Builds its own database (a temporary SQLite file, or the PostgreSQL database given, whose
name must contain "bench": it is dropped before and after), loads the demo commune, and
writes a file of `--rows` distinct visits in the template of the commune's officer: one a
quarter of an hour apart over the past weeks, in its villages, with one or two services of
its catalogue, a member of its village teams as the helper on one row in three. Each run
imports the file into a fresh transaction that is rolled back, so every run starts from the
same database; it prints the median and minimum time of `--repeat` runs after a warm-up,
the rows per second, and the number of queries of one run.
"""

import argparse
import datetime
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import load_demo_commune, machine, prepare_database, setup_django  # noqa: E402


class Rollback(Exception):
    pass


def visits_file(demo, rows: int):
    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from hocvuso.support.imports import sheet_for
    from hocvuso.support.models import Service

    sheet = sheet_for(demo.officer)
    header = {column.key: column.header for column in sheet.columns}
    services = [
        service.short_name
        for service in Service.objects.filter(is_active=True).usable_in([demo.commune.parent_id])
    ]
    helpers = [member for team in demo.helpers for member in team]
    start = timezone.localtime() - datetime.timedelta(days=1, minutes=15 * rows)
    book = openpyxl.Workbook()
    table = book.active
    keys = ["date", "time", "village", "place", "services", "people", "member"]
    table.append([header[key] for key in keys])
    for n in range(rows):
        when = start + datetime.timedelta(minutes=15 * n)
        village = demo.villages[n % len(demo.villages)]
        chosen = {services[n % len(services)], services[(n * 7) % len(services)]}
        helper = helpers[n % len(helpers)].full_name if n % 3 == 0 and helpers else None
        table.append(
            [
                when.strftime("%d/%m/%Y"),
                when.strftime("%H:%M"),
                village.name if helper is None else None,
                "Trực tuyến, qua điện thoại",
                "; ".join(sorted(chosen)),
                1 + n % 4,
                helper,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("luot-ho-tro.xlsx", buffer.getvalue())


def timed_import(user, file):
    from django.db import connection, transaction

    from hocvuso.support import imports
    from hocvuso.support.imports import import_visits

    queries = 0
    writing = 0.0
    save = imports._save

    def timed_save(*args):
        # The write transaction: what holds the database's write lock.
        nonlocal writing
        began = time.perf_counter()
        try:
            return save(*args)
        finally:
            writing = time.perf_counter() - began

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    try:
        imports._save = timed_save
        with transaction.atomic(), connection.execute_wrapper(count):
            result = import_visits(user, file)
            raise Rollback
    except Rollback:
        pass
    finally:
        imports._save = save
    elapsed = time.perf_counter() - started
    if not result.ok:
        sys.exit("The import failed:\n" + "\n".join(str(error) for error in result.errors[:20]))
    return elapsed, writing, queries, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url")
    args = parser.parse_args()

    url, cleanup = prepare_database(args.database_url)
    try:
        setup_django(url)
        demo = load_demo_commune()
        from hocvuso.accounts.models import User, UserRole

        demo.officer = User.objects.get(role=UserRole.COMMUNE_OFFICER, unit=demo.commune)
        file = visits_file(demo, args.rows)
        print("\n".join(machine()))
        timed_import(demo.officer, file)  # warm-up
        times, writes = [], []
        for _ in range(args.repeat):
            elapsed, writing, queries, result = timed_import(demo.officer, file)
            times.append(elapsed)
            writes.append(writing)
        median = statistics.median(times)
        print(f"import    {args.rows} rows of support visits: {result.summary()}")
        print(
            f"time      median {median:.2f} s, min {min(times):.2f} s over {args.repeat} runs "
            f"({args.rows / median:,.0f} rows a second)"
        )
        print(
            f"writing   median {statistics.median(writes):.2f} s, max {max(writes):.2f} s "
            "(the write transaction, which holds the write lock)"
        )
        print(f"queries   {queries} in one run")
    finally:
        cleanup()


if __name__ == "__main__":
    main()
