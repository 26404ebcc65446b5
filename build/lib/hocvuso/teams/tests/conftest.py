import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from hocvuso.units.models import Kind, Level, Unit

# The world's records are of 2 March 2026; "this month" is March.
MID_MARCH = datetime.datetime(2026, 3, 20, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def in_march():
    with time_machine.travel(MID_MARCH, tick=False):
        yield MID_MARCH.date()


@pytest.fixture
def village3(world):
    """A third village of Chí Minh, which has no team yet."""
    return Unit.objects.create(
        level=Level.VILLAGE,
        kind=Kind.THON,
        code="11131-03",
        name="Thôn 3",
        short_name="Thôn 3",
        parent=world.chiminh.commune,
    )
