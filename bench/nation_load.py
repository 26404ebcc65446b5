"""How long `load_demo --nation` takes, phase by phase, and what it would take at scale 1.

    python bench/nation_load.py --scale 0.01 \\
        --database-url postgres://postgres@127.0.0.1:5432/hocvuso_nationdata_bench

Makes its own database (dropped before and after, see common.py), migrates it, loads the
nation at the given scale and prints each phase's time and rows per second, the database's
size, and a linear extrapolation to scale 1 of the phases that grow with the scale (the
visits, their indexes, the reports' figures over them); the phases that do not (units,
villages, teams, members) count once.
"""

import argparse
import logging
import sys
import time

from common import load_average, machine, migrate, prepare_database, setup_django

# Phases whose work grows with the scale; the rest are the same at every scale. ("foreign
# keys" checks the rows of the kept keys, the villages', teams' and members' when the visits'
# keys are dropped; "reports" plays one season a commune whatever the scale, though its
# figures read more visits at a larger one.)
SCALED = {"activities, classes", "visits and their services", "indexes", "keys made again",
          "analyze", "drop indexes", "after visits"}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--provinces", default="", help="province codes, e.g. 11,12")
    parser.add_argument(
        "--drop-indexes-from",
        type=int,
        default=None,
        help="drop the visits' indexes from this many visits (nation.DROP_INDEXES_FROM)",
    )
    parser.add_argument("--no-reports", action="store_true", help="leave the season out")
    parser.add_argument(
        "--statements", action="store_true", help="print each index and key made again, timed"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    url, remove = prepare_database(args.database_url, prefix="hocvuso-nation-")
    try:
        setup_django(url)
        migrate()
        from django.db import connection

        from hocvuso.demo import nation
        from hocvuso.demo.nation import load_nation

        if args.statements:
            # Each index and key made again, with its time (bulk_writer.remake).
            handler = logging.StreamHandler(sys.stdout)
            handler.setFormatter(logging.Formatter("    %(message)s"))
            statements = logging.getLogger("hocvuso.demo.bulk_writer")
            statements.addHandler(handler)
            statements.setLevel(logging.DEBUG)
            statements.propagate = False  # not again through the settings' handlers
        if args.drop_indexes_from is not None:
            nation.DROP_INDEXES_FROM = args.drop_indexes_from

        for line in machine():
            print(line)

        def report(phase):
            print(
                f"  {phase.name:<26} {phase.seconds:7.1f} s (CPU {phase.cpu:6.1f})  {phase.rows:>12,} rows"
                f"  {phase.rate:>10,.0f} rows/s  (load {__import__('os').getloadavg()[0]:.1f})"
            )
            sys.stdout.flush()

        codes = {int(c) for c in args.provinces.split(",") if c.strip()} or None
        print(f"scale     {args.scale}")
        started = time.monotonic()
        loaded = load_nation(args.scale, codes, report=report, seasons=not args.no_reports)
        total = time.monotonic() - started
        print(f"total     {total:.1f} s for {loaded.built:,} communes; rows {dict(loaded.rows)}")
        print(load_average("at the end"))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
                print(f"size      {cursor.fetchone()[0]}")
        fixed = sum(p.seconds for p in loaded.phases if p.name not in SCALED)
        grows = sum(p.seconds for p in loaded.phases if p.name in SCALED)
        at_one = fixed + grows / args.scale
        print(
            f"scale 1   ~{at_one / 60:.0f} min by extrapolation "
            f"({fixed:.0f} s fixed + {grows:.0f} s x {1 / args.scale:g})"
        )
    finally:
        if not args.keep:
            remove()


if __name__ == "__main__":
    main()
