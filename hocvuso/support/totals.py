"""Daily totals of support visits per commune, kept equal to the visits.

The province's and the nation's live figures read `DailyTotal` and `DailyServiceTotal`
(a few rows a commune and day) instead of every visit. Every write of a visit changes
them in its own transaction through `count_changes` (or, for an import's prepared
statements, `changes_statements`): each statement adds to a row with
`INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`, which PostgreSQL and SQLite
run atomically, so that two volunteers logging at once never lose a count. The rows
a write touches are changed in the order of their keys, so that two writes never wait
for each other's rows in opposite orders (a deadlock).

Loaders that insert visits without the service (the demo, a COPY of millions of rows)
call `rebuild`, one `INSERT … SELECT … GROUP BY` per table; `differences` (the
command `check_daily_totals`) compares the totals with the visits.
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
from .models import DailyServiceTotal, DailyTotal, Gender, SupportVisit

# The counts of a (commune, day, place) row, in the order of the statements' values.
DAY_FIELDS = ("visits", "people", *SUMS)
SERVICE_FIELDS = ("visits", "people")


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


def changes_statements(
    removed: Iterable[Counted] = (), added: Iterable[Counted] = ()
) -> list[tuple[str, list[tuple]]]:
    """The statements that take `removed` visits out of the totals and put `added` ones in,
    one row a (commune, day, place) and a (commune, day, service), for
    `core.bulk.run_statements`."""
    by_day = defaultdict(lambda: [0] * len(DAY_FIELDS))
    by_service = defaultdict(lambda: [0] * len(SERVICE_FIELDS))
    for sign, visits in ((-1, removed), (1, added)):
        for visit in visits:
            row = by_day[visit.commune_id, visit.day, visit.place]
            for index, count in enumerate(visit.day_counts()):
                row[index] += sign * count
            for service_id in visit.service_ids:
                row = by_service[visit.commune_id, visit.day, service_id]
                row[0] += sign
                row[1] += sign * visit.people
    connection = connections[DEFAULT_DB_ALIAS]
    adapt = connection.ops.adapt_datefield_value
    statements = []
    for model, keys, fields, changes in (
        (DailyTotal, ("commune", "day", "place"), DAY_FIELDS, by_day),
        (DailyServiceTotal, ("commune", "day", "service"), SERVICE_FIELDS, by_service),
    ):
        # An edit that changes nothing counted (a note, an outcome) writes nothing.
        rows = [
            (commune_id, adapt(day), other, *counts)
            for (commune_id, day, other), counts in sorted(changes.items())
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


def rebuild(commune_ids=None) -> None:
    """Count the daily totals of `commune_ids` (every commune for None) again from the
    visits: for each table one DELETE and one `INSERT … SELECT … GROUP BY`, which
    PostgreSQL runs over 50 million visits without bringing a row into Python.

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
        day_table, day_columns = _quoted(connection, DailyTotal, ("commune", "day", "place"))
        _, day_counts = _quoted(connection, DailyTotal, DAY_FIELDS)
        service_table, service_columns = _quoted(
            connection, DailyServiceTotal, ("commune", "day", "service")
        )
        _, service_counts = _quoted(connection, DailyServiceTotal, SERVICE_FIELDS)
        if connection.vendor == "postgresql":
            # Conflicts with the writes' ROW EXCLUSIVE, not with readers.
            cursor.execute(f"LOCK TABLE {day_table}, {service_table} IN SHARE ROW EXCLUSIVE MODE")
        for table in (day_table, service_table):
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


@dataclass(frozen=True)
class Difference:
    """A count the totals keep that the visits do not give."""

    commune_id: int
    day: datetime.date
    key: str  # the place's code, or "service:<code>"
    field: str
    stored: int
    counted: int


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
    return tuple(
        {
            (row["commune_id"], row["day"], row["place"]): [row[f] for f in DAY_FIELDS]
            for row in rows
        }
        for rows in (stored, raw)
    )


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
    return tuple(
        {
            (row["commune_id"], row["day"], f"service:{row['code']}"): [
                row[f] for f in SERVICE_FIELDS
            ]
            for row in rows
        }
        for rows in (stored, raw)
    )


def _compare(stored: dict, counted: dict, fields) -> list[Difference]:
    found = []
    for key in sorted(stored.keys() | counted.keys()):
        mine = stored.get(key, [0] * len(fields))
        theirs = counted.get(key, [0] * len(fields))
        for name, a, b in zip(fields, mine, theirs, strict=True):
            if a != b:
                found.append(Difference(*key, field=name, stored=a, counted=b))
    return found


def differences(commune_ids=None, chunk: int = 100) -> list[Difference]:
    """Every count of the totals of `commune_ids` (every commune for None) that differs
    from the visits, a commune's rows at a time (`chunk` communes a query)."""
    if commune_ids is None:
        commune_ids = Unit.objects.filter(level=Level.COMMUNE).values_list("pk", flat=True)
    ids = sorted(commune_ids)
    found = []
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        found += _compare(*_day_rows(part), DAY_FIELDS)
        found += _compare(*_service_rows(part), SERVICE_FIELDS)
    return found
