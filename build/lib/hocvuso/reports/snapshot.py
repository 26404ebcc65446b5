"""Build a report's snapshot: its figures and text, as a plain JSON-able dict.

The renderers (hocvuso/reports/render/) only format a snapshot. A draft's
snapshot is built afresh from the records on every preview; an issued
report's snapshot is frozen in the database, so that later changes in the
data never silently change it.
"""

from hocvuso.core.periods import Period
from hocvuso.documents import figures as document_figures
from hocvuso.indicators import figures as indicator_figures
from hocvuso.learning import figures as learning_figures
from hocvuso.outreach import figures as outreach_figures
from hocvuso.roster import figures as roster_figures
from hocvuso.support import figures as support_figures
from hocvuso.teams import figures as team_figures
from hocvuso.units.facts import commune_facts
from hocvuso.units.models import Unit

from .models import Report, ReportSettings
from .narrative import MOVEMENT, SECTION_HEADINGS, SECTION_KEYS, Writer, period_phrase, seed_date

# 2: the commune's words and facts are kept ("words", "facts"), so that the renderers name
# places without the database.
SNAPSHOT_VERSION = 2


def collect_figures(commune: Unit, period: Period) -> dict:
    """Every figure of the report, computed in the database, one query per table or so."""
    ids = commune.lineage_ids()
    return {
        "documents": document_figures.for_period(ids, period),
        "outreach": outreach_figures.for_period(ids, period),
        "visits": support_figures.for_period(ids, period),
        "indicators": indicator_figures.for_period(ids, period),
        "learning": learning_figures.for_period(ids, period),
        "teams": team_figures.for_period(ids, period),
        "roster": roster_figures.for_period(ids, period),
    }


def settings_for(commune: Unit) -> ReportSettings:
    try:
        return commune.report_settings
    except ReportSettings.DoesNotExist:
        return ReportSettings.defaults_for(commune)


def paragraphs_of(text: str) -> list[str]:
    """Paragraphs typed in a text box, separated by blank lines or single newlines."""
    return [line.strip() for line in (text or "").replace("\r", "").split("\n") if line.strip()]


def build_snapshot(report: Report, figures: dict | None = None) -> dict:
    commune = report.commune
    settings = settings_for(commune)
    facts = commune_facts(commune)
    words = facts.words
    period = report.period
    if figures is None:
        figures = collect_figures(commune, period)
    agency = settings.agency_short or words.authority
    addressee = settings.addressee or facts.department
    phrase = period_phrase(period.start, period.end, report.report_date)
    generated = Writer(figures, facts, agency, phrase).sections()
    sections = []
    for key in SECTION_KEYS:
        edit = (report.narrative or {}).get(key, {})
        override = paragraphs_of(edit.get("override", ""))
        paragraphs = (override or generated[key]) + paragraphs_of(edit.get("addition", ""))
        sections.append(
            {
                "key": key,
                "heading": SECTION_HEADINGS[key],
                "paragraphs": paragraphs,
                "edited": bool(override),
            }
        )
    request = report.request
    if request is not None:
        opening = (
            f"Thực hiện {request.kind} số {request.number_symbol} ngày "
            f"{seed_date(request.issued_on.isoformat())} của {request.issuer} "
            f"{request.subject.rstrip('. ')}, {agency} báo cáo kết quả thực hiện, cụ thể:"
        )
    else:
        opening = (
            f"{agency} báo cáo kết quả triển khai {MOVEMENT} từ ngày "
            f"{period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}, cụ thể:"
        )
    opening_edit = (report.narrative or {}).get("opening", {}).get("override", "")
    closing_edit = paragraphs_of((report.narrative or {}).get("closing", {}).get("override", ""))
    return {
        "version": SNAPSHOT_VERSION,
        "commune": {
            "code": commune.code,
            "name": commune.name,
            "short_name": commune.short_name,
            "phrase": words.phrase,
            "province": commune.parent.name if commune.parent_id else "",
        },
        "words": words.as_dict(),
        "facts": facts.as_dict(),
        "period": {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "phrase": phrase,
        },
        "request": (
            {
                "number_symbol": request.number_symbol,
                "issued_on": request.issued_on.isoformat(),
                "issuer": request.issuer,
                "subject": request.subject,
                "deadline": request.deadline.isoformat(),
            }
            if request
            else None
        ),
        "header": {
            "parent_agency": paragraphs_of(settings.parent_agency),
            "agency": paragraphs_of(settings.agency),
            "number": report.number,
            "symbol": settings.symbol,
            "place": settings.place_name,
            "date": report.report_date.isoformat(),
        },
        "title": "BÁO CÁO",
        "subject_lines": [
            f"Kết quả triển khai {MOVEMENT}",
            f"trên địa bàn {words.phrase}",
        ],
        "opening": opening_edit.strip() or opening,
        "sections": sections,
        "closing": closing_edit
        or [
            f"Trên đây là báo cáo kết quả triển khai {MOVEMENT} trên địa bàn {words.phrase}. "
            f"{words.authority_kind} báo cáo kết quả thực hiện để {addressee} được biết./."
        ],
        "recipients": paragraphs_of(settings.recipients),
        "signature": {
            "authority": settings.signer_authority,
            "title": settings.signer_title,
            "name": settings.signer_name,
        },
        "figures": figures,
    }
