"""How fast is a report of a busy commune? Figures, DOCX and PDF against the plain SQL.

    .venv/bin/python bench/report_speed.py [--visits 200000] [--database-url URL]

The script makes its own database — a temporary SQLite file by default, or the
database of --database-url, whose name must contain "bench" because it is dropped and
made anew (for PostgreSQL: postgres://postgres@127.0.0.1:5432/hocvuso_bench) — and
never touches db.sqlite3 or the test databases. It migrates, loads the demo commune
(xã Chí Minh) and adds synthetic support visits until the commune holds 20,000, then
--visits of them. At each size it times, over several runs (median and minimum, after
one warm-up run):

  (a) collect_figures: every figure of the report, computed by the ORM;
  (b) build_snapshot + render_docx: what a click on "Tải DOCX" of a draft costs;
  (c) the plain SQL: hand-written queries computing the same figures, whose results
      must equal those of (a) — the benchmark stops with an error if they do not;

and counts the queries of (a), which must not grow with the number of visits. At the
end it times docx_to_pdf on its own (LibreOffice), if LibreOffice is installed.
The goals (issue 3, item 7): (b) under 1 s, and (a) within 1.2× of (c).
"""

import argparse
import datetime
import itertools
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import (  # noqa: E402
    end_run,
    load_average,
    load_demo_commune,
    machine,
    prepare_database,
    setup_django,
    timed,
)

PERIOD_START = datetime.date(2026, 1, 1)
PERIOD_END = datetime.date(2026, 5, 31)
SEED = "hocvuso-bench-report-speed"
BATCH = 5_000
FIRST_SIZE = 20_000
FIGURES_GOAL_RATIO = 1.2
DOCX_GOAL_SECONDS = 1.0


# --- The database --------------------------------------------------------------------


# --- Loading ---------------------------------------------------------------------------


class VisitMaker:
    """Synthetic visits spread as the demo's: more on busy days, mostly at the centre.

    One seeded generator, so that every run loads the same visits.
    """

    def __init__(self, demo):
        from hocvuso.demo.visits import SERVICE_WEIGHTS, expected_visits, working_days
        from hocvuso.support.models import AgeBand, Gender, Outcome, Place, Service

        self.Place, self.AgeBand = Place, AgeBand
        self.rng = random.Random(SEED)
        self.demo = demo
        self.days = list(working_days())
        self.day_weights = _cumulative(expected_visits(day) for day in self.days)
        ids = dict(Service.objects.values_list("code", "pk"))
        self.services = [ids[code] for code in SERVICE_WEIGHTS]
        self.service_weights = _cumulative(SERVICE_WEIGHTS.values())
        self.places = [
            Place.SERVICE_CENTRE,
            Place.CULTURAL_HOUSE,
            Place.HOME,
            Place.ONLINE,
            Place.SCHOOL,
            Place.OTHER,
        ]
        self.place_weights = _cumulative([74, 10, 7, 5, 3, 1])
        self.genders = [Gender.FEMALE, Gender.MALE, Gender.UNKNOWN]
        self.gender_weights = _cumulative([53, 45, 2])
        self.bands = [
            AgeBand.UNDER_18,
            AgeBand.FROM_18_TO_39,
            AgeBand.FROM_40_TO_59,
            AgeBand.FROM_60,
            AgeBand.UNKNOWN,
        ]
        self.band_weights = _cumulative([4, 30, 36, 26, 4])
        self.outcomes = [Outcome.DONE, Outcome.PARTLY, Outcome.REFERRED]
        self.outcome_weights = _cumulative([91, 6, 3])
        self.tz = datetime.timezone(datetime.timedelta(hours=7))

    def visits(self, count: int):
        """`count` visits over the whole period, in time order as they would be logged.

        The order matters on SQLite: rows stored in time order make a scan of the
        (commune, occurred_at) index read the table in order too; rows stored in random
        order (a shuffled bulk import) make every row a random read, several times slower.
        """
        total, done = self.day_weights[-1], 0
        for day, upto in zip(self.days, self.day_weights, strict=True):
            # Each day takes its share of the visits, by its expected number.
            share = round(count * upto / total) - done
            done += share
            yield from sorted((self.visit(day) for _ in range(share)), key=_when)

    def visit(self, day: datetime.date):
        from hocvuso.support.models import SupportVisit

        rng, demo, Place = self.rng, self.demo, self.Place
        place = rng.choices(self.places, cum_weights=self.place_weights)[0]
        # Online help goes on into the evening; the rest is in office hours.
        first, last = (7 * 60, 22 * 60) if place == Place.ONLINE else (7 * 60 + 30, 17 * 60)
        minute = rng.randrange(first, last)
        at = datetime.datetime(
            day.year,
            day.month,
            day.day,
            minute // 60,
            minute % 60,
            rng.randrange(60),
            tzinfo=self.tz,
        )
        village = rng.randrange(len(demo.villages))
        if place == Place.SERVICE_CENTRE:
            # Not everyone at the centre says which village they live in.
            village = village if rng.random() < 0.75 else None
            team, member = demo.commune_team, rng.choice(demo.duty)
        else:
            team, member = demo.village_teams[village], rng.choice(demo.helpers[village])
        group = place == Place.CULTURAL_HOUSE and rng.random() < 0.2
        band = self.AgeBand.MIXED if group else rng.choices(self.bands, self.band_weights)[0]
        visit = SupportVisit(
            commune=demo.commune,
            village=demo.villages[village] if village is not None else None,
            team=team,
            member=member,
            occurred_at=at,
            place=place,
            people=rng.randint(3, 30) if group else 1,
            gender="mixed" if group else rng.choices(self.genders, self.gender_weights)[0],
            age_band=band,
            elderly=band == self.AgeBand.FROM_60 or (group and rng.random() < 0.4),
            disability=rng.random() < (0.1 if place == Place.HOME else 0.01),
            outcome=rng.choices(self.outcomes, cum_weights=self.outcome_weights)[0],
        )
        # One to three different services, the common ones more often.
        count = rng.choices((1, 2, 3), (60, 30, 10))[0]
        services = set()
        while len(services) < count:
            services.add(rng.choices(self.services, cum_weights=self.service_weights)[0])
        return visit, services


def _when(draft):
    return draft[0].occurred_at


def _cumulative(weights):
    total, out = 0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def grow_to(maker: VisitMaker, target: int) -> int:
    """Add visits to the commune until it holds `target`; return how many were added."""
    from django.db import transaction

    from hocvuso.support.models import SupportVisit

    through = SupportVisit.services.through
    missing = target - SupportVisit.objects.filter(commune=maker.demo.commune).count()
    planned = maker.visits(missing)
    added = 0
    with transaction.atomic():
        while drafts := list(itertools.islice(planned, BATCH)):
            visits = SupportVisit.objects.bulk_create([visit for visit, _ in drafts])
            # Both backends return the new keys from a bulk insert (SQLite ≥ 3.35).
            rows = [
                through(supportvisit_id=visit.pk, service_id=service)
                for visit, (_, services) in zip(visits, drafts, strict=True)
                for service in sorted(services)
            ]
            through.objects.bulk_create(rows, batch_size=BATCH)
            added += len(drafts)
    settle()
    return added


def settle():
    """On PostgreSQL, do what autovacuum does soon after a big load, so that the timings
    are those of a live database: fresh statistics for the planner, and a visibility map
    that lets it read an index alone. SQLite has no such daemon, and is left as it is."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE support_supportvisit, support_supportvisit_services")


# --- The plain SQL ---------------------------------------------------------------------


def plain_sql(commune_id: int, start: datetime.date, end: datetime.date) -> dict:
    """The report's figures by hand-written SQL, as their numbers (see numbers_of)."""
    from django.db import connection
    from django.utils import timezone

    ops = connection.ops
    tz = timezone.get_current_timezone()

    def local_midnight(day):
        return ops.adapt_datetimefield_value(
            datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
        )

    low, up = local_midnight(start), local_midnight(end + datetime.timedelta(days=1))
    day_start, day_end = ops.adapt_datefield_value(start), ops.adapt_datefield_value(end)
    # A visit's local month by comparing its UTC time with the months' ends, worked out
    # here once: no time-zone conversion per row.
    month_ends, month_labels = [], []
    month = start.replace(day=1)
    while month <= end:
        month_labels.append(f"{month:%Y-%m}")
        month = (month + datetime.timedelta(days=31)).replace(day=1)
        month_ends.append(local_midnight(month))
    month_case = "CASE {} END".format(
        " ".join(f"WHEN v.occurred_at < %s THEN {i}" for i in range(len(month_ends)))
    )

    out = {}
    with connection.cursor() as cur:

        def rows(query, params=()):
            cur.execute(query, params)
            return cur.fetchall()

        ids = [
            r[0]
            for r in rows(
                """
                WITH RECURSIVE lineage(id) AS (
                    SELECT CAST(%s AS BIGINT)
                    UNION SELECT m.to_unit_id FROM units_unit_merged_from m
                          JOIN lineage ON m.from_unit_id = lineage.id)
                SELECT id FROM lineage""",
                [commune_id],
            )
        ]
        inlist = ", ".join(["%s"] * len(ids))
        visits = f"v.commune_id IN ({inlist}) AND v.occurred_at >= %s AND v.occurred_at < %s"
        vp = [*ids, low, up]

        # One scan groups the visits by place, village and month; the totals and the
        # three breakdowns are sums of its rows.
        groups = rows(
            f"""
            SELECT v.place, v.village_id, {month_case}, COUNT(*), SUM(v.people),
                   COALESCE(SUM(v.people) FILTER (WHERE v.elderly), 0),
                   COALESCE(SUM(v.people) FILTER (WHERE v.disability), 0),
                   COALESCE(SUM(v.people) FILTER (WHERE v.gender = 'female'), 0),
                   COALESCE(SUM(v.people) FILTER (WHERE v.gender = 'male'), 0)
            FROM support_supportvisit v WHERE {visits} GROUP BY 1, 2, 3""",
            [*month_ends, *vp],
        )
        seen = sorted({village for _, village, *_ in groups if village is not None})
        village_codes = dict(
            rows(
                f"SELECT id, code FROM units_unit WHERE id IN ({', '.join(['%s'] * len(seen))})",
                seen,
            )
            if seen
            else []
        )
        keys = ("records", "people", "elderly", "disability", "female", "male")
        totals = dict.fromkeys((*keys, "home"), 0)
        by_place, by_village, by_month = {}, {}, {}
        for place, village, month_index, n, people, *sums in groups:
            for key, value in zip(keys, (n, people, *sums), strict=True):
                totals[key] += value
            if place == "home":
                totals["home"] += people
            for breakdown, key in (
                (by_place, place),
                (by_village, village_codes[village] if village is not None else ""),
                (by_month, month_labels[month_index]),
            ):
                visits_before, people_before = breakdown.get(key, (0, 0))
                breakdown[key] = (visits_before + n, people_before + people)
        out["visits"] = totals
        out["by_place"] = by_place
        out["by_village"] = by_village
        out["by_month"] = [(label, n, p) for label, (n, p) in sorted(by_month.items())]
        # Counted by the service's id, then named: joining the services before grouping
        # would look a service up for every pair (twice as slow on SQLite).
        out["by_service"] = rows(
            f"""
            SELECT s.code, counts.visits, counts.people FROM (
                SELECT vs.service_id, COUNT(*) AS visits, SUM(v.people) AS people
                FROM support_supportvisit v
                JOIN support_supportvisit_services vs ON vs.supportvisit_id = v.id
                WHERE {visits} GROUP BY vs.service_id
            ) counts JOIN support_service s ON s.id = counts.service_id
            ORDER BY counts.people DESC, s.position, s.name""",
            vp,
        )

        communes = f"commune_id IN ({inlist})"
        out["by_channel"] = rows(
            f"""
            SELECT channel, COUNT(*), SUM(times), COALESCE(SUM(reach), 0)
            FROM outreach_outreachactivity
            WHERE {communes} AND held_on >= %s AND held_on <= %s GROUP BY channel""",
            [*ids, day_start, day_end],
        )
        out["outreach_by_village"] = rows(
            f"""
            SELECT COALESCE(u.code, ''), COUNT(*), SUM(a.times)
            FROM outreach_outreachactivity a LEFT JOIN units_unit u ON u.id = a.village_id
            WHERE a.{communes} AND a.held_on >= %s AND a.held_on <= %s GROUP BY u.code""",
            [*ids, day_start, day_end],
        )
        (zalo,) = rows(
            f"""SELECT COUNT(*), COUNT(DISTINCT village_id), COALESCE(SUM(member_count), 0)
            FROM outreach_zalogroup WHERE {communes}""",
            ids,
        )
        out["zalo"] = zalo
        out["zalo_by_village"] = rows(
            f"""
            SELECT u.code, COUNT(*), SUM(z.member_count)
            FROM outreach_zalogroup z LEFT JOIN units_unit u ON u.id = z.village_id
            WHERE z.{communes} GROUP BY u.code""",
            ids,
        )

        active_teams = f"""
            SELECT t.id FROM teams_team t WHERE t.{communes}
              AND (t.active_from IS NULL OR t.active_from <= %s)
              AND (t.active_to IS NULL OR t.active_to >= %s)"""
        team_params = [*ids, day_end, day_end]
        active_memberships = f"""
            (m.started_on IS NULL OR m.started_on <= %s)
            AND (m.ended_on IS NULL OR m.ended_on >= %s)
            AND m.team_id IN ({active_teams})"""
        membership_params = [day_end, day_end, *team_params]
        out["teams_by_level"] = rows(
            f"""SELECT level, COUNT(*) FROM teams_team WHERE id IN ({active_teams})
            GROUP BY level""",
            team_params,
        )
        out["by_affiliation"] = rows(
            f"""
            SELECT affiliation, COUNT(*) FROM teams_member WHERE id IN (
                SELECT m.member_id FROM teams_membership m WHERE {active_memberships})
            GROUP BY affiliation""",
            membership_params,
        )
        out["by_team"] = rows(
            f"""
            SELECT t.name, t.level, u.name,
                   (SELECT COUNT(*) FROM teams_membership m
                    WHERE m.team_id = t.id AND {active_memberships})
            FROM teams_team t JOIN units_unit u ON u.id = t.unit_id
            WHERE t.id IN ({active_teams})
            ORDER BY t.level, u.code""",
            [*membership_params, *team_params],
        )

        (roster,) = rows(
            f"""
            SELECT COUNT(DISTINCT s.id),
                   COUNT(DISTINCT s.id) FILTER (WHERE a.checked_in_at IS NOT NULL),
                   COUNT(DISTINCT a.member_id)
            FROM roster_shift s LEFT JOIN roster_assignment a ON a.shift_id = s.id
            WHERE s.{communes} AND s.starts_at >= %s AND s.starts_at < %s""",
            [*ids, low, up],
        )
        out["roster"] = roster

        out["indicators"] = [
            (code, _dec(value), _dec(num), _dec(den), bool(estimate), str(period_end), source)
            for code, value, num, den, estimate, period_end, source in rows(
                f"""
                SELECT code, value, numerator, denominator, is_estimate, period_end, source
                FROM (
                    SELECT i.code, i.position, i.id AS indicator_id, iv.value, iv.numerator,
                           iv.denominator, iv.is_estimate, iv.period_end,
                           CASE WHEN iv.source = '' THEN i.default_source ELSE iv.source END
                               AS source,
                           ROW_NUMBER() OVER (
                               PARTITION BY iv.indicator_id ORDER BY iv.period_end DESC) AS n
                    FROM indicators_indicatorvalue iv
                    JOIN indicators_indicator i ON i.id = iv.indicator_id
                    WHERE iv.{communes} AND iv.period_end <= %s
                ) latest
                WHERE n = 1 ORDER BY position, indicator_id""",
                [*ids, day_end],
            )
        ]
        out["documents"] = [
            (kind, f"{number}/{symbol}", str(issued_on), str(issued_on) >= str(start))
            for kind, number, symbol, issued_on in rows(
                f"""SELECT kind, number, symbol, issued_on FROM documents_document
                WHERE {communes} AND issued_on <= %s ORDER BY issued_on, number""",
                [*ids, day_end],
            )
        ]

        (classes,) = rows(
            f"""
            SELECT COUNT(*), COALESCE(SUM(officials), 0), COALESCE(SUM(teachers), 0),
                   COALESCE(SUM(students), 0), COALESCE(SUM(citizens), 0)
            FROM learning_digitalclass
            WHERE {communes} AND held_on >= %s AND held_on <= %s""",
            [*ids, day_start, day_end],
        )
        out["classes"] = classes
        courses = f"""c.{communes} AND c.period_start <= %s AND c.period_end >= %s"""
        out["courses"] = rows(
            f"""
            SELECT p.name, c."group", SUM(c.participants), SUM(c.completed)
            FROM learning_courseparticipation c
            JOIN learning_platform p ON p.id = c.platform_id
            WHERE {courses}
            GROUP BY p.name, p.url, p.position, c."group"
            ORDER BY p.position, c."group\"""",
            [*ids, day_end, day_start],
        )
        out["course_participants"] = rows(
            f"""SELECT c."group", SUM(c.participants) FROM learning_courseparticipation c
            WHERE {courses} GROUP BY c."group\"""",
            [*ids, day_end, day_start],
        )
        out["platforms"] = rows("SELECT name, url FROM learning_platform ORDER BY position")
    return normalize(out)


def _dec(value):
    return None if value is None else Decimal(str(value))


def normalize(raw: dict) -> dict:
    """The plain SQL's rows in the shape of numbers_of(): dicts where order is free."""
    from hocvuso.learning.models import LearnerGroup

    groups = [g.value for g in LearnerGroup]
    course_groups = dict.fromkeys(groups, 0) | {g: n for g, n in raw["course_participants"]}
    classes = raw["classes"]
    return {
        "visits": {
            **raw["visits"],
            "by_service": [tuple(r) for r in raw["by_service"]],
            "by_place": raw["by_place"],
            "by_village": raw["by_village"],
            "by_month": [tuple(r) for r in raw["by_month"]],
        },
        "outreach": {
            "by_channel": {code: (n, t, r) for code, n, t, r in raw["by_channel"]},
            "by_village": {code: (n, t) for code, n, t in raw["outreach_by_village"]},
            "zalo": tuple(raw["zalo"]),
            "zalo_by_village": {code: (n, m) for code, n, m in raw["zalo_by_village"]},
        },
        "teams": {
            "by_level": dict(raw["teams_by_level"]),
            "members": sum(n for _, n in raw["by_affiliation"]),
            "by_affiliation": dict(raw["by_affiliation"]),
            "by_team": [tuple(r) for r in raw["by_team"]],
        },
        "roster": tuple(raw["roster"]),
        "indicators": raw["indicators"],
        "documents": raw["documents"],
        "learning": {
            "classes": classes[0],
            "attendees": dict(zip(groups, classes[1:], strict=True)),
            "courses": [tuple(r) for r in raw["courses"]],
            "course_participants": course_groups,
            "platforms": [tuple(r) for r in raw["platforms"]],
        },
    }


def numbers_of(figures: dict) -> dict:
    """The numbers in collect_figures' result, without labels, to compare with the SQL."""
    from hocvuso.teams.models import TeamLevel

    v, o, t, lrn = figures["visits"], figures["outreach"], figures["teams"], figures["learning"]
    levels = {TeamLevel.COMMUNE: "commune", TeamLevel.VILLAGE: "village"}
    levels[TeamLevel.RAPID_RESPONSE] = "rapid"
    return {
        "visits": {
            "records": v["records"],
            "people": v["people"],
            "elderly": v["elderly_people"],
            "disability": v["disability_people"],
            "female": v["female_people"],
            "male": v["male_people"],
            "home": v["home_people"],
            "by_service": [(r["code"], r["visits"], r["people"]) for r in v["by_service"]],
            "by_place": {r["code"]: (r["visits"], r["people"]) for r in v["by_place"]},
            "by_village": {r["code"]: (r["visits"], r["people"]) for r in v["by_village"]},
            "by_month": [(r["month"], r["visits"], r["people"]) for r in v["by_month"]],
        },
        "outreach": {
            "by_channel": {
                r["code"]: (r["activities"], r["times"], r["reach"]) for r in o["by_channel"]
            },
            "by_village": {r["code"]: (r["activities"], r["times"]) for r in o["by_village"]},
            "zalo": (o["zalo_groups"], o["zalo_villages"], o["zalo_members"]),
            "zalo_by_village": {
                r["code"]: (r["groups"], r["members"]) for r in o["zalo_by_village"]
            },
        },
        "teams": {
            "by_level": {level: t[key] for level, key in levels.items() if t[key]},
            "members": t["members"],
            "by_affiliation": {r["code"]: r["members"] for r in t["by_affiliation"]},
            "by_team": [(r["name"], r["level"], r["village"], r["members"]) for r in t["by_team"]],
        },
        "roster": (
            figures["roster"]["shifts_planned"],
            figures["roster"]["shifts_held"],
            figures["roster"]["members_on_duty"],
        ),
        "indicators": [
            (
                i["code"],
                _dec(i["value"]),
                _dec(i["numerator"]),
                _dec(i["denominator"]),
                i["is_estimate"],
                i["period_end"],
                i["source"],
            )
            for i in figures["indicators"]
        ],
        "documents": [
            (d["kind"], d["number_symbol"], d["issued_on"], d["in_period"])
            for d in figures["documents"]
        ],
        "learning": {
            "classes": lrn["classes"],
            "attendees": {g: n for g, n in lrn["attendees"].items() if g != "total"},
            "courses": [
                (c["platform"], c["group_code"], c["participants"], c["completed"])
                for c in lrn["courses"]
            ],
            "course_participants": {
                g: n for g, n in lrn["course_participants"].items() if g != "total"
            },
            "platforms": [(p["name"], p["url"]) for p in lrn["platforms"]],
        },
    }


def check_same(figures: dict, sql: dict) -> None:
    """Stop the benchmark unless the ORM's figures equal the plain SQL's, field by field."""
    from hocvuso.documents.models import DocumentKind

    labels = dict(DocumentKind.choices)
    sql = {**sql, "documents": [(str(labels[k]), *rest) for k, *rest in sql["documents"]]}
    ours = numbers_of(figures)
    unchecked = set(figures) - set(ours)
    assert not unchecked, f"figures the benchmark does not check yet: {sorted(unchecked)}"
    wrong = []
    for section, value in ours.items():
        theirs = sql[section]
        if isinstance(value, dict):
            wrong += [
                f"{section}.{key}: figures {v!r} != SQL {theirs.get(key)!r}"
                for key, v in value.items()
                if v != theirs.get(key)
            ]
        elif value != theirs:
            wrong.append(f"{section}: figures {value!r} != SQL {theirs!r}")
    if wrong:
        raise AssertionError("The figures differ from the plain SQL:\n  " + "\n  ".join(wrong))


# --- Timing ----------------------------------------------------------------------------


def ms(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:8.1f} {min(times) * 1000:8.1f}"


def measure(demo, report, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hocvuso.core.periods import Period
    from hocvuso.reports.models import Report
    from hocvuso.reports.render.docx import render_docx
    from hocvuso.reports.snapshot import build_snapshot, collect_figures
    from hocvuso.support.models import SupportVisit

    period = Period(PERIOD_START, PERIOD_END)
    commune = demo.commune
    figures, figure_times = timed(lambda: collect_figures(commune, period), repeat)
    # The report is read afresh each time, as a request would: its commune, settings
    # and request are not cached from the previous run.
    docx, docx_times = timed(
        lambda: render_docx(build_snapshot(Report.objects.get(pk=report.pk))), repeat
    )
    sql, sql_times = timed(lambda: plain_sql(commune.pk, PERIOD_START, PERIOD_END), repeat)
    check_same(figures, sql)
    with CaptureQueriesContext(connection) as queries:
        collect_figures(commune, period)
    return {
        "visits": SupportVisit.objects.filter(commune=commune).count(),
        "in_period": figures["visits"]["records"],
        "figures": figure_times,
        "docx": docx_times,
        "sql": sql_times,
        "queries": len(queries),
        "captured": [q["sql"] for q in queries.captured_queries],
        "docx_bytes": docx,
    }


def explain(captured: list[str]) -> None:
    """The plan of each support-visit query of collect_figures, for --explain."""
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    with connection.cursor() as cursor:
        for query in captured:
            if "support_supportvisit" not in query:
                continue
            cursor.execute(prefix + query)
            print("\n" + query)
            for row in cursor.fetchall():
                print("   ", " | ".join(str(c) for c in row))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=200_000, help="visits at the last size")
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each measure")
    parser.add_argument("--pdf-repeat", type=int, default=3, help="timed PDF conversions")
    parser.add_argument("--explain", action="store_true", help="print the plans of the queries")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)

    url, remove = prepare_database(args.database_url)
    try:
        setup_django(url)
        return run(args)
    finally:
        end_run(url, remove, args.keep)


def run(args) -> int:
    from hocvuso.reports.models import Report, ReportRequest
    from hocvuso.reports.render.pdf import docx_to_pdf, soffice

    print("\n".join(machine()))
    started = time.perf_counter()
    demo = load_demo_commune()
    print(f"load      migrate + load_demo: {time.perf_counter() - started:.1f} s")
    report = Report.objects.create(
        commune=demo.commune,
        request=ReportRequest.objects.filter(number=1885).first(),
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        report_date=datetime.date(2026, 6, 1),
    )
    maker = VisitMaker(demo)
    results = []
    for size in sorted({min(FIRST_SIZE, args.visits), args.visits}):
        started = time.perf_counter()
        added = grow_to(maker, size)
        print(
            f"load      {added:,} visits added to reach {size:,}: "
            f"{time.perf_counter() - started:.1f} s"
        )
        results.append(measure(demo, report, args.repeat))

    header = "".join(f"  {r['visits']:>9,} visits   " for r in results)
    print(f"\n{'':34}{header}")
    print(f"{'(times in ms)':34}" + "  median      min   " * len(results))
    rows = [
        ("(a) figures (collect_figures)", "figures"),
        ("(b) figures + DOCX (snapshot)", "docx"),
        ("(c) plain SQL, same figures", "sql"),
    ]
    for label, key in rows:
        print(f"{label:34}" + "".join(f"  {ms(r[key])}   " for r in results))
    for label, key in [("(d) ratio (a)/(c)", "figures"), ("    ratio (b)/(c)", "docx")]:
        cells = "".join(
            f"  {statistics.median(r[key]) / statistics.median(r['sql']):8.2f}"
            f" {min(r[key]) / min(r['sql']):8.2f}   "
            for r in results
        )
        print(f"{label:34}{cells}")
    print(
        f"{'queries of collect_figures':34}" + "".join(f"  {r['queries']:17}   " for r in results)
    )
    print(f"{'visits in the period':34}" + "".join(f"  {r['in_period']:17,}   " for r in results))

    last = results[-1]
    if soffice():
        _, pdf_times = timed(lambda: docx_to_pdf(last["docx_bytes"]), args.pdf_repeat)
        print(f"{'(e) docx_to_pdf (LibreOffice)':34}  {ms(pdf_times)}")
    else:
        print("(e) docx_to_pdf: skipped, LibreOffice (soffice) is not installed")

    print(load_average("at the end"))
    print()
    print("check     the figures equal the plain SQL's at every size: yes")
    same = len({r["queries"] for r in results}) == 1
    print(f"check     queries do not grow with the visits: {'yes' if same else 'NO'}")
    ratio = statistics.median(last["figures"]) / statistics.median(last["sql"])
    print(
        f"goal      figures within {FIGURES_GOAL_RATIO}× of the plain SQL: "
        f"{'yes' if ratio <= FIGURES_GOAL_RATIO else 'NO'} ({ratio:.2f}×)"
    )
    docx = statistics.median(last["docx"])
    print(
        f"goal      figures + DOCX under {DOCX_GOAL_SECONDS:g} s: "
        f"{'yes' if docx < DOCX_GOAL_SECONDS else 'NO'} ({docx:.3f} s)"
    )
    if args.explain:
        explain(last["captured"])
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
