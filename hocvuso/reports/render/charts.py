"""Charts of the support visits, as PNG images for the report's appendix.

matplotlib is used through its object API on the Agg canvas (no pyplot), so that renders in
parallel threads of the web server share no global figure state.

Drawing a chart takes a few hundred milliseconds, most of a report's time with its charts.
So each chart is drawn once for the figures it shows and kept in the "charts" cache
(settings.CACHES, files shared by the server's processes): `drawn` keys it by a hash of the
figures, its title, the code that draws it and matplotlib's version. A report downloaded
again, or another report showing the same figures, takes the kept PNG; a change in a figure
changes the key, and the chart is drawn anew. Old charts leave the cache as it fills up or
times out.
"""

import functools
import hashlib
import io
import json
import logging
import sys
import textwrap
from pathlib import Path

import matplotlib
from django.core.cache import caches
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from hocvuso.core.formatting import vn_number

from ..phrases import no_village, snapshot_words

# DejaVu Sans ships with matplotlib and has every Vietnamese letter.
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
VISITS_COLOUR = "#1f5f99"
PEOPLE_COLOUR = "#e0872b"
DPI = 150
WIDTH_INCHES = 7.5
NO_DATA = "Chưa có số liệu trong kỳ báo cáo"
# The cache of drawn charts (settings.CACHES).
CACHE = "charts"

logger = logging.getLogger(__name__)


def render_charts(snapshot: dict) -> list[tuple[str, bytes]]:
    """[(title, PNG bytes)]: support by month, by service and by village, always three."""
    visits = (snapshot.get("figures") or {}).get("visits") or {}
    words = snapshot_words(snapshot)
    return [
        drawn(
            _by_month,
            "Lượt hỗ trợ người dân theo tháng",
            [
                (_month_label(row.get("month", "")), row.get("visits") or 0, row.get("people") or 0)
                for row in visits.get("by_month") or []
            ],
        ),
        drawn(
            _ranking,
            "Số người được hỗ trợ theo dịch vụ",
            [
                (_service_label(row), row.get("people") or 0)
                for row in visits.get("by_service") or []
            ],
        ),
        drawn(
            _ranking,
            f"Số người được hỗ trợ theo {words.villages}",
            [
                (
                    row.get("name") if row.get("code") else no_village(words),
                    row.get("people") or 0,
                )
                for row in visits.get("by_village") or []
            ],
        ),
    ]


def drawn(draw, title: str, *figures) -> tuple[str, bytes]:
    """(title, PNG bytes) of `draw(title, *figures)`, drawn once for these figures and kept.

    `figures` are what the chart shows — texts and numbers in lists and tuples — and
    nothing else, so that the key changes exactly when the picture does.
    """
    key = _key(draw, title, figures)
    try:
        png = caches[CACHE].get(key)
    except OSError:  # a cache folder that cannot be read: draw, as without a cache
        logger.warning("The charts' cache cannot be read", exc_info=True)
        png = None
    if png is None:
        with matplotlib.rc_context(STYLE):
            png = draw(title, *figures)
        try:
            caches[CACHE].set(key, png)
        except OSError:
            logger.warning("The charts' cache cannot be written", exc_info=True)
    return title, png


def _key(draw, title: str, figures: tuple) -> str:
    shown = json.dumps([title, figures], ensure_ascii=False, separators=(",", ":"), default=str)
    code = _code_of(draw.__module__)
    what = f"{code}:{matplotlib.__version__}:{draw.__qualname__}:{shown}"
    return f"chart-{hashlib.sha256(what.encode()).hexdigest()}"


@functools.cache
def _code_of(module: str) -> str:
    """A hash of the module that draws a chart: a change in the drawing draws charts anew."""
    return hashlib.sha256(Path(sys.modules[module].__file__).read_bytes()).hexdigest()[:16]


def _by_month(title: str, rows: list[tuple[str, int, int]]) -> bytes:
    """Visits and people by month: rows of (label, visits, people)."""
    figure = Figure(figsize=(WIDTH_INCHES, 4.0), dpi=DPI)
    axes = figure.subplots()
    axes.set_title(title, fontweight="bold")
    if not rows:
        return _empty(figure, axes)
    labels = [label for label, _, _ in rows]
    positions = range(len(rows))
    width = 0.35
    visits = axes.bar(
        [x - width / 2 for x in positions],
        [count for _, count, _ in rows],
        width,
        label="Lượt hỗ trợ",
        color=VISITS_COLOUR,
    )
    people = axes.bar(
        [x + width / 2 for x in positions],
        [count for _, _, count in rows],
        width,
        label="Số người được hỗ trợ",
        color=PEOPLE_COLOUR,
    )
    for bars in (visits, people):
        axes.bar_label(
            bars, labels=[vn_number(b.get_height()) for b in bars], fontsize=8, padding=2
        )
    axes.set_xticks(list(positions), labels)
    axes.set_xlim(-0.8, len(rows) - 0.2)
    axes.set_ylabel("Số lượt")
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: vn_number(value)))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.margins(y=0.15)
    axes.legend(frameon=False, loc="upper left")
    return _png(figure)


def _ranking(title: str, pairs: list[tuple[str, int]]) -> bytes:
    """A horizontal bar chart, the largest on top; long names are wrapped, not cut."""
    pairs = sorted(pairs, key=lambda pair: pair[1])
    # Capped so that the chart, 16 cm wide in the document, still fits on an A4 page.
    height = min(10.5, max(2.2, 1.2 + sum(0.2 + 0.2 * _lines(name) for name, _ in pairs)))
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    axes = figure.subplots()
    axes.set_title(title, fontweight="bold")
    if not pairs:
        return _empty(figure, axes)
    names = [textwrap.fill(name, 34) for name, _ in pairs]
    bars = axes.barh(names, [value for _, value in pairs], height=0.7, color=VISITS_COLOUR)
    axes.set_ylim(-0.8, len(pairs) - 0.2)
    axes.bar_label(bars, labels=[vn_number(value) for _, value in pairs], fontsize=8, padding=3)
    axes.set_xlabel("Số người")
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: vn_number(value)))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.margins(x=0.12)
    return _png(figure)


def _empty(figure: Figure, axes) -> bytes:
    axes.set_axis_off()
    axes.text(0.5, 0.5, NO_DATA, ha="center", va="center", transform=axes.transAxes)
    return _png(figure)


def _png(figure: Figure) -> bytes:
    FigureCanvasAgg(figure)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _month_label(month: str) -> str:
    """ "2026-01" -> "T1/2026"."""
    year, _, number = month.partition("-")
    return f"T{int(number)}/{year}" if number.isdigit() else month


def _service_label(row: dict) -> str:
    return row.get("short_name") or row.get("name") or row.get("code") or ""


def _lines(name: str) -> int:
    return len(textwrap.wrap(name, 34)) or 1
