"""The report's appendix workbook: every figure of the snapshot, one sheet per group.

The figures are walked generically — each list of rows becomes a sheet, each single number a
line of the summary sheet — so that a figure added to the snapshot later still appears, with
its key as heading until it is given a Vietnamese one below.
"""

import datetime
import io
import re
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from hocvuso.core.formatting import vn_date
from hocvuso.core.xlsx import append_row
from hocvuso.units.facts import CommuneFacts
from hocvuso.units.words import CommuneWords

from ..phrases import (
    affiliation_names,
    catalogue_text,
    channel_names,
    no_village,
    place_names,
    sentence_case,
    snapshot_facts,
    team_level_names,
    weekdays_phrase,
    whole_commune,
)

SUMMARY_TITLE = "Tổng hợp"
# Excel's limit on a sheet's name.
SHEET_TITLE_LENGTH = 31

# Keys of the figures that are for the program, not the reader: the catalogues' codes.
HIDDEN = {"code", "short_name", "group_code", "level_code"}
# Tables whose "code" is an official code a reader knows (a village's), and keeps.
CODED = {"visits.by_village", "outreach.by_village", "outreach.zalo_by_village"}


def table_specs(words: CommuneWords) -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """The sheets of the known tables: path in snapshot["figures"] -> (sheet title, [(key,
    column heading)]), the villages headed with the commune's own word for them."""
    village = sentence_case(words.villages)
    code = ("code", "Mã")
    visits, people = ("visits", "Lượt hỗ trợ"), ("people", "Số người được hỗ trợ")
    return {
        "visits.by_service": ("Lượt hỗ trợ theo dịch vụ", [("name", "Dịch vụ"), visits, people]),
        "visits.by_place": ("Lượt hỗ trợ theo nơi", [("name", "Nơi hỗ trợ"), visits, people]),
        "visits.by_village": (
            _by_villages("Lượt hỗ trợ theo", words),
            [code, ("name", village), visits, people],
        ),
        "visits.by_month": ("Lượt hỗ trợ theo tháng", [("month", "Tháng"), visits, people]),
        "outreach.by_channel": (
            "Tuyên truyền theo hình thức",
            [
                ("name", "Hình thức tuyên truyền"),
                ("activities", "Số hoạt động"),
                ("times", "Số lượt thực hiện"),
                ("reach", "Số người được tiếp cận"),
            ],
        ),
        "outreach.by_village": (
            _by_villages("Tuyên truyền theo", words),
            [code, ("name", village), ("activities", "Số hoạt động"), ("times", "Số lượt")],
        ),
        "outreach.zalo_by_village": (
            _by_villages("Nhóm Zalo theo", words),
            [code, ("name", village), ("groups", "Số nhóm Zalo"), ("members", "Số thành viên")],
        ),
        "documents": (
            "Văn bản",
            [
                ("kind", "Loại văn bản"),
                ("number_symbol", "Số, ký hiệu"),
                ("issued_on", "Ngày ban hành"),
                ("issuer", "Cơ quan ban hành"),
                ("summary", "Trích yếu"),
                ("in_period", "Ban hành trong kỳ báo cáo"),
            ],
        ),
        "indicators": (
            "Chỉ số",
            [
                ("name", "Chỉ số"),
                ("value", "Giá trị"),
                ("numerator", "Tử số"),
                ("denominator", "Mẫu số"),
                ("unit_label", "Đơn vị tính"),
                ("is_estimate", "Ước tính"),
                ("text", "Cách ghi trong báo cáo"),
                ("period_end", "Số liệu đến ngày"),
                ("source", "Nguồn số liệu"),
            ],
        ),
        "learning.courses": (
            "Học tập trực tuyến",
            [
                ("platform", "Nền tảng"),
                ("url", "Địa chỉ"),
                ("group", "Đối tượng"),
                ("participants", "Số người tham gia"),
                ("completed", "Số người hoàn thành"),
            ],
        ),
        "learning.platforms": ("Nền tảng học tập", [("name", "Nền tảng"), ("url", "Địa chỉ")]),
        "teams.by_affiliation": (
            "Thành viên theo lực lượng",
            [("name", "Lực lượng"), ("members", "Số thành viên")],
        ),
        "teams.by_team": (
            "Tổ công nghệ số cộng đồng",
            [
                ("name", "Tên tổ"),
                ("level", "Cấp"),
                ("village", "Địa bàn"),
                ("members", "Số thành viên"),
            ],
        ),
        "roster.places": (
            "Địa điểm trực",
            [
                ("name", "Địa điểm"),
                ("weekdays", "Ngày trực"),
                ("office_hours", "Trong giờ hành chính"),
            ],
        ),
    }


def summary_labels(words: CommuneWords) -> dict[str, str]:
    """Lines of the summary sheet: path in snapshot["figures"] -> label."""
    learners = {
        "officials": "cán bộ, công chức, viên chức",
        "teachers": "giáo viên",
        "students": "học sinh",
        "citizens": "người dân",
        "total": "tổng số",
    }
    return {
        "visits.records": "Số lượt hỗ trợ người dân",
        "visits.people": "Số người được hỗ trợ",
        "visits.elderly_people": "trong đó: người cao tuổi",
        "visits.disability_people": "trong đó: người khuyết tật",
        "visits.female_people": "trong đó: nữ",
        "visits.male_people": "trong đó: nam",
        "visits.home_people": "trong đó: hỗ trợ tại nhà",
        "outreach.activities": "Số hoạt động tuyên truyền",
        "outreach.times": "Số lượt tuyên truyền",
        "outreach.zalo_groups": "Số nhóm Zalo của tổ công nghệ số cộng đồng",
        "outreach.zalo_villages": f"Số {words.villages} có nhóm Zalo",
        "outreach.zalo_members": "Số thành viên các nhóm Zalo",
        "learning.classes": "Số lớp học, buổi hướng dẫn kỹ năng số",
        **{f"learning.attendees.{k}": f"Người học lớp học số: {v}" for k, v in learners.items()},
        **{
            f"learning.course_participants.{k}": f"Người học trực tuyến: {v}"
            for k, v in learners.items()
        },
        "teams.commune": f"Số tổ công nghệ số cộng đồng {words.level}",
        "teams.village": f"Số tổ công nghệ số cộng đồng {words.village_level}",
        "teams.rapid": "Số đội hỗ trợ chuyển đổi số phản ứng nhanh",
        "teams.members": "Số thành viên các tổ công nghệ số cộng đồng",
        "roster.shifts_planned": "Số ca trực đã bố trí",
        "roster.shifts_held": "Số ca trực có thành viên điểm danh",
        "roster.members_on_duty": "Số thành viên tham gia trực",
    }


def _by_villages(prefix: str, words: CommuneWords) -> str:
    """ "Lượt hỗ trợ theo tổ dân phố"; "… theo khu dân cư" when the commune's several kinds of
    village would not fit in a sheet's name."""
    title = f"{prefix} {words.villages}"
    return title if len(title) <= SHEET_TITLE_LENGTH else f"{prefix} khu dân cư"


def _renamed(path: str, row: dict, facts: CommuneFacts) -> dict:
    """A row whose name the figures leave to the commune's words, named."""
    words = facts.words
    names = {
        "visits.by_place": place_names(facts),
        "outreach.by_channel": channel_names(facts),
        "teams.by_affiliation": affiliation_names(words),
    }.get(path, {})
    row = dict(row)
    if row.get("code") in names:
        row["name"] = names[row["code"]]
    if path == "visits.by_village" and not row.get("code"):
        row["name"] = no_village(words)
    if path == "outreach.by_village" and not row.get("name"):
        row["name"] = whole_commune(words)
    if path == "teams.by_team":
        row["level"] = team_level_names(words).get(row.get("level"), row.get("level"))
        row["village"] = row.get("village") or words.phrase
    if path == "indicators":
        for key in ("name", "source"):
            if isinstance(row.get(key), str):
                row[key] = catalogue_text(row[key], words)
    if path == "roster.places" and isinstance(row.get("weekdays"), list):
        row["weekdays"] = sentence_case(weekdays_phrase(row["weekdays"]))
    return row


# Values the snapshot keeps as text to stay exact (Decimal) but that are numbers to a reader.
NUMERIC_TEXT = {"value", "numerator", "denominator"}
DATE_KEYS = {"issued_on", "date", "start", "end", "period_end"}
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
DATE_FORMAT = "dd/mm/yyyy"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def render_xlsx(snapshot: dict) -> bytes:
    """The workbook as .xlsx bytes."""
    figures = snapshot.get("figures") or {}
    facts = snapshot_facts(snapshot)
    words = facts.words
    specs = table_specs(words)
    summary: list[tuple[str, object]] = []
    tables: dict[str, list[dict]] = {}
    _walk(figures, "", summary, tables, specs, summary_labels(words))

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SUMMARY_TITLE
    _write(
        sheet,
        ["Chỉ tiêu", "Giá trị"],
        [[label, value] for label, value in _identity(snapshot, words) + summary],
    )
    ordered = [path for path in specs if path in tables] + sorted(set(tables) - set(specs))
    for path in ordered:
        title, columns = specs.get(path, (path, []))
        rows = [_renamed(path, row, facts) for row in tables[path]]
        hidden = HIDDEN - {"code"} if path in CODED else HIDDEN
        if path not in specs:
            hidden = set()
        columns = list(columns)
        for row in rows:
            # A column added to the figures later still appears, headed by its key until it
            # is given a heading above.
            columns += [(key, key) for key in row if key not in hidden and key not in dict(columns)]
        _write(
            workbook.create_sheet(_sheet_title(title, workbook)),
            [heading for _, heading in columns],
            [[_cell(key, row.get(key)) for key, _ in columns] for row in rows],
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _walk(value, path: str, summary: list, tables: dict, specs: dict, labels: dict) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{path}.{key}" if path else key, summary, tables, specs, labels)
    elif isinstance(value, list) and (path in specs or any(isinstance(i, dict) for i in value)):
        tables[path] = [item if isinstance(item, dict) else {"value": item} for item in value]
    elif isinstance(value, list):
        summary.append((labels.get(path, path), "; ".join(map(str, value))))
    else:
        summary.append((labels.get(path, path), _cell(path.rsplit(".", 1)[-1], value)))


def _identity(snapshot: dict, words: CommuneWords) -> list[tuple[str, object]]:
    commune = snapshot.get("commune") or {}
    period = snapshot.get("period") or {}
    header = snapshot.get("header") or {}
    lines = [
        (sentence_case(words.kind), commune.get("name", "")),
        (sentence_case(words.province.kind), commune.get("province", "")),
        ("Kỳ báo cáo", f"{_text_date(period.get('start'))} - {_text_date(period.get('end'))}"),
    ]
    if header.get("number"):
        number = f"{header['number']}/{header.get('symbol', '')}"
        lines.append(("Báo cáo số", f"{number} ngày {_text_date(header.get('date'))}"))
    return lines


def _cell(key: str, value):
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if key in NUMERIC_TEXT and isinstance(value, str) and _NUMBER.match(value):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value
        return int(number) if number == number.to_integral_value() else number
    if key in DATE_KEYS and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if key == "month" and isinstance(value, str) and re.match(r"^\d{4}-\d{2}$", value):
        year, month = value.split("-")
        return f"{month}/{year}"
    return value


def _write(sheet, headings: list[str], rows: list[list]) -> None:
    """The headings and the rows; what an officer typed stays text (core/xlsx.py)."""
    heading_alignment = Alignment(wrap_text=True, vertical="center")
    append_row(sheet, headings, font=HEADER_FONT, fill=HEADER_FILL, alignment=heading_alignment)
    for values in rows:
        append_row(sheet, values)
    widths = [len(heading) for heading in headings]
    for row in sheet.iter_rows(min_row=2):
        for index, cell in enumerate(row):
            value = cell.value
            if isinstance(value, bool):
                pass
            elif isinstance(value, int):
                cell.number_format = INTEGER_FORMAT
            elif isinstance(value, float | Decimal):
                cell.number_format = DECIMAL_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, str) and len(value) > 60:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[index] = max(widths[index], len(_shown(value)))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 62)
    sheet.freeze_panes = "A2"
    if rows and sheet.title != SUMMARY_TITLE:
        sheet.auto_filter.ref = sheet.dimensions


def _shown(value) -> str:
    if isinstance(value, datetime.date):
        return "00/00/0000"
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return f"{value:,}"
    return "" if value is None else str(value)


def _text_date(value) -> str:
    try:
        return vn_date(datetime.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return ""


def _sheet_title(title: str, workbook: Workbook) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name, each name once."""
    title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31]
    candidate, number = title, 2
    while candidate in workbook.sheetnames:
        suffix = f" ({number})"
        candidate, number = title[: 31 - len(suffix)] + suffix, number + 1
    return candidate
