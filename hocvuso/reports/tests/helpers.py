"""What the reports' tests share: the report of January to May 2026 asked for and written,
and the settings form read from its page (the city's settings tests read it too)."""

import datetime
import re

from django.core.management import call_command

from hocvuso.reports.models import ReportRequest

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 5, 31)


def ask_for_report(province, *, number=1885, deadline=datetime.date(2026, 6, 10)):
    """The province's request of 15/05/2026 for the report of January to May 2026."""
    return ReportRequest.objects.create(
        province=province,
        number=number,
        symbol="SKHCN-TTTT",
        issued_on=datetime.date(2026, 5, 15),
        period_start=START,
        period_end=END,
        deadline=deadline,
    )


def write_report(output, *extra, commune="Chí Minh"):
    """`manage.py report` of January to May 2026, dated 05/06/2026, into `output`."""
    call_command(
        "report",
        "--commune",
        commune,
        "--from",
        "2026-01-01",
        "--to",
        "2026-05-31",
        "--output",
        str(output),
        "--date",
        "2026-06-05",
        *extra,
    )
    return output


def settings_form(html: str) -> str:
    """The settings form of a commune's or a province's settings page, as HTML."""
    return re.search(r'<form method="post" class="stack" id="settings-form".*?</form>', html, re.S)[
        0
    ]
