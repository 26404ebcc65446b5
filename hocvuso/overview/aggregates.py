"""The services of each visit as one text, computed by the database for every row at once;
and a datetime as a number, for the exports."""

import sqlite3

from django.db.models import Aggregate, FloatField, Func, OuterRef, Subquery, TextField
from django.db.models.functions import Cast

from hocvuso.support.models import SupportVisit

# SQLite orders inside an aggregate from 3.44 on (ORDER BY in GROUP_CONCAT).
SQLITE_ORDERS_AGGREGATES = sqlite3.sqlite_version_info >= (3, 44)


class JoinedText(Aggregate):
    """The texts of a group joined by ", ", in the order of `ordering`.

    Django 5.2 has a StringAgg for PostgreSQL only; this is the small part of it we
    need on both databases: STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite.
    """

    name = "JoinedText"
    output_field = TextField()

    def __init__(self, expression, ordering, **extra):
        super().__init__(expression, ordering, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        # The filter (always None here) follows the two expressions.
        text, ordering = self.get_source_expressions()[:2]
        text_sql, text_params = compiler.compile(text)
        order_sql, order_params = compiler.compile(ordering)
        if connection.vendor == "postgresql":
            sql = f"STRING_AGG({text_sql}, ', ' ORDER BY {order_sql})"
        elif SQLITE_ORDERS_AGGREGATES:
            sql = f"GROUP_CONCAT({text_sql}, ', ' ORDER BY {order_sql})"
        else:
            # Older SQLite concatenates in the order it reads the rows: here the
            # through table's (visit, service) index, that is by service id.
            sql = f"GROUP_CONCAT({text_sql}, ', ')"
            order_params = ()
        return sql, (*text_params, *order_params)


def service_names(field: str = "service__name"):
    """A subquery giving the names of a visit's services, for `.annotate()`.

    One correlated subquery in the visits' own query, so that a page of visits, or a
    million of them streamed to Excel, costs one query and no model instances.
    """
    through = SupportVisit.services.through
    names = (
        through.objects.filter(supportvisit_id=OuterRef("pk"))
        .order_by()
        .values("supportvisit_id")
        .annotate(names=JoinedText(field, "service_id"))
        .values("names")
    )
    return Subquery(names, output_field=TextField())


def service_ids():
    """A subquery giving the ids of a visit's services as one text, "3,7", for `.annotate()`.

    Cheaper than their names for a million rows: no join to the services in the
    subquery, and the few distinct texts are named once in Python (exports.py).
    """
    return service_names(Cast("service_id", TextField()))


class Seconds(Func):
    """A datetime as seconds since 1970 (UTC), a float: Python then needs no datetime a row.

    PostgreSQL's EXTRACT keeps the microseconds. SQLite, which stores the UTC time as text,
    gives julianday() as a float number of days: within 0.05 ms of the time, so it is
    rounded to the millisecond, the finest julianday() keeps.
    """

    output_field = FloatField()

    @property
    def convert_value(self):
        # Both databases give a float already; no converter spares Django a call a row.
        return self._convert_value_noop

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "EXTRACT(EPOCH FROM %(expressions)s)::float8"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        # 2440587.5 is 01/01/1970 in julian days.
        template = "ROUND((julianday(%(expressions)s) - 2440587.5) * 86400000.0) / 1000.0"
        return self.as_sql(compiler, connection, template=template, **extra_context)
