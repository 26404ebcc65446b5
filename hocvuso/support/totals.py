"""Daily and monthly totals of support visits per commune, kept equal to the visits.

The province's and the nation's live figures read `DailyTotal` and `DailyServiceTotal`
(a few rows a commune and day) and `MonthlyTotal` and `MonthlyServiceTotal` (the same
counts a commune and month: `support.figures.daily_totals_for` reads the months a period
covers whole from these, its edges from the days) instead of every visit. Every write of
a visit changes all four in its own transaction through `count_changes` (or, for an
import's prepared statements, `changes_statements`): each statement adds to a row with
`INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`, which PostgreSQL and SQLite
run atomically, so that two volunteers logging at once never lose a count. The rows
a write touches are changed table after table in one fixed order (`TABLES`), and within
a table in the order of their keys, so that two writes never wait for each other's rows
in opposite orders (a deadlock).

Loaders that insert visits without the service (the demo, a COPY of millions of rows)
call `rebuild`, one `INSERT … SELECT … GROUP BY` per table (the months from the days);
`differences` (the command `check_daily_totals`) compares the totals with the visits.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from hocvuso.core.bulk import run_statements
from hocvuso.units.models import Level, Unit

from .figures import SUMS
from .models import (
    DailyServiceTotal,
    DailyTotal,
    Gender,
    MonthlyServiceTotal,
    MonthlyTotal,
    SupportVisit,
)

# The counts of a (commune, day or month, place) row, in the order of the statements' values.
DAY_FIELDS = ("visits", "people", *SUMS)
SERVICE_FIELDS = ("visits", "people")

# The tables of totals, in the order every write changes them: (model, keys, counts).
TABLES = (
    (DailyTotal, ("commune", "day", "place"), DAY_FIELDS),
    (DailyServiceTotal, ("commune", "day", "service"), SERVICE_FIELDS),
    (MonthlyTotal, ("commune", "month", "place"), DAY_FIELDS),
    (MonthlyServiceTotal, ("commune", "month", "service"), SERVICE_FIELDS),
)


def local_day(moment: datetime.datetime) -> datetime.date:
    """The day a visit counts on: its date in the project's time zone (settings.TIME_ZONE),
    whatever zone a request runs in, as `rebuild` computes it in SQL."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


@dataclass(frozen=True)
class Counted:
    """What one visit adds to the totals."""

    commune_id: int
    day: datetime.date
    place: str
    people: int
    elderly: bool
    disability: bool
    gender: str
    service_ids: tuple[int, ...]

    @classmethod
    def of(cls, visit: SupportVisit, service_ids: Iterable[int]) -> Counted:
        return cls(
            commune_id=visit.commune_id,
            day=local_day(visit.occurred_at),
            place=visit.place,
            people=visit.people,
            elderly=visit.elderly,
            disability=visit.disability,
            gender=visit.gender,
            service_ids=tuple(sorted(set(service_ids))),
        )

    def day_counts(self) -> tuple[int, ...]:
        """The counts in the order of DAY_FIELDS."""
        people = self.people
        return (
            1,
            people,
            people if self.elderly else 0,
            people if self.disability else 0,
            people if self.gender == Gender.FEMALE else 0,
            people if self.gender == Gender.MALE else 0,
        )


def counted_in_database(visits) -> list[Counted]:
    """What the saved `visits` (a queryset) add to the totals, in two queries."""
    rows = list(
        visits.order_by().values(
            "pk", "commune_id", "occurred_at", "place", "people", "elderly", "disability", "gender"
        )
    )
    services = defaultdict(list)
    through = SupportVisit.services.through
    links = through.objects.filter(supportvisit_id__in=[row["pk"] for row in rows])
    for visit_id, service_id in links.values_list("supportvisit_id", "service_id"):
        services[visit_id].append(service_id)
    return [
        Counted(
            commune_id=row["commune_id"],
            day=local_day(row["occurred_at"]),
            place=row["place"],
            people=row["people"],
            elderly=row["elderly"],
            disability=row["disability"],
            gender=row["gender"],
            service_ids=tuple(sorted(services[row["pk"]])),
        )
        for row in rows
    ]


def _quoted(connection, model, fields) -> tuple[str, list[str]]:
    quote = connection.ops.quote_name
    columns = [quote(model._meta.get_field(name).column) for name in fields]
    return quote(model._meta.db_table), columns


def _upsert_sql(connection, model, keys, counts) -> str:
    """INSERT … ON CONFLICT (keys) DO UPDATE SET count = count + excluded.count."""
    table, key_columns = _quoted(connection, model, keys)
    _, count_columns = _quoted(connection, model, counts)
    columns = key_columns + count_columns
    additions = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in count_columns)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # nosec B608 — names are the models', quoted; values are parameters
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {additions}"
    )


def _zeros(n: int):
    return lambda: [0] * n


def changes_statements(
    removed: Iterable[Counted] = (), added: Iterable[Counted] = ()
) -> list[tuple[str, list[tuple]]]:
    """The statements that take `removed` visits out of the totals and put `added` ones in,
    one row a (commune, day, place), (commune, day, service), (commune, month, place) and
    (commune, month, service), table after table in the order of `TABLES`, for
    `core.bulk.run_statements`."""
    # In the order of TABLES: by day and place, by day and service, then by month.
    changes = [defaultdict(_zeros(len(fields))) for _, _, fields in TABLES]
    for sign, visits in ((-1, removed), (1, added)):
        for visit in visits:
            counts = visit.day_counts()
            for by_place, by_service, when in (
                (changes[0], changes[1], visit.day),
                (changes[2], changes[3], visit.day.replace(day=1)),
            ):
                row = by_place[visit.commune_id, when, visit.place]
                for index, count in enumerate(counts):
                    row[index] += sign * count
                for service_id in visit.service_ids:
                    row = by_service[visit.commune_id, when, service_id]
                    row[0] += sign
                    row[1] += sign * visit.people
    connection = connections[DEFAULT_DB_ALIAS]
    adapt = connection.ops.adapt_datefield_value
    statements = []
    for (model, keys, fields), changed in zip(TABLES, changes, strict=True):
        # An edit that changes nothing counted (a note, an outcome) writes nothing; nor
        # one that moves a visit between two days of a month, to the month's row.
        rows = [
            (commune_id, adapt(when), other, *counts)
            for (commune_id, when, other), counts in sorted(changed.items())
            if any(counts)
        ]
        if rows:
            statements.append((_upsert_sql(connection, model, keys, fields), rows))
    return statements


def count_changes(removed: Iterable[Counted] = (), added: Iterable[Counted] = ()) -> None:
    """Take `removed` visits out of the totals and put `added` ones in, in the caller's
    transaction: every write of a visit calls this once, after writing the visit."""
    run_statements(changes_statements(removed, added))


# --- Recounting from the visits ------------------------------------------------------


def _communes_sql(column: str, commune_ids) -> tuple[str, list]:
    if commune_ids is None:
        return "", []
    ids = sorted(commune_ids)
    if not ids:
        return " WHERE 1 = 0", []
    return f" WHERE {column} IN ({', '.join(['%s'] * len(ids))})", ids


def _month_sql(connection, column: str) -> str:
    """The first day of the month of the date `column`, as a date."""
    if connection.vendor == "postgresql":
        return f"CAST(DATE_TRUNC('month', {column}) AS date)"
    return f"date({column}, 'start of month')"


def rebuild(commune_ids=None) -> None:
    """Count the daily and monthly totals of `commune_ids` (every commune for None) again
    from the visits: for each table one DELETE and one `INSERT … SELECT … GROUP BY` (the
    months' from the days just counted), which PostgreSQL runs over 50 million visits
    without bringing a row into Python.

    For loaders that insert visits in bulk (COPY, `bulk_create`) and for
    `check_daily_totals --fix`. On PostgreSQL the totals are locked against writes
    until the caller's transaction ends: a visit saved meanwhile waits, then adds to
    the recounted rows, so that it is counted once.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    visits = quote(SupportVisit._meta.db_table)
    links = quote(SupportVisit.services.through._meta.db_table)
    day_sql, day_params = connection.ops.datetime_cast_date_sql(
        f"v.{quote('occurred_at')}", (), timezone.get_default_timezone_name()
    )
    people = f"v.{quote('people')}"
    with transaction.atomic(), connection.cursor() as cursor:
        # [(table, key columns, count columns)] in the order of TABLES.
        tables = [
            (*_quoted(connection, model, keys), _quoted(connection, model, fields)[1])
            for model, keys, fields in TABLES
        ]
        names = [table for table, _, _ in tables]
        if connection.vendor == "postgresql":
            # Conflicts with the writes' ROW EXCLUSIVE, not with readers.
            cursor.execute(f"LOCK TABLE {', '.join(names)} IN SHARE ROW EXCLUSIVE MODE")
        for table in names:
            where, params = _communes_sql(quote("commune_id"), commune_ids)
            cursor.execute(f"DELETE FROM {table}{where}", params)  # nosec B608 — names are the models', quoted; values are parameters
        where, params = _communes_sql(f"v.{quote('commune_id')}", commune_ids)
        # The sums in the order of DAY_FIELDS after visits and people (figures.SUMS).
        flagged = [
            f"v.{quote('elderly')}",
            f"v.{quote('disability')}",
            f"v.{quote('gender')} = '{Gender.FEMALE}'",
            f"v.{quote('gender')} = '{Gender.MALE}'",
        ]
        sums = ", ".join(f"SUM(CASE WHEN {test} THEN {people} ELSE 0 END)" for test in flagged)
        (day_table, day_columns, day_counts), (service_table, service_columns, service_counts) = (
            tables[:2]
        )
        cursor.execute(
            f"INSERT INTO {day_table} ({', '.join(day_columns + day_counts)}) "  # nosec B608 — names are the models', quoted; values are parameters
            f"SELECT v.{quote('commune_id')}, {day_sql}, v.{quote('place')}, "
            f"COUNT(*), SUM({people}), {sums} "
            f"FROM {visits} v{where} "
            f"GROUP BY v.{quote('commune_id')}, {day_sql}, v.{quote('place')}",
            [*day_params, *params, *day_params],
        )
        cursor.execute(
            f"INSERT INTO {service_table} ({', '.join(service_columns + service_counts)}) "  # nosec B608 — names are the models', quoted; values are parameters
            f"SELECT v.{quote('commune_id')}, {day_sql}, s.{quote('service_id')}, "
            f"COUNT(*), SUM({people}) "
            f"FROM {links} s JOIN {visits} v ON v.{quote('id')} = s.{quote('supportvisit_id')}"
            f"{where} "
            f"GROUP BY v.{quote('commune_id')}, {day_sql}, s.{quote('service_id')}",
            [*day_params, *params, *day_params],
        )
        # Each month from its days, just counted: a few rows a commune and day, not the visits.
        where, params = _communes_sql(quote("commune_id"), commune_ids)
        for (daily, columns, counts), (monthly, month_columns, _) in zip(
            tables[:2], tables[2:], strict=True
        ):
            commune, day, other = columns
            month = _month_sql(connection, day)
            cursor.execute(
                f"INSERT INTO {monthly} ({', '.join(month_columns + counts)}) "  # nosec B608 — names are the models', quoted; values are parameters
                f"SELECT {commune}, {month}, {other}, "
                f"{', '.join(f'SUM({c})' for c in counts)} "
                f"FROM {daily}{where} GROUP BY {commune}, {month}, {other}",
                params,
            )


@dataclass(frozen=True)
class Difference:
    """A count the totals keep that the visits do not give."""

    commune_id: int
    day: datetime.date  # the day, or the first day of the month for a month's row
    key: str  # the place's code, or "service:<code>"
    field: str
    stored: int
    counted: int
    per: str = "day"  # or "month": the monthly totals' row

    @property
    def when(self) -> str:
        """The day (dd/mm/yyyy) or the month ("tháng mm/yyyy") of the row, as printed."""
        return f"tháng {self.day:%m/%Y}" if self.per == "month" else f"{self.day:%d/%m/%Y}"


def _day_rows(commune_ids) -> tuple[dict, dict]:
    """{(commune, day, place): counts} from the totals and from the visits."""
    day = TruncDate("occurred_at", tzinfo=timezone.get_default_timezone())
    raw = (
        SupportVisit.objects.filter(commune_id__in=commune_ids)
        .annotate(day=day)
        .values("commune_id", "day", "place")
        # Not "people": an aggregate may not take the name of the field it sums.
        .annotate(n_visits=Count("pk"), n_people=Sum("people"), **SUMS)
        .values(
            "commune_id", "day", "place", *DAY_FIELDS, visits=F("n_visits"), people=F("n_people")
        )
        .order_by()
    )
    stored = DailyTotal.objects.filter(commune_id__in=commune_ids).values(
        "commune_id", "day", "place", *DAY_FIELDS
    )
    return _keyed(stored, "day", "place", DAY_FIELDS), _keyed(raw, "day", "place", DAY_FIELDS)


def _service_rows(commune_ids) -> tuple[dict, dict]:
    """{(commune, day, "service:code"): counts} from the totals and from the visits."""
    through = SupportVisit.services.through
    raw = (
        through.objects.filter(supportvisit__commune_id__in=commune_ids)
        .values(
            commune_id=F("supportvisit__commune_id"),
            day=TruncDate("supportvisit__occurred_at", tzinfo=timezone.get_default_timezone()),
            code=F("service__code"),
        )
        .annotate(visits=Count("pk"), people=Sum("supportvisit__people"))
        .order_by()
    )
    stored = DailyServiceTotal.objects.filter(commune_id__in=commune_ids).values(
        "commune_id", "day", *SERVICE_FIELDS, code=F("service__code")
    )
    return _keyed(stored, "day", "code", SERVICE_FIELDS), _keyed(raw, "day", "code", SERVICE_FIELDS)


def _month_rows(commune_ids) -> tuple[dict, dict]:
    """{(commune, month, place or "service:code"): counts} from the monthly totals."""
    places = MonthlyTotal.objects.filter(commune_id__in=commune_ids).values(
        "commune_id", "month", "place", *DAY_FIELDS
    )
    services = MonthlyServiceTotal.objects.filter(commune_id__in=commune_ids).values(
        "commune_id", "month", *SERVICE_FIELDS, code=F("service__code")
    )
    return (
        _keyed(places, "month", "place", DAY_FIELDS),
        _keyed(services, "month", "code", SERVICE_FIELDS),
    )


def _keyed(rows, when: str, other: str, fields) -> dict:
    """{(commune, day or month, place or "service:code"): [counts in the order of fields]}."""
    prefix = "service:" if other == "code" else ""
    return {
        (row["commune_id"], row[when], f"{prefix}{row[other]}"): [row[f] for f in fields]
        for row in rows
    }


def _by_month(days: dict, fields) -> dict:
    """The counts of `days` ({(commune, day, key): counts}) added up by month."""
    months = defaultdict(_zeros(len(fields)))
    for (commune_id, day, key), counts in days.items():
        row = months[commune_id, day.replace(day=1), key]
        for index, count in enumerate(counts):
            row[index] += count
    return months


def _compare(stored: dict, counted: dict, fields, per: str = "day") -> list[Difference]:
    found = []
    for key in sorted(stored.keys() | counted.keys()):
        mine = stored.get(key, [0] * len(fields))
        theirs = counted.get(key, [0] * len(fields))
        for name, a, b in zip(fields, mine, theirs, strict=True):
            if a != b:
                found.append(Difference(*key, field=name, stored=a, counted=b, per=per))
    return found


def differences(commune_ids=None, chunk: int = 100) -> list[Difference]:
    """Every count of the daily and monthly totals of `commune_ids` (every commune for
    None) that differs from the visits, a commune's rows at a time (`chunk` communes a
    query). The months are compared with the visits too, added up by month here, not
    with the daily totals, which may be wrong themselves."""
    if commune_ids is None:
        commune_ids = Unit.objects.filter(level=Level.COMMUNE).values_list("pk", flat=True)
    ids = sorted(commune_ids)
    found = []
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        (days_kept, days_counted), (services_kept, services_counted) = (
            _day_rows(part),
            _service_rows(part),
        )
        months_kept, month_services_kept = _month_rows(part)
        found += _compare(days_kept, days_counted, DAY_FIELDS)
        found += _compare(services_kept, services_counted, SERVICE_FIELDS)
        found += _compare(months_kept, _by_month(days_counted, DAY_FIELDS), DAY_FIELDS, "month")
        found += _compare(
            month_services_kept,
            _by_month(services_counted, SERVICE_FIELDS),
            SERVICE_FIELDS,
            "month",
        )
    return found
