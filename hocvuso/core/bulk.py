"""Inserting many rows while holding the database's write lock as briefly as possible.

SQLite has one writer at a time: while an import writes, a volunteer logging a visit waits
(up to the `timeout` of settings.py, then "database is locked"). Django's `bulk_create`
spends most of its time in Python, turning each value into SQL, and does that inside the
transaction. Here the statements and their values are prepared first, outside any
transaction, with the ids of the new rows reserved ahead (so that the rows that point to
them, links and audit entries, are prepared too); the transaction then only runs them:
5,000 visits with their services and audit entries in a fraction of a second
(bench/README.md).
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Max
from django.db.models.sql import InsertQuery

# On SQLite the new ids start this far past the largest one, so that the rows others save
# while an import is being prepared take the ids between, and the import's never collide
# with theirs; if more than this many were saved meanwhile, the insert fails on the
# primary key and the import asks to be run again.
SQLITE_ID_GAP = 10_000


def reserve_ids(model, count: int) -> list[int]:
    """`count` ids for new rows of `model` (hocvuso runs on SQLite and PostgreSQL)."""
    connection = connections[DEFAULT_DB_ALIAS]
    table = model._meta.db_table
    pk = model._meta.pk.column
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # nextval is outside transactions: the ids are ours even if the import fails.
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
    if connection.vendor == "sqlite":
        largest = model._base_manager.aggregate(largest=Max("pk"))["largest"] or 0
        with connection.cursor() as cursor:
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
        start = max(largest, row[0] if row else 0) + SQLITE_ID_GAP
        return list(range(start + 1, start + 1 + count))
    raise ImproperlyConfigured(
        f"hocvuso runs on SQLite or PostgreSQL; DATABASE_URL names {connection.vendor}."
    )


def insert_statements(objs: list) -> list[tuple[str, list[tuple]]]:
    """The INSERT statement of `objs` (of one model) with the values of each row, to run
    with `executemany`, which SQLite runs as one compiled statement over all rows (several
    times quicker than Django's multi-row INSERTs of 999 values each).

    Made outside the transaction: the fields' `pre_save` (a creation time) runs here.
    """
    if not objs:
        return []
    # The connection itself: through `django.db.connection`, a proxy, each of the hundreds
    # of thousands of values would look it up again.
    connection = connections[DEFAULT_DB_ALIAS]
    model = type(objs[0])
    has_pk = objs[0].pk is not None
    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.generated and (has_pk or field is not model._meta.pk)
    ]
    query = InsertQuery(model)
    query.insert_values(fields, objs[:1])
    [(sql, _)] = query.get_compiler(connection=connection).as_sql()
    compiler = query.get_compiler(connection=connection)
    rows = [
        tuple(compiler.prepare_value(field, compiler.pre_save_val(field, obj)) for field in fields)
        for obj in objs
    ]
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias
    return [(sql, rows)]


def run_statements(statements: list[tuple[str, list[tuple]]]) -> None:
    """Run prepared statements in one transaction (the caller's, when it has one)."""
    with transaction.atomic(savepoint=False), connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        for sql, rows in statements:
            cursor.executemany(sql, rows)
