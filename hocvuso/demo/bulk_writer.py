"""Many rows into tables at once, with ids chosen before: `COPY` on PostgreSQL, `executemany`
on SQLite; and, for PostgreSQL, dropping a table's keys and indexes for a load and making
them again after it.

For loads of generated rows (`demo/nation.py`): the rows go in without `save()`, signals or
audit entries, and the caller says so.
"""

import datetime
import logging
import time
from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)


class Writer:
    """Rows into tables with ids chosen here, so that rows can point to rows not yet written:
    `COPY` on PostgreSQL, `executemany` on SQLite. Each table is locked against other
    writers for the load (SQLite's one writer holds all of them)."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self.next_id: dict[type, int] = {}
        self.now = timezone.now()
        self.stamp = (
            self.now if self.postgres else connection.ops.adapt_datetimefield_value(self.now)
        )

    def ids(self, model, count: int) -> range:
        if model not in self.next_id:
            self.next_id[model] = first_free_id(model, self.postgres)
        start = self.next_id[model]
        self.next_id[model] = start + count
        return range(start, start + count)

    def columns(self, model, given: list[str]) -> tuple[list[str], tuple]:
        """The columns of `model`: `given` first, then the others with what `save()` would
        put in them (the time, a default, or nothing); refuses a new required column."""
        rest, values = [], []
        for f in model._meta.concrete_fields:
            if f.attname in given:
                continue
            if f.attname in ("created_at", "updated_at"):
                value = self.stamp
            elif f.has_default() or f.null or f.empty_strings_allowed:
                value = f.get_default()
                if not self.postgres and value is not None:
                    value = f.get_db_prep_save(value, connection)
            else:
                raise ImproperlyConfigured(f"{model.__name__}.{f.attname} cần một giá trị.")
            rest.append(f.column)
            values.append(value)
        names = [model._meta.get_field(name.removesuffix("_id")).column for name in given]
        return names + rest, tuple(values)

    def write(self, model, given: list[str], rows: Iterable[tuple]) -> int:
        """Write rows (values of `given`, in that order); returns how many."""
        names, constants = self.columns(model, given)
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(n) for n in names)
        count = 0
        with connection.cursor() as cursor:
            if self.postgres:
                # COPY's binary form: the server parses no text (a fifth quicker for the
                # visits, whose times would otherwise be read from text), and psycopg's
                # dumpers in C write it quicker than Python writes the text form.
                types = column_types(cursor, model._meta.db_table, names)
                # Only the model's own table and column names go into the SQL, quoted.
                sql = f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)"  # nosec
                with cursor.copy(sql) as copy:
                    copy.set_types(types)
                    write_row = copy.write_row
                    for row in rows:
                        write_row(row + constants)
                        count += 1
                return count
            marks = ", ".join(["%s"] * len(names))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # nosec
            batch = []
            for row in rows:
                batch.append(row + constants)
                if len(batch) == 10_000:
                    cursor.executemany(sql, batch)
                    count, batch = count + len(batch), []
            cursor.executemany(sql, batch)
            return count + len(batch)

    def date(self, day: datetime.date):
        return day if self.postgres else day.isoformat()

    def finish(self) -> None:
        """Move the id sequences past the rows written (SQLite's follow by themselves)."""
        if not self.postgres:
            return
        with connection.cursor() as cursor:
            for model, next_id in self.next_id.items():
                # next_id started past the sequence's last value (`_first_free_id`).
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                    [model._meta.db_table, next_id - 1],
                )


def first_free_id(model, postgres: bool) -> int:
    """The id after the largest one the table has had (its rows, or its sequence)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if postgres:
            # Inserts by others wait until the load commits; reads go on.
            cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
            cursor.execute(
                "SELECT GREATEST(COALESCE((SELECT MAX(id) FROM " + table + "), 0), "  # nosec B608 — the table is the model's, quoted
                "(SELECT COALESCE(last_value, 0) FROM pg_sequences WHERE "
                "format('%%I.%%I', schemaname, sequencename)::regclass "
                "= pg_get_serial_sequence(%s, 'id')::regclass))",
                [model._meta.db_table],
            )
        else:
            cursor.execute(
                "SELECT MAX(COALESCE((SELECT MAX(id) FROM " + table + "), 0), "  # nosec B608 — the table is the model's, quoted
                "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
                [model._meta.db_table],
            )
        return cursor.fetchone()[0] + 1


def column_types(cursor, table: str, names: list[str]) -> list[int]:
    """The type (oid) of each column, as binary COPY needs them."""
    cursor.execute(
        "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass "
        "AND attnum > 0 AND NOT attisdropped",
        [table],
    )
    types = dict(cursor.fetchall())
    return [types[name] for name in names]


def drop_secondary(models, keys_only: bool = False) -> list[str]:
    """Drop the tables' foreign keys, unique constraints and indexes but their primary keys
    (only their foreign keys if `keys_only`); return the statements that make them again,
    the foreign keys last."""
    q = connection.ops.quote_name
    uniques, indexes, keys = [], [], []
    kinds = ["f"] if keys_only else ["f", "u"]
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass AND contype = ANY(%s) ORDER BY conname",
                [table, kinds],
            )
            for name, kind, definition in cursor.fetchall():
                cursor.execute(f"ALTER TABLE {q(table)} DROP CONSTRAINT {q(name)}")
                statement = f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(name)} {definition}"
                (keys if kind == "f" else uniques).append(statement)
            if keys_only:
                continue
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i WHERE i.indrelid = %s::regclass AND NOT i.indisprimary "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
                "ORDER BY 1",
                [table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f"DROP INDEX {name}")
                indexes.append(definition)
    return uniques + indexes + keys


def remake(statements: list[str]) -> int:
    with connection.cursor() as cursor:
        # Sorting for an index build wants memory; the setting lasts until the load commits.
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for statement in statements:
            started = time.monotonic()
            cursor.execute(statement)
            logger.debug("%.1f s: %s", time.monotonic() - started, statement)
    return len(statements)


def check_deferred() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return 0


def analyze(models) -> int:
    """Fresh statistics, so that the queries after a load read the new rows by their indexes."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return 0
