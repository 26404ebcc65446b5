"""Parts of the report pages that the levels above fill in.

The report pages sit below the province's level: they never import it. The city
app registers, when it is ready, what it adds to them — the requests a commune
has to answer (on the index), the sending of an issued report (on a report's
page) — as functions that return a `Panel`, or None when they have nothing to
show.
"""

from dataclasses import dataclass, field

INDEX = []  # fn(request, communes, today) -> Panel | None
DETAIL = []  # fn(request, report) -> Panel | None


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    # The panel sends the report somewhere itself: the page hides "Đánh dấu đã gửi".
    sends_report: bool = False


def on_index(fn):
    INDEX.append(fn)
    return fn


def on_detail(fn):
    DETAIL.append(fn)
    return fn


def collect(providers, *args) -> list[Panel]:
    return [panel for fn in providers if (panel := fn(*args)) is not None]
