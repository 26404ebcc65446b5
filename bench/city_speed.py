"""How fast are the city's pages? Completeness and the city's report, against the plain SQL.

    .venv/bin/python bench/city_speed.py [--part demo|big|both] [--visits-per-commune 50000]
                                         [--database-url URL] [--repeat 5]

Each part runs in a database of its own, made for it and dropped after — a temporary
SQLite file by default, or the database of --database-url, whose name must contain "bench"
(for PostgreSQL: postgres://postgres@127.0.0.1:5432/hocvuso_city_bench) — never db.sqlite3
or the test databases.

(a) demo: the demo city, as `manage.py load_demo --city` builds it (114 communes, 36 of
    them with generated records, 23 accepted reports).
(b) big: the 114 communes of Hải Phòng with --visits-per-commune support visits each
    (50,000: 5.7 million), written by INSERT … SELECT in the database; each commune then
    issues its report (the snapshot is computed from its records — timed), sends it and
    has it accepted, so that the city's report adds up 114 snapshots.

For each it times, over --repeat runs after a warm-up (median and minimum):

  completeness(request)                      the completeness page's figures
  city_figures(request)                      the city's totals from the accepted snapshots
  render_city_docx(charts=False)             the city's report (its figures included)
  render_city_docx(charts=True)              the same with its charts: drawn (the cache of
                                             charts emptied before each run), then kept
                                             (drawn once, as every later download finds them)
  plain SQL over the snapshots' JSON         the same totals summed by the database
  plain SQL over the tables                  the visits and people of the accepted
                                             communes, counted live from support_supportvisit

and checks that the plain SQL gives the same numbers. The goals: the city's report under 2 s
(issue 7), and with its charts under 2 s once they are drawn (issue 15).
"""

import argparse
import contextlib
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import migrate, prepare_database, setup_django  # noqa: E402

PERIOD_START = datetime.date(2026, 1, 1)
PERIOD_END = datetime.date(2026, 5, 31)
DEADLINE = datetime.date(2026, 6, 5)
VILLAGES = 10
MEMBERS_PER_TEAM = 5
GOAL_SECONDS = 2.0


# --- The database --------------------------------------------------------------------


def analyze():
    """Give the planner fresh statistics, as PostgreSQL's autovacuum would after a load."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- (a) The demo city -----------------------------------------------------------------


def build_demo():
    from hocvuso.demo.builder import load_demo
    from hocvuso.demo.city import load_city

    started = time.perf_counter()
    city = load_city(load_demo())
    print(f"  built the demo city (load_demo --city) in {time.perf_counter() - started:.1f} s")
    return city.request


# --- (b) 114 communes with many visits ---------------------------------------------------


def build_big(visits_per_commune: int):
    """The communes of Hải Phòng with teams and `visits_per_commune` visits each, and a
    request with every commune's report issued, sent and accepted."""
    from django.db import connection, transaction

    from hocvuso.accounts.models import User
    from hocvuso.reports.models import ReportRequest
    from hocvuso.support.models import SupportVisit
    from hocvuso.units.models import Level, Unit
    from hocvuso.units.official import load_official_units

    load_official_units({31})
    province = Unit.objects.get(level=Level.PROVINCE, code="31")
    communes = list(province.communes().filter(level=Level.COMMUNE).order_by("code"))
    admin = User.objects.create_superuser("admin", password="bench-only")
    started = time.perf_counter()
    with transaction.atomic():
        plans = [_teams(commune) for commune in communes]
    print(
        f"  {len(communes)} communes: villages, teams, members in {time.perf_counter() - started:.1f} s"
    )

    started = time.perf_counter()
    tables = [SupportVisit._meta.db_table, SupportVisit.services.through._meta.db_table]
    with without_indexes(tables) as rebuilt:
        for plan in plans:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(*_visits_sql(plan, visits_per_commune))
                cursor.execute(*_services_sql(plan["commune"].pk))
    total = SupportVisit.objects.count()
    through = SupportVisit.services.through.objects.count()
    analyze()
    loading = time.perf_counter() - started
    print(
        f"  {total:,} visits ({through:,} visit-service rows) written in {loading:.1f} s "
        f"({total / loading:,.0f} visits/s; {rebuilt[0]:.1f} s of it rebuilding the indexes)"
    )
    request = ReportRequest.objects.create(
        province=province,
        number=1885,
        symbol="SKHCN-TTTT",
        issued_on=datetime.date(2026, 5, 15),
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        deadline=DEADLINE,
    )
    request.communes.set(communes)
    _issue_and_accept(request, communes, admin)
    return request


@contextlib.contextmanager
def without_indexes(tables: list[str]):
    """Drop the secondary indexes of `tables` for a bulk load and build them again after it,
    as a database restore does: building an index once over sorted keys is many times faster
    than updating it row by row. The indexes behind constraints (primary and unique keys)
    stay. Yields a list that receives the seconds spent rebuilding."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                """SELECT indexname, indexdef FROM pg_indexes
                WHERE tablename = ANY(%s)
                  AND indexname NOT IN (SELECT conname FROM pg_constraint)""",
                [tables],
            )
        else:
            marks = ", ".join(["%s"] * len(tables))
            cursor.execute(
                f"""SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})""",
                tables,
            )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    rebuilt = [0.0]
    try:
        yield rebuilt
    finally:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for _, definition in indexes:
                cursor.execute(definition)
        rebuilt[0] = time.perf_counter() - started


def _teams(commune) -> dict:
    from hocvuso.teams.models import Member, Membership, Role, Team, TeamLevel
    from hocvuso.units.models import Kind, Level, Unit

    villages = Unit.objects.bulk_create(
        [
            Unit(
                level=Level.VILLAGE,
                kind=Kind.THON,
                code=f"{commune.code}-{n:02d}",
                name=f"Thôn {n}",
                short_name=f"Thôn {n}",
                parent=commune,
                commune_scope=commune,
            )
            for n in range(1, VILLAGES + 1)
        ]
    )
    units = [commune, commune, *villages]
    levels = [TeamLevel.COMMUNE, TeamLevel.RAPID_RESPONSE] + [TeamLevel.VILLAGE] * VILLAGES
    teams = Team.objects.bulk_create(
        [
            Team(unit=unit, commune=commune, level=level, name=f"Tổ {unit.name} {n}")
            for n, (unit, level) in enumerate(zip(units, levels, strict=True))
        ]
    )
    members = Member.objects.bulk_create(
        [
            Member(commune=commune, full_name=f"Thành viên {commune.code}-{t}-{m}")
            for t in range(len(teams))
            for m in range(MEMBERS_PER_TEAM)
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(
                team=team,
                member=members[t * MEMBERS_PER_TEAM + m],
                role=Role.LEADER if m == 0 else Role.MEMBER,
            )
            for t, team in enumerate(teams)
            for m in range(MEMBERS_PER_TEAM)
        ]
    )
    team_members = [
        [members[t * MEMBERS_PER_TEAM + m].pk for m in range(MEMBERS_PER_TEAM)]
        for t in range(len(teams))
    ]
    return {
        "commune": commune,
        "villages": [v.pk for v in villages],
        "commune_team": teams[0].pk,
        "village_teams": [t.pk for t in teams[2:]],
        "commune_members": team_members[0],
        "village_members": team_members[2:],
    }


def _case(expression: str, values: list[int]) -> str:
    """CASE expression WHEN 0 THEN values[0] … END (the values are the database's own ids)."""
    whens = " ".join(f"WHEN {i} THEN {int(v)}" for i, v in enumerate(values))
    return f"CASE {expression} {whens} END"


# The modulo operator, written for a query with parameters: psycopg reads a lone "%" as the
# start of a placeholder, and Django's SQLite backend turns "%%" back into "%".
MOD = "%%"


def _draw(prime: int, key: str = "i") -> str:
    """A number from 0 to 999 that looks random across rows but is the same on every run."""
    return f"(({key} * {prime}) {MOD} 1000)"


def _visits_sql(plan: dict, count: int) -> tuple[str, list]:
    """One INSERT … SELECT of `count` visits of one commune, spread over the period's days
    and office hours by arithmetic on the row number i: the same rows on every run."""
    from django.db import connection

    postgres = connection.vendor == "postgresql"
    days = (PERIOD_END - PERIOD_START).days + 1
    where = _draw(7919)
    place = (
        f"CASE WHEN {where} < 780 THEN 'centre' WHEN {where} < 890 THEN 'cultural_house' "
        f"WHEN {where} < 960 THEN 'home' ELSE 'online' END"
    )
    at_centre = f"{where} < 780"
    village_index = f"((i * 104729) {MOD} {VILLAGES})"
    village = _case(village_index, plan["villages"])
    team = (
        f"CASE WHEN {at_centre} THEN {plan['commune_team']} "
        f"ELSE {_case(village_index, plan['village_teams'])} END"
    )
    helper = f"((i * 13) {MOD} {MEMBERS_PER_TEAM})"
    village_members = [m for team in plan["village_members"] for m in team]
    member = (
        f"CASE WHEN {at_centre} THEN {_case(helper, plan['commune_members'])} "
        f"ELSE {_case(f'{village_index} * {MEMBERS_PER_TEAM} + {helper}', village_members)} END"
    )
    group = f"({where} >= 780 AND {where} < 890 AND {_draw(31)} < 250)"
    age = _draw(613)
    band = (
        f"CASE WHEN {group} THEN 'mixed' WHEN {age} < 40 THEN 'under_18' "
        f"WHEN {age} < 350 THEN '18_39' WHEN {age} < 720 THEN '40_59' ELSE '60_plus' END"
    )
    outcome = _draw(577)
    # The day, and the minute in office hours (07:30–16:30, Việt Nam time, UTC+7 all year).
    day = f"((i * 48271) {MOD} {days})"
    minute = f"(450 + (i * 69621) {MOD} 540)"
    if postgres:
        # bigint: the row number times a prime overflows a 32-bit integer.
        numbers = "generate_series(0::bigint, %s - 1) AS i"
        occurred = (
            f"(TIMESTAMPTZ '{PERIOD_START.isoformat()} 00:00:00+07' + {day} * INTERVAL '1 day' "
            f"+ {minute} * INTERVAL '1 minute')"
        )
        boolean = lambda condition: f"({condition})"  # noqa: E731
        now = "NOW()"
        prefix = ""
    else:
        numbers = "n"
        prefix = "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %s - 1)"
        # SQLite keeps UTC text: 00:00 in Việt Nam is 17:00 UTC the day before.
        start = datetime.datetime.combine(PERIOD_START, datetime.time()) - datetime.timedelta(
            hours=7
        )
        occurred = (
            f"strftime('%%Y-%%m-%%d %%H:%%M:%%S', '{start:%Y-%m-%d %H:%M:%S}', "
            f"'+' || {day} || ' days', '+' || {minute} || ' minutes')"
        )
        boolean = lambda condition: f"(CASE WHEN {condition} THEN 1 ELSE 0 END)"  # noqa: E731
        now = "strftime('%%Y-%%m-%%d %%H:%%M:%%f', 'now')"
    sql = f"""
        INSERT INTO support_supportvisit (commune_id, village_id, team_id, member_id,
            occurred_at, place, people, gender, age_band, elderly, disability, outcome, note,
            created_at, updated_at)
        {prefix}
        SELECT {plan["commune"].pk},
               CASE WHEN {at_centre} AND {_draw(211)} >= 750 THEN NULL ELSE {village} END,
               {team}, {member}, {occurred}, {place},
               CASE WHEN {group} THEN 3 + (i {MOD} 6) ELSE 1 END,
               CASE WHEN {group} THEN 'mixed' WHEN {_draw(389)} < 530 THEN 'female'
                    ELSE 'male' END,
               {band},
               {boolean(f"{age} >= 720 OR ({group} AND {_draw(97)} < 400)")},
               {boolean(f"{_draw(151)} < 15")},
               CASE WHEN {outcome} < 910 THEN 'done'
                    WHEN {outcome} < 970 THEN 'partly' ELSE 'referred' END,
               '', {now}, {now}
        FROM {numbers}"""
    return sql, [count]


def _services_sql(commune_id: int) -> tuple[str, list]:
    """One service for every visit, a second for three in ten, drawn by arithmetic on the
    visit's id with the weights of the demo's catalogue."""
    from hocvuso.demo.visits import SERVICE_WEIGHTS
    from hocvuso.support.models import Service

    ids = dict(Service.objects.values_list("code", "pk"))
    codes = list(SERVICE_WEIGHTS)
    weights = sum(SERVICE_WEIGHTS.values())
    draw, running, whens = _draw(7, "v.id"), 0, []
    for index, code in enumerate(codes):
        running += SERVICE_WEIGHTS[code]
        whens.append(f"WHEN {draw} < {running * 1000 // weights} THEN {index}")
    first = f"CASE {' '.join(whens)} ELSE {len(codes) - 1} END"
    service = [ids[code] for code in codes]
    second = f"(({first}) + 1 + v.id {MOD} 3) {MOD} {len(codes)}"
    return (
        f"""
        INSERT INTO support_supportvisit_services (supportvisit_id, service_id)
        SELECT v.id, {_case(first, service)} FROM support_supportvisit v WHERE v.commune_id = %s
        UNION ALL
        SELECT v.id, {_case(second, service)} FROM support_supportvisit v
        WHERE v.commune_id = %s AND v.id {MOD} 10 < 3""",
        [commune_id, commune_id],
    )


def _issue_and_accept(request, communes, admin):
    from django.db import transaction

    from hocvuso.city.services import review, submit_report
    from hocvuso.reports.services import create_report, issue_report

    started = time.perf_counter()
    reports = []
    for commune in communes:
        with transaction.atomic():
            report = create_report(commune, request=request, report_date=DEADLINE)
            reports.append(issue_report(report, user=admin))
    building = time.perf_counter() - started
    print(
        f"  {len(reports)} reports issued, their snapshots computed from the records, in "
        f"{building:.1f} s ({building / len(reports) * 1000:.0f} ms a commune)"
    )
    for report in reports:
        review(admin, submit_report(admin, request, report), accept=True)


# --- The plain SQL ---------------------------------------------------------------------


def sql_from_snapshots(request) -> dict:
    """The totals of city_figures, summed by the database from the accepted snapshots."""
    from django.db import connection

    if connection.vendor == "postgresql":
        number = lambda path: f"(r.snapshot #>> '{{{','.join(path.split('.'))}}}')::bigint"  # noqa: E731
        length = "jsonb_array_length(r.snapshot #> '{figures,documents}')"
    else:
        number = lambda path: f"json_extract(r.snapshot, '$.{path}')"  # noqa: E731
        length = "json_array_length(r.snapshot, '$.figures.documents')"
    f = lambda path: number(f"figures.{path}")  # noqa: E731
    columns = {
        "teams": f"{f('teams.commune')} + {f('teams.village')} + {f('teams.rapid')}",
        "teams_commune": f("teams.commune"),
        "teams_village": f("teams.village"),
        "teams_rapid": f("teams.rapid"),
        "members": f("teams.members"),
        "visit_records": f("visits.records"),
        "people_helped": f("visits.people"),
        "elderly_helped": f("visits.elderly_people"),
        "class_attendees": f("learning.attendees.total"),
        "course_participants": f("learning.course_participants.total"),
        "people_trained": f"{f('learning.attendees.total')} + "
        f"{f('learning.course_participants.total')}",
        "documents": length,
        "outreach": f("outreach.activities"),
        "zalo_groups": f("outreach.zalo_groups"),
    }
    select = ", ".join(f"COALESCE(SUM({sql}), 0)" for sql in columns.values())
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT COUNT(*), {select}
            FROM city_submission s JOIN reports_report r ON r.id = s.report_id
            WHERE s.request_id = %s AND s.status = 'accepted'""",
            [request.pk],
        )
        reported, *sums = cursor.fetchone()
    return {"reported": reported, "totals": dict(zip(columns, map(int, sums), strict=True))}


def sql_from_tables(request) -> dict:
    """The visits and people of the accepted communes in the period, counted live."""
    from django.db import connection

    from hocvuso.core.periods import Period

    lower, upper = Period(request.period_start, request.period_end).bounds
    ops = connection.ops
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT COUNT(*), COALESCE(SUM(v.people), 0) FROM support_supportvisit v
            WHERE v.commune_id IN (SELECT s.commune_id FROM city_submission s
                                   WHERE s.request_id = %s AND s.status = 'accepted')
              AND v.occurred_at >= %s AND v.occurred_at < %s""",
            [
                request.pk,
                ops.adapt_datetimefield_value(lower),
                ops.adapt_datetimefield_value(upper),
            ],
        )
        records, people = cursor.fetchone()
    return {"visit_records": records, "people_helped": int(people)}


def sql_completeness(request) -> dict:
    """Expected, sent and on-time counts of completeness(), by one query."""
    from django.db import connection
    from django.utils import timezone

    # On time: first sent before the day after the deadline begins, in Việt Nam time.
    end = datetime.datetime.combine(
        request.deadline + datetime.timedelta(days=1),
        datetime.time(),
        tzinfo=timezone.get_current_timezone(),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT COUNT(*), COUNT(s.id),
                      COALESCE(SUM(CASE WHEN s.first_sent_at < %s THEN 1 ELSE 0 END), 0)
            FROM reports_reportrequest_communes rc
            LEFT JOIN city_submission s
                   ON s.request_id = rc.reportrequest_id AND s.commune_id = rc.unit_id
            WHERE rc.reportrequest_id = %s""",
            [connection.ops.adapt_datetimefield_value(end), request.pk],
        )
        expected, sent, on_time = cursor.fetchone()
    return {"expected": expected, "sent": sent, "on_time": int(on_time)}


# --- Timing ----------------------------------------------------------------------------


class Times(list):
    """Wall-clock seconds of the runs, with the process's CPU seconds beside them: on a busy
    machine the CPU time says what the work costs (with SQLite the database works inside
    the process; PostgreSQL's own work is not in it)."""

    cpu: list[float]


def timed(fn, repeat: int) -> tuple[object, Times]:
    """Run fn once to warm up (caches, the template, matplotlib), then `repeat` timed times."""
    result = fn()
    times = Times()
    times.cpu = []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - started)
        times.cpu.append(time.process_time() - cpu)
    return result, times


def ms(times: Times) -> str:
    median = statistics.median
    return f"{median(times) * 1000:9.1f} {min(times) * 1000:9.1f} {median(times.cpu) * 1000:9.1f}"


def measure(request, repeat: int) -> None:
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hocvuso.city.render import render_city_docx
    from hocvuso.city.services import completeness
    from hocvuso.city.synthesis import city_figures
    from hocvuso.reports.render.charts import CACHE

    report_date = DEADLINE + datetime.timedelta(days=17)
    status, t_completeness = timed(lambda: completeness(request), repeat)
    figures, t_figures = timed(lambda: city_figures(request), repeat)
    docx, t_docx = timed(lambda: render_city_docx(request, report_date, charts=False), repeat)

    def with_charts_drawn():
        caches[CACHE].clear()
        return render_city_docx(request, report_date, charts=True)

    _, t_drawn = timed(with_charts_drawn, max(1, repeat // 2))
    _, t_kept = timed(lambda: render_city_docx(request, report_date, charts=True), repeat)
    snapshots, t_sql_json = timed(lambda: sql_from_snapshots(request), repeat)
    # Scanning millions of visits takes seconds a run: fewer runs.
    tables, t_sql_tables = timed(lambda: sql_from_tables(request), max(1, repeat // 5))
    counts, t_sql_completeness = timed(lambda: sql_completeness(request), repeat)

    # The plain SQL must say what the application says.
    assert snapshots["reported"] == figures["reported"], (snapshots, figures["reported"])
    assert snapshots["totals"] == figures["totals"], (snapshots["totals"], figures["totals"])
    assert tables == {k: figures["totals"][k] for k in tables}, (tables, figures["totals"])
    assert counts == {"expected": status.expected, "sent": status.sent, "on_time": status.on_time}

    with CaptureQueriesContext(connection) as q_completeness:
        completeness(request)
    with CaptureQueriesContext(connection) as q_figures:
        city_figures(request)
    with CaptureQueriesContext(connection) as q_docx:
        render_city_docx(request, report_date, charts=False)

    t = figures["totals"]
    print(
        f"  {status.expected} communes asked, {status.sent} sent, {figures['reported']} accepted; "
        f"{t['visit_records']:,} visits, {t['people_helped']:,} people helped in the accepted "
        f"snapshots; the report is {len(docx) / 1024:.0f} KB"
    )
    print(f"  {'':48} {'median ms':>9} {'min ms':>9} {'cpu ms':>9}  queries")
    rows = [
        ("completeness(request)", t_completeness, len(q_completeness)),
        ("city_figures(request)", t_figures, len(q_figures)),
        ("city report: render_city_docx, no charts", t_docx, len(q_docx)),
        ("city report with its charts, drawn", t_drawn, ""),
        ("city report with its charts, kept", t_kept, ""),
        ("plain SQL: totals from the snapshots' JSON", t_sql_json, 1),
        ("plain SQL: visits, people from the tables", t_sql_tables, 1),
        ("plain SQL: completeness counts", t_sql_completeness, 1),
    ]
    for label, times, queries in rows:
        print(f"  {label:48} {ms(times)}  {queries}")
    median = statistics.median
    print(
        f"  ratios: city_figures / SQL over the snapshots = "
        f"{median(t_figures) / median(t_sql_json):.1f}×; completeness / its SQL = "
        f"{median(t_completeness) / median(t_sql_completeness):.1f}×; "
        f"SQL over the tables / SQL over the snapshots = "
        f"{median(t_sql_tables) / median(t_sql_json):.0f}×"
    )
    verdict = "met" if median(t_docx) < GOAL_SECONDS else "NOT met"
    print(f"  goal: city report under {GOAL_SECONDS:g} s — {verdict} ({median(t_docx):.2f} s)")
    verdict = "met" if median(t_kept) < GOAL_SECONDS else "NOT met"
    print(
        f"  goal: city report with its charts, once drawn, under {GOAL_SECONDS:g} s — {verdict} "
        f"({median(t_kept):.2f} s)"
    )


# --- Main ------------------------------------------------------------------------------


def run_part(part: str, url: str | None, visits: int, repeat: int) -> None:
    url, drop = prepare_database(url, prefix=f"hocvuso-city-bench-{part}-")
    charts = tempfile.mkdtemp(prefix="hocvuso-city-bench-charts-")
    try:
        setup_django(url, CHART_CACHE_DIR=charts)
        from django.db import connection

        started = time.perf_counter()
        migrate()
        print(f"[{part}] {connection.vendor} — migrated in {time.perf_counter() - started:.1f} s")
        if part == "demo":
            request = build_demo()
        else:
            request = build_big(visits)
        analyze()
        measure(request, repeat)
        connection.close()
    finally:
        drop()
        shutil.rmtree(charts, True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=["demo", "big", "both"], default="both")
    parser.add_argument("--visits-per-commune", type=int, default=50_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    if options.part == "both":
        print(
            f"{datetime.date.today()} · {platform.node()} · {platform.processor() or platform.machine()}"
            f" · {os.cpu_count()} CPUs · Python {platform.python_version()} · load average "
            f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        # Each part in a process of its own: Django is set up once per database.
        for part in ("demo", "big"):
            command = [sys.executable, __file__, "--part", part]
            command += ["--visits-per-commune", str(options.visits_per_commune)]
            command += ["--repeat", str(options.repeat)]
            if options.database_url:
                command += ["--database-url", options.database_url]
            subprocess.run(command, check=True)
        return
    run_part(options.part, options.database_url, options.visits_per_commune, options.repeat)


if __name__ == "__main__":
    main()
