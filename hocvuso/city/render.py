"""The city's synthesized report: a snapshot written from the accepted commune reports, and its
files — the Word report (Nghị định 30 layout, as the commune's), the XLSX appendix with every
commune's figures, and the XLSX of completeness.

A commune whose report was not accepted appears with its status, never with zeros: the figures
come from `city_figures`, which adds up accepted snapshots only.
"""

import datetime
import io
import unicodedata
from decimal import Decimal
from pathlib import Path

from django.conf import settings as django_settings
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from hocvuso.core.formatting import vn_count, vn_date, vn_number
from hocvuso.core.periods import PeriodKind, period_label
from hocvuso.core.xlsx import append_row
from hocvuso.indicators.models import Indicator
from hocvuso.reports.models import ReportRequest, ReportSettings
from hocvuso.reports.narrative import MOVEMENT
from hocvuso.reports.render.docx import _render, _template_bytes
from hocvuso.reports.render.xlsx import DECIMAL_FORMAT, INTEGER_FORMAT, _write
from hocvuso.reports.snapshot import paragraphs_of
from hocvuso.units.models import Unit
from hocvuso.units.words import capfirst

from .department import department_settings
from .models import Submission, SubmissionStatus
from .narrative import NO_VALUE, CityWriter, ReportWords, percent
from .services import completeness, deadline_passed
from .synthesis import NOT_SENT, SUMMED, city_figures

CITY_TEMPLATE = Path(__file__).resolve().parent / "docx" / "bao_cao_thanh_pho.docx"
SNAPSHOT_VERSION = 1
# The two indicators of the table by commune; the others are in the text and the workbook.
TABLE_INDICATORS = {"schools_cashless": "schools-cashless", "household_qr": "household-business-qr"}
MISSING = "Chưa báo cáo"
NOT_ACCEPTED = "Báo cáo chưa được tiếp nhận"


def settings_for_city(province: Unit) -> ReportSettings:
    """The Department's header, recipients and signer (hocvuso/city/department.py)."""
    return department_settings(province)


def city_snapshot(
    request: ReportRequest,
    report_date: datetime.date,
    settings: ReportSettings | None = None,
    answering: ReportRequest | None = None,
) -> dict:
    """The city's report as a snapshot dict that the commune's renderers understand, with the
    table by commune (`table`) and the reporting status (`reporting`) added. `answering` is the
    Ministry's request when the report answers it (`province_report_snapshot`)."""
    province = request.province
    words = ReportWords.of(province, request.communes.all())
    return synthesis_snapshot(
        request,
        report_date,
        settings or settings_for_city(province),
        words,
        unit={"code": province.code, "name": province.name},
        area_line=f"trên địa bàn {words.province.phrase}",
        answering=answering,
    )


def synthesis_snapshot(
    request: ReportRequest,
    report_date: datetime.date,
    settings: ReportSettings,
    words: ReportWords,
    *,
    unit: dict,
    area_line: str,
    writer=CityWriter,
    answering: ReportRequest | None = None,
) -> dict:
    """The report of whoever issued `request`, added up from the accepted answers to it: the
    province's (`city_snapshot`) or the Ministry's (`hocvuso.nation.report`), with the header
    and signer of `settings` and the place words of `words`."""
    figures = _in_order(city_figures(request))
    reporting = _reporting(request, figures)
    names = dict(Indicator.objects.order_by("position", "code").values_list("code", "name"))
    period = _period_text(request)
    text = writer(request, report_date, settings, figures, reporting, names, words, answering)
    return {
        "version": SNAPSHOT_VERSION,
        "city": unit,
        "words": words.as_dict(),
        "period": {
            "start": request.period_start.isoformat(),
            "end": request.period_end.isoformat(),
            "phrase": period,
        },
        "request": _request_dict(answering or request),
        "header": {
            "parent_agency": paragraphs_of(settings.parent_agency),
            "agency": paragraphs_of(settings.agency),
            "agency_short": settings.agency_short,
            "number": None,
            "symbol": settings.symbol,
            "place": settings.place_name,
            "date": report_date.isoformat(),
        },
        "title": "BÁO CÁO",
        "subject_lines": [f"Tổng hợp kết quả triển khai {MOVEMENT}", area_line, period],
        "opening": text.opening(),
        "sections": text.sections(),
        "closing": text.closing(),
        "recipients": paragraphs_of(settings.recipients),
        "signature": {
            "authority": settings.signer_authority,
            "title": settings.signer_title,
            "name": settings.signer_name,
        },
        "table": _table(figures, words),
        "reporting": reporting,
        "indicator_names": names,
        "figures": figures,
    }


def _request_dict(request: ReportRequest) -> dict:
    return {
        "number_symbol": request.number_symbol,
        "issued_on": request.issued_on.isoformat(),
        "issuer": request.issuer,
        "subject": request.subject,
        "deadline": request.deadline.isoformat(),
    }


def province_report_snapshot(report) -> dict:
    """A province's report to the Ministry (a `Report` of the province's unit): the city's
    report added up from the accepted answers to the province's own request for the same
    period (`report.source_request`), answering the Ministry's (`report.request`), with the
    report's number and date. Registered in `hocvuso.reports.services.SNAPSHOT_BUILDERS`."""
    snapshot = city_snapshot(report.source_request, report.report_date, answering=report.request)
    snapshot["header"]["number"] = report.number
    snapshot["source_request"] = _request_dict(report.source_request)
    # The Ministry heads the recipients of the report it asked for.
    ministry = django_settings.MINISTRY_SHORT_NAME
    snapshot["recipients"] = [ministry] + [r for r in snapshot["recipients"] if r != ministry]
    return snapshot


def render_city_docx(
    request: ReportRequest,
    report_date: datetime.date | None = None,
    charts: bool = True,
    settings: ReportSettings | None = None,
) -> bytes:
    """The city's report as .docx bytes; with charts, Phụ lục II holds them."""
    snapshot = city_snapshot(request, report_date or timezone.localdate(), settings)
    return render_city_snapshot(snapshot, charts=charts)


def render_city_snapshot(snapshot: dict, charts: bool = True) -> bytes:
    images = []
    if charts:
        # Imported here: matplotlib takes a noticeable time to load.
        from .charts import city_charts

        images = city_charts(snapshot)
    return _render(_template_bytes(CITY_TEMPLATE), snapshot, charts=images)


# --- The order of the communes, and where the reports stand --------------------------

_LETTERS = {letter: i for i, letter in enumerate("aăâbcdđeêghiklmnoôơpqrstuưvxy")}
# Marks that make another letter (ă, â, ê, ô, ơ, ư) and the tones, in dictionary order:
# ngang, huyền, hỏi, ngã, sắc, nặng.
_SHAPES = {"\u0306", "\u0302", "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vn_sort_key(text: str) -> tuple:
    """Vietnamese dictionary order: a < ă < â < b … d < đ, then the tones.

    Sorting by code points would put "Đặc khu" and "Xã Ái Quốc" after "Xã Yên".
    """
    letters, tones = [], []
    for char in text.casefold():
        base, *marks = unicodedata.normalize("NFD", char)
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _SHAPES))
        letters.append((1, _LETTERS[letter]) if letter in _LETTERS else (0, ord(letter)))
        tones.append(sum(_TONES.get(m, 0) for m in marks))
    return tuple(letters), tuple(tones)


def _in_order(figures: dict) -> dict:
    """The city's figures with the communes in Vietnamese alphabetical order."""
    return {
        **figures,
        "rows": sorted(figures["rows"], key=lambda r: vn_sort_key(r["name"])),
        "not_sent": sorted(figures["not_sent"], key=vn_sort_key),
        "not_accepted": sorted(figures["not_accepted"], key=vn_sort_key),
    }


def _period_text(request: ReportRequest) -> str:
    dates = f"từ ngày {vn_date(request.period_start)} đến ngày {vn_date(request.period_end)}"
    if request.period_kind == PeriodKind.CUSTOM:
        return dates
    label = period_label(request.period_kind, request.period_end.year, request.period_number or 1)
    return f"{label} ({dates})"


def _reporting(request: ReportRequest, figures: dict) -> dict:
    """Who sent, on time, and where the review stands: DHIS2's rates, as `completeness`
    computes them, without loading the snapshots a second time."""
    expected = figures["expected"]
    sent = list(
        Submission.objects.filter(request=request, commune__in=request.communes.all()).values_list(
            "status", "first_sent_at"
        )
    )
    late = [s for s, at in sent if deadline_passed(request.deadline, at)]
    on_time = len(sent) - len(late)
    count = lambda status: sum(1 for s, _ in sent if s == status)  # noqa: E731
    return {
        "expected": expected,
        "sent": len(sent),
        "on_time": on_time,
        "late": len(sent) - on_time,
        "accepted": count(SubmissionStatus.ACCEPTED),
        "accepted_late": late.count(SubmissionStatus.ACCEPTED),
        "waiting": count(SubmissionStatus.SUBMITTED),
        "returned": count(SubmissionStatus.RETURNED),
        "missing": expected - len(sent),
        "rate": _rate(len(sent), expected),
        "on_time_rate": _rate(on_time, expected),
    }


def _rate(part: int, whole: int) -> str:
    return str((Decimal(100 * part) / whole).quantize(Decimal("0.1"))) if whole else "0"


def _table(figures: dict, words: ReportWords) -> dict:
    """The rows of Phụ lục I, already formatted: the template only places them."""
    rows = []
    for index, row in enumerate(figures["rows"], 1):
        f = row["figures"]
        line = {
            "index": index,
            "code": row["code"],
            "name": row["name"],
            "reported": f is not None,
            "status": "",
        }
        if f is None:
            line["status"] = MISSING if row["status"] == NOT_SENT else NOT_ACCEPTED
        else:
            line |= {
                "teams": vn_number(f["teams"]),
                "members": vn_number(f["members"]),
                "people_helped": vn_number(f["people_helped"]),
                "people_trained": vn_number(f["people_trained"]),
            }
            for key, code in TABLE_INDICATORS.items():
                indicator = f["indicators"].get(code)
                line[key] = (indicator or {}).get("text") or NO_VALUE
        rows.append(line)
    t = figures["totals"]
    totals = {
        "name": f"{capfirst(words.province.whole)} ({vn_count(figures['reported'])}/"
        f"{vn_count(figures['expected'])} đơn vị)",
        "teams": vn_number(t["teams"]),
        "members": vn_number(t["members"]),
        "people_helped": vn_number(t["people_helped"]),
        "people_trained": vn_number(t["people_trained"]),
    }
    for key, code in TABLE_INDICATORS.items():
        indicator = figures["indicators"].get(code)
        value = (indicator or {}).get("value")
        totals[key] = percent(value) if value is not None else NO_VALUE
    whole = words.province.whole
    return {
        # The template's headings: "Xã, phường" and "THEO XÃ, PHƯỜNG" in the province's words.
        "communes_heading": capfirst(words.answering),
        "appendix_title": f"THEO {words.answering.upper()}",
        "rows": rows,
        "totals": totals,
        "notes": [
            "Ghi chú: Số liệu của mỗi đơn vị lấy từ báo cáo đã được tiếp nhận; “Chưa báo cáo”: "
            "đơn vị chưa gửi báo cáo; “Báo cáo chưa được tiếp nhận”: báo cáo đang chờ xem xét "
            "hoặc đã trả lại để chỉnh sửa. Các đơn vị này không được tính vào dòng "
            f"{whole}. Tỷ lệ {whole} bằng tổng tử số chia tổng mẫu số của các đơn vị báo cáo."
        ],
    }


# --- The workbooks ----------------------------------------------------------------------

# Headings of the summed figures of `synthesis.SUMMED`, in its order; "{communes}" and
# "{villages}" take the province's words.
SUMMED_HEADINGS = {
    "teams": "Tổng số tổ CNSCĐ",
    "teams_commune": "Tổ cấp {communes}",
    "teams_village": "Tổ cấp {villages}",
    "teams_rapid": "Tổ ứng cứu",
    "members": "Số thành viên",
    "visit_records": "Số lần hỗ trợ (bản ghi)",
    "people_helped": "Lượt người được hỗ trợ",
    "elderly_helped": "trong đó: người cao tuổi",
    "class_attendees": "Người học tại lớp học số",
    "course_participants": "Lượt học trực tuyến",
    "people_trained": "Người được đào tạo kỹ năng số",
    "documents": "Văn bản chỉ đạo",
    "outreach": "Hoạt động tuyên truyền",
    "zalo_groups": "Nhóm Zalo",
}
TOTAL_FONT = Font(bold=True)


def render_city_xlsx(request: ReportRequest, words: ReportWords | None = None) -> bytes:
    """Every commune's figures, one row each, and the city's totals in the last row (every
    province's and the country's, for the Ministry's request, with its `words`)."""
    figures = _in_order(city_figures(request))
    words = words or ReportWords.of(request.province, request.communes.all())
    whole = capfirst(words.province.whole)
    names = dict(Indicator.objects.order_by("position", "code").values_list("code", "name"))
    codes = [c for c in names if any(_indicator(r, c) for r in figures["rows"])]
    headings = ["STT", "Mã", capfirst(words.answering), "Tình trạng báo cáo", "Báo cáo số"]
    headings += [
        SUMMED_HEADINGS[key].format(communes=words.communes, villages=words.villages)
        for key in SUMMED
    ]
    for code in codes:
        headings += [f"{names[code]} (%)", "Tử số", "Mẫu số"]
    rows = []
    for index, row in enumerate(figures["rows"], 1):
        f = row["figures"]
        line = [index, row["code"], row["name"], row["status"], row.get("report_number")]
        if f is None:
            # Empty, not zero: a commune that has not reported counts for nothing.
            line += [None] * (len(SUMMED) + 3 * len(codes))
        else:
            line += [f[key] for key in SUMMED]
            for code in codes:
                i = _indicator(row, code) or {}
                line += [_number(i.get("value")), _number(i.get("numerator"))]
                line += [_number(i.get("denominator"))]
        rows.append(line)
    totals = [
        None,
        None,
        f"{whole} ({figures['reported']}/{figures['expected']} đơn vị đã tiếp nhận)",
        None,
        None,
    ]
    totals += [figures["totals"][key] for key in SUMMED]
    for code in codes:
        i = figures["indicators"].get(code) or {}
        totals += [_number(i.get(k)) for k in ("value", "numerator", "denominator")]

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(f"Theo {words.answering}")
    _write(sheet, headings, rows)
    _append_totals(sheet, totals)
    about = workbook.create_sheet("Thông tin")
    _write(
        about,
        ["Nội dung", "Giá trị"],
        [
            ["Yêu cầu báo cáo", str(request)],
            ["Kỳ báo cáo", _period_text(request)],
            ["Hạn gửi báo cáo", request.deadline],
            ["Số đơn vị phải báo cáo", figures["expected"]],
            ["Số báo cáo đã tiếp nhận", figures["reported"]],
            ["Lập lúc", timezone.localtime().replace(tzinfo=None, microsecond=0)],
            [
                "Ghi chú",
                "Số liệu của mỗi đơn vị lấy từ báo cáo đã được tiếp nhận; đơn vị chưa báo cáo "
                f"để trống, không tính là 0. Tỷ lệ {words.province.whole} bằng tổng tử số chia "
                "tổng mẫu số của các đơn vị đã báo cáo chỉ số.",
            ],
        ],
    )
    about["B7"].number_format = "dd/mm/yyyy hh:mm"
    return _save(workbook)


def render_completeness_xlsx(request: ReportRequest, words: ReportWords | None = None) -> bytes:
    """Who has sent the report and when, missing first, and the city's rates below."""
    status = completeness(request)
    words = words or ReportWords.of(request.province, request.communes.all())
    rows = []
    for row in status.rows:
        submission = row.submission
        rows.append(
            [
                row.commune.code,
                row.commune.name,
                "Đã gửi" if row.sent else "Chưa gửi",
                timezone.localtime(submission.first_sent_at).replace(tzinfo=None)
                if submission
                else None,
                ("Đúng hạn" if row.on_time else "Quá hạn") if row.sent else None,
                submission.get_status_display() if submission else "Chưa gửi",
                row.reminders,
            ]
        )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tình hình báo cáo"
    _write(
        sheet,
        ["Mã", capfirst(words.answering), "Đã gửi", "Ngày gửi", "Đúng hạn",
         "Trạng thái duyệt", "Số lần nhắc"],
        rows,
    )  # fmt: skip
    for (cell,) in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.number_format = "dd/mm/yyyy hh:mm"
    sheet.column_dimensions["D"].width = 18
    append_row(sheet, [])
    headings = [capfirst(words.province.whole), "Số đơn vị phải báo cáo", "Đã gửi"]
    headings += ["Tỷ lệ gửi (%)"]
    headings += ["Gửi đúng hạn", "Tỷ lệ đúng hạn (%)"]
    append_row(sheet, headings, font=TOTAL_FONT)
    append_row(
        sheet,
        [
            str(request),
            status.expected,
            status.sent,
            round(Decimal(status.rate), 1),
            status.on_time,
            round(Decimal(status.on_time_rate), 1),
        ],
    )
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, int):
            cell.number_format = INTEGER_FORMAT
        elif isinstance(cell.value, Decimal):
            cell.number_format = "0.0"
    # The filter covers the communes, not the totals below them.
    sheet.auto_filter.ref = f"A1:G{len(rows) + 1}"
    return _save(workbook)


def sheet_title(text: str) -> str:
    """A sheet's name as Excel allows it: 31 characters at most."""
    return text if len(text) <= 31 else text[:30].rstrip(", ") + "…"


def _indicator(row: dict, code: str) -> dict | None:
    return (row["figures"] or {}).get("indicators", {}).get(code)


def _number(value):
    if value is None:
        return None
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else number


def _append_totals(sheet, values: list) -> None:
    for cell in append_row(sheet, values, font=TOTAL_FONT):
        if isinstance(cell.value, int):
            cell.number_format = INTEGER_FORMAT
        elif isinstance(cell.value, Decimal):
            cell.number_format = DECIMAL_FORMAT
    # The filter and sorting cover the communes, not the totals row.
    sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row - 1}"


def _save(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
