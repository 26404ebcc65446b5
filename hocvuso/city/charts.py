"""Charts of the city's report (Phụ lục II): where reports stand, and the communes ranked.

Drawn like the commune's charts (hocvuso/reports/render/charts.py), whose style and helpers
they share — and their cache: each chart is drawn once for the figures it shows (`drawn`).
Only accepted reports are ranked, so a missing commune never shows as a zero bar.
"""

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from hocvuso.core.formatting import vn_number
from hocvuso.reports.render.charts import DPI, WIDTH_INCHES, _empty, _png, _ranking, drawn

# Green for accepted, orange for waiting, red for returned, grey for missing.
STATUS_COLOURS = ["#2e7d32", "#81c784", "#f9a825", "#c62828", "#9e9e9e"]
TOP = 20


def city_charts(snapshot: dict) -> list[tuple[str, bytes]]:
    """[(title, PNG bytes)]: the reporting status, then the top communes by people helped and
    by people trained — a ranking only when some commune has the figure, never an empty chart."""
    rows = [r for r in snapshot["figures"]["rows"] if r["figures"]]
    reporting = snapshot["reporting"]
    # The units that report: the communes of a province, the provinces of the country.
    reporters = snapshot["words"].get("reporters") or snapshot["words"]["communes"]
    accepted_late = reporting["accepted_late"]
    charts = [
        drawn(
            _status,
            f"Tình hình báo cáo của {reporting['expected']} {reporters}",
            [
                ("Đã tiếp nhận, gửi đúng hạn", reporting["accepted"] - accepted_late),
                ("Đã tiếp nhận, gửi quá hạn", accepted_late),
                ("Đã gửi, chờ xem xét", reporting["waiting"]),
                ("Trả lại để chỉnh sửa", reporting["returned"]),
                ("Chưa gửi báo cáo", reporting["missing"]),
            ],
            reporting["expected"],
        )
    ]
    for key, what in (
        ("people_helped", "lượt người dân được hỗ trợ"),
        ("people_trained", "lượt người được đào tạo"),
    ):
        ranked = sorted(
            (r for r in rows if r["figures"][key]),
            key=lambda r: (-r["figures"][key], r["name"]),
        )
        if ranked:
            many = f"{TOP} đơn vị" if len(ranked) > TOP else "Các đơn vị"
            charts.append(
                drawn(
                    _ranking,
                    f"{many} có nhiều {what} nhất",
                    [(r["name"], r["figures"][key]) for r in ranked[:TOP]],
                )
            )
    return charts


def _status(title: str, bars: list[tuple[str, int]], expected: int) -> bytes:
    """The communes by where their reports stand: bars of (label, communes) of `expected`."""
    figure = Figure(figsize=(WIDTH_INCHES, 3.2), dpi=DPI)
    axes = figure.subplots()
    axes.set_title(title, fontweight="bold")
    if not expected:
        return _empty(figure, axes)
    labels = [label for label, _ in reversed(bars)]
    values = [value for _, value in reversed(bars)]
    shown = axes.barh(labels, values, height=0.65, color=list(reversed(STATUS_COLOURS)))
    axes.bar_label(
        shown,
        labels=[f"{vn_number(v)} ({vn_number(100 * v / expected, 1)}%)" for v in values],
        fontsize=8,
        padding=3,
    )
    axes.set_xlim(0, max(values) * 1.25 or 1)
    axes.set_xlabel("Số đơn vị")
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: vn_number(v)))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    return _png(figure)
