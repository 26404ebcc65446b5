"""The daily and monthly totals of the national demo's visits, counted as they are made.

`support.totals.rebuild` counts them from the visits in SQL: at scale 1 that groups 50
million visits and joins 60 million visit–service rows to them, inside the load's
transaction. The plan knows each visit's commune, day, place, people and services as it
draws them, so the load adds them up here instead (`nation._visit_batch`), one commune at a
time, and writes the rows with the visits: a commune's daily rows after its batch of
visits, the monthly ones (a few hundred thousand for the country) at the end.

The counts are those of `support.totals` (`DAY_FIELDS`, `SERVICE_FIELDS`, `Counted.day_counts`)
and `support.totals.differences` compares them with the visits (the demo's tests and
`manage.py check_daily_totals`).
"""

from collections import defaultdict

from hocvuso.support.models import (
    DailyServiceTotal,
    DailyTotal,
    MonthlyServiceTotal,
    MonthlyTotal,
)
from hocvuso.support.totals import DAY_FIELDS, SERVICE_FIELDS

from . import nation_plan as plan
from .bulk_writer import Writer

PLACE_FIELDS = ["id", "commune_id", "day", "place", *DAY_FIELDS]
SERVICE_DAY_FIELDS = ["id", "commune_id", "day", "service_id", *SERVICE_FIELDS]
MONTH_FIELDS = ["id", "commune_id", "month", "place", *DAY_FIELDS]
SERVICE_MONTH_FIELDS = ["id", "commune_id", "month", "service_id", *SERVICE_FIELDS]


class VisitTotals:
    """The totals of the visits written so far: `add` a commune's counts by day, `write`
    the days counted since the last call, `finish` with the months. The communes of
    `recount` (which had visits or totals before the load) are left to
    `support.totals.rebuild`, which counts their visits of before too."""

    def __init__(self, writer: Writer, tables: plan.Tables, recount: set[int]):
        self.writer, self.tables, self.days, self.recount = writer, tables, tables.days, recount
        self.places: list[tuple] = []  # (commune, day, place, *counts) not yet written
        self.services: list[tuple] = []
        self.months = defaultdict(lambda: [0] * len(DAY_FIELDS))
        self.month_services = defaultdict(lambda: [0] * len(SERVICE_FIELDS))
        self.rows = 0

    def add(self, commune: int, places: dict, services: dict) -> None:
        """A commune's counts: {(day index, place): counts in the order of DAY_FIELDS} and
        {(day index, service id): [visits, people]}."""
        if commune in self.recount:
            return
        days, date = self.days, self.writer.date
        for (day, place), counts in sorted(places.items()):
            self.places.append((commune, date(days[day]), place, *counts))
            month = self.months[commune, days[day].replace(day=1), place]
            for index, count in enumerate(counts):
                month[index] += count
        for (day, service), counts in sorted(services.items()):
            self.services.append((commune, date(days[day]), service, *counts))
            month = self.month_services[commune, days[day].replace(day=1), service]
            for index, count in enumerate(counts):
                month[index] += count

    def write(self) -> None:
        """The daily rows counted since the last call."""
        self._write(DailyTotal, PLACE_FIELDS, self.places)
        self._write(DailyServiceTotal, SERVICE_DAY_FIELDS, self.services)
        self.places, self.services = [], []

    def finish(self) -> int:
        """The monthly rows; returns how many rows of totals were written in all."""
        self.write()
        date = self.writer.date
        for model, fields, counted in (
            (MonthlyTotal, MONTH_FIELDS, self.months),
            (MonthlyServiceTotal, SERVICE_MONTH_FIELDS, self.month_services),
        ):
            rows = [(c, date(month), other, *n) for (c, month, other), n in sorted(counted.items())]
            self._write(model, fields, rows)
        self.months.clear()
        self.month_services.clear()
        return self.rows

    def _write(self, model, fields: list[str], rows: list[tuple]) -> None:
        ids = self.writer.ids(model, len(rows))
        self.rows += self.writer.write(
            model, fields, ((pk, *row) for pk, row in zip(ids, rows, strict=True))
        )
