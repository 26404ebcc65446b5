"""The legal clocks of a person's request about their data, and of a data breach.

Decree 356/2025 Art. 5: a request is acknowledged within 2 working days; then a person sees or
corrects their data within 10 days, has it deleted within 20, and withdraws consent, restricts
or objects to processing within 15. Law 91/2025 Art. 23: a breach is notified to the Ministry
of Public Security (A05, Form 08) within 72 hours; Decree 331/2026 Art. 31 asks a first report
of an incident within 24 hours. The days after the acknowledgement are counted as calendar
days, the stricter reading, until the legal owner confirms otherwise (SECURITY.md, caveats).
"""

import datetime
from dataclasses import dataclass

from hocvuso.roster.calendar import national_holidays, national_workdays

ACKNOWLEDGE_WORKING_DAYS = 2
ANSWER_DAYS = {
    "access": (10, "Xem, cung cấp dữ liệu"),
    "correct": (10, "Chỉnh sửa dữ liệu"),
    "delete": (20, "Xóa dữ liệu"),
    "withdraw": (15, "Rút lại sự đồng ý"),
    "restrict": (15, "Hạn chế xử lý"),
    "object": (15, "Phản đối xử lý"),
}
INCIDENT_FIRST_REPORT_HOURS = 24
BREACH_NOTICE_HOURS = 72


def is_working_day(day: datetime.date) -> bool:
    if day in national_holidays(day, day):
        return False
    return day.weekday() < 5 or day in national_workdays(day, day)


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The `count`-th working day after `day` (weekends, public holidays and Tết skipped)."""
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


@dataclass(frozen=True)
class RequestDue:
    kind: str
    label: str
    acknowledge_by: datetime.date
    answer_by: datetime.date


def request_due(kind: str, received: datetime.date) -> RequestDue:
    days, label = ANSWER_DAYS[kind]
    return RequestDue(
        kind,
        label,
        add_working_days(received, ACKNOWLEDGE_WORKING_DAYS),
        received + datetime.timedelta(days=days),
    )


def all_requests_due(received: datetime.date) -> list[RequestDue]:
    return [request_due(kind, received) for kind in ANSWER_DAYS]


def breach_due(detected: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """(first incident report by, notice to A05 by) for a breach detected at `detected`."""
    return (
        detected + datetime.timedelta(hours=INCIDENT_FIRST_REPORT_HOURS),
        detected + datetime.timedelta(hours=BREACH_NOTICE_HOURS),
    )
