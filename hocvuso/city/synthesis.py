"""The figures of a level, built only from the snapshots of the reports it accepted: the
province's from its communes' reports, the Ministry's from the provinces' reports (which are
themselves such a synthesis: `province_figures` reads back what `city_figures` wrote).

A unit whose report was not accepted is listed with its status and no
figures: it is never counted as zero.
"""

from decimal import Decimal

from hocvuso.core.formatting import vn_percent
from hocvuso.reports.models import ReportRequest

from .models import Submission, SubmissionStatus

NOT_SENT = "Chưa gửi báo cáo"
NOT_ACCEPTED = "Chưa được tiếp nhận"


def commune_figures(snapshot: dict) -> dict:
    """The figures of one accepted report that the city adds up."""
    f = snapshot["figures"]
    teams = f["teams"]
    learning = f["learning"]
    indicators = {i["code"]: i for i in f["indicators"]}
    return {
        "teams": teams["commune"] + teams["village"] + teams["rapid"],
        "teams_commune": teams["commune"],
        "teams_village": teams["village"],
        "teams_rapid": teams["rapid"],
        "members": teams["members"],
        "visit_records": f["visits"]["records"],
        "people_helped": f["visits"]["people"],
        "elderly_helped": f["visits"]["elderly_people"],
        "class_attendees": learning["attendees"]["total"],
        "course_participants": learning["course_participants"]["total"],
        "people_trained": learning["attendees"]["total"] + learning["course_participants"]["total"],
        "documents": len(f["documents"]),
        "outreach": f["outreach"]["activities"],
        "zalo_groups": f["outreach"]["zalo_groups"],
        "indicators": {
            code: {
                "value": i["value"],
                "text": i["text"],
                "numerator": i["numerator"],
                "denominator": i["denominator"],
            }
            for code, i in indicators.items()
        },
    }


SUMMED = [
    "teams",
    "teams_commune",
    "teams_village",
    "teams_rapid",
    "members",
    "visit_records",
    "people_helped",
    "elderly_helped",
    "class_attendees",
    "course_participants",
    "people_trained",
    "documents",
    "outreach",
    "zalo_groups",
]


def province_figures(snapshot: dict) -> dict:
    """The figures of one accepted province's report that the Ministry adds up: its totals and
    its indicators' numerators and denominators, as the province added them up."""
    f = snapshot["figures"]
    indicators = {}
    for code, i in f["indicators"].items():
        value = i.get("value")
        indicators[code] = {
            "value": value,
            "text": vn_percent(Decimal(value)) if value is not None else None,
            "numerator": i["numerator"],
            "denominator": i["denominator"],
        }
    return {**{key: f["totals"][key] for key in SUMMED}, "indicators": indicators}


def city_figures(request: ReportRequest) -> dict:
    """The figures of the answers to `request`: a province's from its communes' accepted
    reports, or the Ministry's from the provinces' (the same sums, one level up)."""
    figures_of = province_figures if request.is_national else commune_figures
    submissions = {
        s.commune_id: s for s in Submission.objects.filter(request=request).select_related("report")
    }
    rows = []
    for commune in request.communes.order_by("name"):
        submission = submissions.get(commune.pk)
        row = {"code": commune.code, "name": commune.name, "figures": None}
        if submission is None:
            row["status"] = NOT_SENT
        elif submission.status != SubmissionStatus.ACCEPTED:
            row["status"] = NOT_ACCEPTED
        else:
            row["status"] = "Đã tiếp nhận"
            row["report_number"] = submission.report.number
            row["figures"] = figures_of(submission.report.snapshot)
        rows.append(row)
    reported = [r for r in rows if r["figures"] is not None]
    totals = {key: sum(r["figures"][key] for r in reported) for key in SUMMED}
    # A share for the city is the sum of numerators over the sum of
    # denominators of the communes that reported it, not a mean of shares.
    indicator_totals = {}
    for r in reported:
        for code, i in r["figures"]["indicators"].items():
            if i["numerator"] is None or i["denominator"] is None:
                continue
            t = indicator_totals.setdefault(
                code, {"numerator": Decimal(0), "denominator": Decimal(0), "communes": 0}
            )
            t["numerator"] += Decimal(i["numerator"])
            t["denominator"] += Decimal(i["denominator"])
            t["communes"] += 1
    for t in indicator_totals.values():
        t["value"] = (
            (t["numerator"] * 100 / t["denominator"]).quantize(Decimal("0.01"))
            if t["denominator"]
            else None
        )
    ranking = sorted(reported, key=lambda r: (-r["figures"]["people_helped"], r["name"]))
    return {
        "expected": len(rows),
        "reported": len(reported),
        "not_sent": [r["name"] for r in rows if r["status"] == NOT_SENT],
        "not_accepted": [r["name"] for r in rows if r["status"] == NOT_ACCEPTED],
        "totals": totals,
        "indicators": {
            code: {k: (str(v) if isinstance(v, Decimal) else v) for k, v in t.items()}
            for code, t in indicator_totals.items()
        },
        "rows": rows,
        "ranking": [
            {"rank": i + 1, "name": r["name"], "people_helped": r["figures"]["people_helped"]}
            for i, r in enumerate(ranking)
        ],
    }
