"""Charts of the city's report (Phụ lục II): where reports stand, and the communes ranked.

Drawn like the commune's charts (hocvuso/reports/render/charts.py), whose style and helpers
they share; only accepted reports are ranked, so a missing commune never shows as a zero bar.
"""

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from hocvuso.core.formatting import vn_number
from hocvuso.reports.render.charts import DPI, STYLE, WIDTH_INCHES, _empty, _png, _ranking

# Green for accepted, orange for waiting, red for returned, grey for missing.
STATUS_COLOURS = ["#2e7d32", "#81c784", "#f9a825", "#c62828", "#9e9e9e"]
TOP = 20


def city_charts(snapshot: dict) -> list[tuple[str, bytes]]:
    """[(title, PNG bytes)]: the reporting status, then the top communes by people helped and
    by people trained — a ranking only when some commune has the figure, never an empty chart."""
    rows = [r for r in snapshot["figures"]["rows"] if r["figures"]]
    with matplotlib.rc_context(STYLE):
        words = snapshot["words"]
        charts = [_status(snapshot["reporting"], words.get("reporters") or words["communes"])]
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
                    _ranking(
                        f"{many} có nhiều {what} nhất",
                        [(r["name"], r["figures"][key]) for r in ranked[:TOP]],
                    )
                )
        return charts


def _status(reporting: dict, communes: str) -> tuple[str, bytes]:
    title = f"Tình hình báo cáo của {reporting['expected']} {communes}"
    accepted_late = reporting["accepted_late"]
    bars = [
        ("Đã tiếp nhận, gửi đúng hạn", reporting["accepted"] - accepted_late),
        ("Đã tiếp nhận, gửi quá hạn", accepted_late),
        ("Đã gửi, chờ xem xét", reporting["waiting"]),
        ("Trả lại để chỉnh sửa", reporting["returned"]),
        ("Chưa gửi báo cáo", reporting["missing"]),
    ]
    figure = Figure(figsize=(WIDTH_INCHES, 3.2), dpi=DPI)
    axes = figure.subplots()
    axes.set_title(title, fontweight="bold")
    if not reporting["expected"]:
        return title, _empty(figure, axes)
    labels = [label for label, _ in reversed(bars)]
    values = [value for _, value in reversed(bars)]
    drawn = axes.barh(labels, values, height=0.65, color=list(reversed(STATUS_COLOURS)))
    expected = reporting["expected"]
    axes.bar_label(
        drawn,
        labels=[f"{vn_number(v)} ({vn_number(100 * v / expected, 1)}%)" for v in values],
        fontsize=8,
        padding=3,
    )
    axes.set_xlim(0, max(values) * 1.25 or 1)
    axes.set_xlabel("Số đơn vị")
    axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: vn_number(v)))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    return title, _png(figure)
