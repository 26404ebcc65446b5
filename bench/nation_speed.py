"""The whole country on one PostgreSQL: the national dataset, then each level's pages timed
beside the plain SQL that computes the same figures from the raw rows.

    python bench/nation_speed.py [--scale 0.01] [--repeat 5] [--communes 5]
        [--database-url postgres://postgres@127.0.0.1:5432/hocvuso_nation_bench] [--keep]
    make bench-nation        # scale 0.1 (5 million visits) on PostgreSQL

Makes its own database (dropped before and after, see common.py), migrates it and runs
`load_demo --nation --scale S` (every province and commune of the official list, a year of
visits, the provinces' reporting season and the Ministry's request with the provinces'
answers). Then, median and minimum of `--repeat` runs after a warm-up, with the load average:

- (a) a commune's report, figures + DOCX, for `--communes` communes spread over the country;
  beside `report_speed.plain_sql` over that commune's raw rows, field by field equal;
- (b) a province's completeness page and its live dashboard (the officer's /tong-quan/),
  through the Django test client as the officer sees them; beside plain SQL over the
  submissions, and over the province's raw visits grouped by commune;
- (c) the national dashboard (/trung-uong/tong-quan/) as the Ministry's officer sees it;
  beside plain SQL over every raw visit, grouped by province;
- (d) the Ministry's report (DOCX, no charts, and with its charts) from the provinces'
  accepted snapshots; beside plain SQL that follows the accepted answers down to the
  communes' accepted reports and counts their raw visits in the period.

Every figure the application states is checked against its plain SQL: the script stops with
an error if any differs. Goals (issue 15): (a) < 0.5 s, (b) < 0.5 s each, (c) < 1 s, (d) < 3 s.
"""

import argparse
import datetime
import os
import statistics
import sys
import time

from common import end_run, load_average, machine, migrate, prepare_database, setup_django, timed

GOALS = {"commune": 0.5, "completeness": 0.5, "province": 0.5, "nation": 1.0, "ministry": 3.0}


def line(label: str, times: list[float], sql: list[float] | None = None, goal: float | None = None):
    median = statistics.median(times)
    text = f"  {label:<52} {median * 1000:9.1f} {min(times) * 1000:9.1f}"
    if sql:
        text += f" {statistics.median(sql) * 1000:9.1f} {statistics.median(times) / statistics.median(sql):6.1f}×"
    else:
        text += " " * 17
    if goal is not None:
        text += f"  goal < {goal:g} s: {'met' if median < goal else 'NOT met'}"
    print(text)
    return median


def get(client, url: str, params=None):
    # As behind the HTTPS proxy of production (SECURE_SSL_REDIRECT).
    response = client.get(url, params or {}, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}, not 200")
    return response


def check(name: str, app, sql) -> None:
    if app != sql:
        raise SystemExit(f"DIFFERENT {name}: application {app!r} != plain SQL {sql!r}")


# --- The plain SQL -------------------------------------------------------------------------


def sql_visits_by(group: str, communes_sql: str, params: list, period) -> dict[int, tuple]:
    """Visits and people in `period`, from the raw visits, grouped by the commune or by its
    province, of the communes `communes_sql` selects."""
    from django.db import connection

    lower, upper = period.bounds
    key = "u.parent_id" if group == "province" else "v.commune_id"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT {key}, COUNT(*), COALESCE(SUM(v.people), 0)
            FROM support_supportvisit v JOIN units_unit u ON u.id = v.commune_id
            WHERE v.occurred_at >= %s AND v.occurred_at < %s AND v.commune_id IN ({communes_sql})
            GROUP BY {key}""",
            [lower, upper, *params],
        )
        return {row[0]: (row[1], int(row[2])) for row in cursor.fetchall() if row[1]}


def sql_ministry(national) -> dict:
    """What the Ministry's report adds up, from the raw rows: the provinces whose answer the
    Ministry accepted, the communes whose reports those provinces accepted in the request
    their answer adds up, and those communes' visits in the period."""
    from django.db import connection

    lower, upper = national.period.bounds
    accepted = """SELECT cs.commune_id FROM city_submission ns
        JOIN reports_report pr ON pr.id = ns.report_id
        JOIN city_submission cs ON cs.request_id = pr.source_request_id AND cs.status = 'accepted'
        WHERE ns.request_id = %s AND ns.status = 'accepted'"""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM city_submission WHERE request_id = %s AND status = 'accepted'",
            [national.pk],
        )
        provinces = cursor.fetchone()[0]
        cursor.execute(
            f"""SELECT COUNT(*), COALESCE(SUM(v.people), 0) FROM support_supportvisit v
            WHERE v.occurred_at >= %s AND v.occurred_at < %s AND v.commune_id IN ({accepted})""",
            [lower, upper, national.pk],
        )
        records, people = cursor.fetchone()
    return {"reported": provinces, "visit_records": records, "people_helped": int(people)}


# --- The measures --------------------------------------------------------------------------


def communes_spread(count: int):
    from hocvuso.support.models import MonthlyTotal
    from hocvuso.units.models import Unit

    with_visits = Unit.objects.filter(
        pk__in=MonthlyTotal.objects.values("commune_id").distinct()
    ).order_by("code")
    total = with_visits.count()
    step = max(1, total // count)
    return [with_visits[i] for i in range(0, total, step)][:count]


def measure_communes(count: int, period, repeat: int) -> list[float]:
    from report_speed import check_same, plain_sql

    from hocvuso.reports.models import Report
    from hocvuso.reports.render.docx import render_docx
    from hocvuso.reports.snapshot import build_snapshot, collect_figures

    medians = []
    print(f"\n(a) a commune's report, {period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}")
    print(f"  {'':52} {'median ms':>9} {'min ms':>9} {'SQL ms':>9} {'ratio':>6}")
    for commune in communes_spread(count):
        report = Report.objects.create(
            commune=commune,
            period_start=period.start,
            period_end=period.end,
            report_date=period.end + datetime.timedelta(days=5),
        )
        _, times = timed(
            lambda r=report: render_docx(build_snapshot(Report.objects.get(pk=r.pk))), repeat
        )
        sql, sql_times = timed(lambda c=commune: plain_sql(c.pk, period.start, period.end), repeat)
        figures = collect_figures(commune, period)
        check_same(figures, sql)
        visits = figures["visits"]["records"]
        medians.append(
            line(f"{commune.name[:30]} ({visits:,} visits)", times, sql_times, GOALS["commune"])
        )
        report.delete()
    return medians


def measure_province(province, request, period, repeat: int, client) -> tuple[float, float]:
    from city_speed import sql_completeness
    from django.urls import reverse

    from hocvuso.accounts.models import User, UserRole
    from hocvuso.city.services import completeness
    from hocvuso.support.figures import daily_totals_for
    from hocvuso.units.models import Level, Unit

    officer = User.objects.filter(role=UserRole.CITY_OFFICER, unit=province, is_active=True).first()
    if officer is None:
        officer = User.objects.create(
            username=f"bench-province-{province.code}", role=UserRole.CITY_OFFICER, unit=province
        )
    client.force_login(officer)
    communes = list(
        Unit.objects.filter(level=Level.COMMUNE, parent=province).values_list("pk", flat=True)
    )
    print(f"\n(b) {province.name}: {len(communes):,} communes, its request {request}")
    print(f"  {'':52} {'median ms':>9} {'min ms':>9} {'SQL ms':>9} {'ratio':>6}")

    url = reverse("city:request", args=[request.pk])
    _, page = timed(lambda: get(client, url), repeat)
    status = completeness(request)
    counts, sql = timed(lambda: sql_completeness(request), repeat)
    check("completeness", {"expected": status.expected, "sent": status.sent,
                           "on_time": status.on_time}, counts)  # fmt: skip
    done = line("completeness page (city:request)", page, sql, GOALS["completeness"])

    overview = reverse("overview:index")
    _, page = timed(lambda: get(client, overview), repeat)
    figures = daily_totals_for(communes, period, per="commune")
    placeholders = ", ".join(["%s"] * len(communes))
    raw, sql = timed(
        lambda: sql_visits_by("commune", placeholders, communes, period), max(1, repeat // 2)
    )
    check(
        "province dashboard by commune",
        {row["id"]: (row["visits"], row["people"]) for row in figures["by_unit"]},
        raw,
    )
    live = line("live dashboard (/tong-quan/), from the totals", page, sql, GOALS["province"])
    return done, live


def measure_nation(period, repeat: int, client, ministry) -> float:
    from django.urls import reverse

    from hocvuso.nation.dashboard import country

    client.force_login(ministry)
    url = reverse("nation:dashboard")
    params = {"nam": period.start.year}
    year = country_period(period.start.year)
    print(f"\n(c) the national dashboard, {year.start:%d/%m/%Y} – {year.end:%d/%m/%Y}")
    print(f"  {'':52} {'median ms':>9} {'min ms':>9} {'SQL ms':>9} {'ratio':>6}")
    _, page = timed(lambda: get(client, url, params), repeat)
    figures = country(year)
    raw, sql = timed(
        lambda: sql_visits_by("province", "SELECT id FROM units_unit", [], year),
        max(1, repeat // 3),
    )
    check(
        "national dashboard by province",
        {r.unit.pk: (r.visits, r.people) for r in figures["rows"] if r.visits},
        raw,
    )
    return line("national dashboard page, from the totals", page, sql, GOALS["nation"])


def country_period(year: int):
    from django.utils import timezone

    from hocvuso.core.periods import Period

    today = timezone.localdate()
    return Period(datetime.date(year, 1, 1), min(today, datetime.date(year, 12, 31)))


def measure_ministry(national, repeat: int) -> float:
    from hocvuso.city.synthesis import city_figures
    from hocvuso.nation.report import render_nation_docx

    print(f"\n(d) the Ministry's report: {national}")
    print(f"  {'':52} {'median ms':>9} {'min ms':>9} {'SQL ms':>9} {'ratio':>6}")
    figures = city_figures(national)
    raw, sql = timed(lambda: sql_ministry(national), max(1, repeat // 2))
    check(
        "the Ministry's report",
        {
            "reported": figures["reported"],
            "visit_records": figures["totals"]["visit_records"],
            "people_helped": figures["totals"]["people_helped"],
        },
        raw,
    )
    report_date = national.deadline + datetime.timedelta(days=10)
    _, plain = timed(lambda: render_nation_docx(national, report_date, charts=False), repeat)
    line(f"DOCX from {figures['reported']} province snapshots, no charts", plain, sql)
    _, charted = timed(lambda: render_nation_docx(national, report_date, charts=True), repeat)
    return line("DOCX with its charts (drawn once, kept)", charted, sql, GOALS["ministry"])


def ensure_national_answers(national) -> None:
    """Every province asked answers and is accepted, so that the Ministry's report adds up
    every province (the dataset leaves some waiting, returned or missing)."""
    from hocvuso.accounts.models import User, UserRole
    from hocvuso.city.models import SubmissionStatus
    from hocvuso.city.services import review
    from hocvuso.nation.services import answer_for_province, answer_of

    ministry = User.objects.filter(role=UserRole.MINISTRY_OFFICER).first()
    for province in national.recipients.all():
        answer = answer_of(province, national)
        if answer is not None and answer.status == SubmissionStatus.ACCEPTED:
            continue
        if answer is None or answer.status == SubmissionStatus.RETURNED:
            officer = User.objects.filter(role=UserRole.CITY_OFFICER, unit=province).first()
            if officer is None:
                officer = User.objects.create(
                    username=f"bench-province-{province.code}",
                    role=UserRole.CITY_OFFICER,
                    unit=province,
                )
            answer = answer_for_province(officer, national)
        review(ministry, answer, accept=True)


def run(args) -> int:
    from django.db import connection
    from django.test import Client

    from hocvuso.accounts.models import User, UserRole
    from hocvuso.demo.nation import load_nation
    from hocvuso.reports.models import ReportRequest
    from hocvuso.support.models import SupportVisit

    for text in machine():
        print(text, flush=True)
    if not args.reuse:
        started = time.perf_counter()
        migrate()
        print(f"migrate: {time.perf_counter() - started:.1f} s", flush=True)

        def report(phase):
            print(
                f"  load {phase.name:<28} {phase.seconds:7.1f} s  {phase.rows:>12,} rows",
                flush=True,
            )

        started = time.perf_counter()
        load_nation(args.scale, None, report=report)
        loaded = time.perf_counter() - started
        print(f"load_demo --nation --scale {args.scale:g}: {loaded:.0f} s")
    visits = SupportVisit.objects.count()
    print(f"{visits:,} visits")
    print(load_average("after the load"))

    national = ReportRequest.objects.national().order_by("-issued_on").first()
    if national is None:
        raise SystemExit(
            "The dataset has no request of the Ministry: load_demo --nation made none."
        )
    ensure_national_answers(national)
    source = ReportRequest.objects.of_provinces().filter(
        period_start=national.period_start, period_end=national.period_end
    )
    # The province with the most communes: the slowest of the provinces' pages.
    request = max(source, key=lambda r: r.recipients.count())
    province = request.province

    # Static files by their plain names: the benchmark runs no collectstatic.
    from django.conf import settings

    backend = "django.contrib.staticfiles.storage.StaticFilesStorage"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}
    client = Client()
    ministry = User.objects.filter(role=UserRole.MINISTRY_OFFICER).first()
    commune_times = measure_communes(args.communes, request.period, args.repeat)
    completeness, live = measure_province(province, request, request.period, args.repeat, client)
    nation = measure_nation(request.period, args.repeat, client, ministry)
    ministry_report = measure_ministry(national, args.repeat)

    print()
    print(load_average("at the end"))
    print(f"database: {connection.vendor}, {visits:,} visits")
    print("check     every figure equals its plain SQL: yes")
    results = [
        ("a commune's report (slowest of those timed)", max(commune_times), GOALS["commune"]),
        ("a province's completeness page", completeness, GOALS["completeness"]),
        ("a province's live dashboard", live, GOALS["province"]),
        ("the national dashboard", nation, GOALS["nation"]),
        ("the Ministry's report with charts", ministry_report, GOALS["ministry"]),
    ]
    for label, seconds, goal in results:
        verdict = "met" if seconds < goal else "NOT met"
        print(f"goal      {label} under {goal:g} s: {verdict} ({seconds:.3f} s)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.01, help="1 = 50 million visits")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_NATION_POSTGRES", "postgres://postgres@127.0.0.1:5432/hocvuso_nation_bench"
        ),
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--communes", type=int, default=5, help="communes whose report is timed")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the database a former --keep run left, without loading it again",
    )
    args = parser.parse_args()
    if args.reuse:
        url, remove = args.database_url, lambda: None
        args.keep = True
    else:
        url, remove = prepare_database(args.database_url, prefix="hocvuso-nation-speed-")
    try:
        # The second factor is not what is timed: the officers' pages are read signed in.
        setup_django(url, OTP_REQUIRED="false", SECURE_COOKIES="false")
        return run(args)
    finally:
        end_run(url, remove, args.keep)


if __name__ == "__main__":
    sys.exit(main())
