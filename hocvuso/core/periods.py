"""Reporting periods: inclusive date ranges turned into datetime bounds."""

import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")

    @property
    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start 00:00, day after end 00:00) in the local time zone, for datetimes."""
        tz = timezone.get_current_timezone()
        lower = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        upper = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        return lower, upper
