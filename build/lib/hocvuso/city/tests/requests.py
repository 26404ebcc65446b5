"""The city's tests ask their communes for reports the same way: one helper says how."""

import datetime

from django.utils import timezone

from hocvuso.city.services import create_request
from hocvuso.core.periods import PeriodKind

ISSUED = datetime.date(2026, 5, 15)
DEADLINE = datetime.date(2026, 5, 25)


def at(day, hour=10):
    """The moment `hour` o'clock on `day`, in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def ask(
    officer,
    province,
    *,
    number=1885,
    symbol="SKHCN-TTTT",
    issued_on=ISSUED,
    deadline=DEADLINE,
    month=None,
    quarter=None,
    communes=None,
):
    """The province asks for the report of a month or a quarter of 2026."""
    kind, period = (PeriodKind.QUARTER, quarter) if quarter else (PeriodKind.MONTH, month)
    return create_request(
        officer,
        province,
        number=number,
        symbol=symbol,
        issued_on=issued_on,
        deadline=deadline,
        period_kind=kind,
        year=2026,
        period_number=period,
        communes=communes,
    )
