"""Charts of the support visits, as PNG images for the report's appendix.

matplotlib is used through its object API on the Agg canvas (no pyplot), so that renders in
parallel threads of the web server share no global figure state.
"""

import io
import textwrap

import matplotlib
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


def render_charts(snapshot: dict) -> list[tuple[str, bytes]]:
    """[(title, PNG bytes)]: support by month, by service and by village, always three."""
    visits = (snapshot.get("figures") or {}).get("visits") or {}
    words = snapshot_words(snapshot)
    with matplotlib.rc_context(STYLE):
        return [
            _by_month(visits.get("by_month") or []),
            _ranking(
                "Số người được hỗ trợ theo dịch vụ",
                [
                    (_service_label(row), row.get("people") or 0)
                    for row in visits.get("by_service") or []
                ],
            ),
            _ranking(
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


def _by_month(rows: list[dict]) -> tuple[str, bytes]:
    title = "Lượt hỗ trợ người dân theo tháng"
    figure = Figure(figsize=(WIDTH_INCHES, 4.0), dpi=DPI)
    axes = figure.subplots()
    axes.set_title(title, fontweight="bold")
    if not rows:
        return title, _empty(figure, axes)
    labels = [_month_label(row.get("month", "")) for row in rows]
    positions = range(len(rows))
    width = 0.35
    visits = axes.bar(
        [x - width / 2 for x in positions],
        [row.get("visits") or 0 for row in rows],
        width,
        label="Lượt hỗ trợ",
        color=VISITS_COLOUR,
    )
    people = axes.bar(
        [x + width / 2 for x in positions],
        [row.get("people") or 0 for row in rows],
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
    return title, _png(figure)


def _ranking(title: str, pairs: list[tuple[str, int]]) -> tuple[str, bytes]:
    """A horizontal bar chart, the largest on top; long names are wrapped, not cut."""
    pairs = sorted(pairs, key=lambda pair: pair[1])
    # Capped so that the chart, 16 cm wide in the document, still fits on an A4 page.
    height = min(10.5, max(2.2, 1.2 + sum(0.2 + 0.2 * _lines(name) for name, _ in pairs)))
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    axes = figure.subplots()
    axes.set_title(title, fontweight="bold")
    if not pairs:
        return title, _empty(figure, axes)
    names = [textwrap.fill(name, 34) for name, _ in pairs]
    bars = axes.barh(names, [value for _, value in pairs], height=0.7, color=VISITS_COLOUR)
    axes.set_ylim(-0.8, len(pairs) - 0.2)
    axes.bar_label(bars, labels=[vn_number(value) for _, value in pairs], fontsize=8, padding=3)
    axes.set_xlabel("Số người")
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: vn_number(value)))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.margins(x=0.12)
    return title, _png(figure)


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
