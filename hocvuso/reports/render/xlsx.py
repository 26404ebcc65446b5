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

SUMMARY_TITLE = "Tổng hợp"

# Sheets of the known tables: path in snapshot["figures"] -> (sheet title, columns in order).
TABLES = {
    "visits.by_service": ("Lượt hỗ trợ theo dịch vụ", ["code", "name", "visits", "people"]),
    "visits.by_place": ("Lượt hỗ trợ theo nơi", ["code", "name", "visits", "people"]),
    "visits.by_village": ("Lượt hỗ trợ theo thôn", ["code", "name", "visits", "people"]),
    "visits.by_month": ("Lượt hỗ trợ theo tháng", ["month", "visits", "people"]),
    "outreach.by_channel": (
        "Tuyên truyền theo hình thức",
        ["code", "name", "activities", "times", "reach"],
    ),
    "outreach.by_village": ("Tuyên truyền theo thôn", ["code", "name", "activities", "times"]),
    "documents": ("Văn bản", ["kind", "number_symbol", "issued_on", "summary"]),
    "indicators": (
        "Chỉ số",
        ["code", "name", "value", "numerator", "denominator", "is_estimate", "text"],
    ),
    "learning.courses": ("Học tập", ["platform", "group", "participants", "completed"]),
    "teams.by_affiliation": ("Tổ CNSCĐ", ["code", "name", "members"]),
}

# Column headings; "name" depends on the table.
HEADINGS = {
    "code": "Mã",
    "short_name": "Tên ngắn",
    "visits": "Lượt hỗ trợ",
    "people": "Số người được hỗ trợ",
    "month": "Tháng",
    "activities": "Số hoạt động",
    "times": "Số lượt thực hiện",
    "reach": "Số người được tiếp cận",
    "kind": "Loại văn bản",
    "number_symbol": "Số, ký hiệu",
    "issued_on": "Ngày ban hành",
    "summary": "Trích yếu",
    "value": "Giá trị",
    "numerator": "Tử số",
    "denominator": "Mẫu số",
    "is_estimate": "Ước tính",
    "text": "Cách ghi trong báo cáo",
    "platform": "Nền tảng",
    "group": "Đối tượng",
    "participants": "Số người tham gia",
    "completed": "Số người hoàn thành",
    "members": "Số thành viên",
}
NAME_HEADINGS = {
    "visits.by_service": "Dịch vụ",
    "visits.by_place": "Nơi hỗ trợ",
    "visits.by_village": "Thôn",
    "outreach.by_channel": "Hình thức tuyên truyền",
    "outreach.by_village": "Thôn",
    "indicators": "Chỉ số",
    "teams.by_affiliation": "Lực lượng",
}

# Lines of the summary sheet: path in snapshot["figures"] -> label.
SUMMARY_LABELS = {
    "visits.records": "Số lượt hỗ trợ người dân",
    "visits.people": "Số người được hỗ trợ",
    "visits.elderly_people": "trong đó: người cao tuổi",
    "visits.disability_people": "trong đó: người khuyết tật",
    "visits.female_people": "trong đó: nữ",
    "visits.male_people": "trong đó: nam",
    "visits.home_people": "trong đó: hỗ trợ tại nhà",
    "outreach.activities": "Số hoạt động tuyên truyền",
    "outreach.times": "Số lượt tuyên truyền",
    "learning.classes": "Số lớp học, buổi hướng dẫn kỹ năng số",
    "learning.attendees.officials": "Người học: cán bộ, công chức, viên chức",
    "learning.attendees.teachers": "Người học: giáo viên",
    "learning.attendees.students": "Người học: học sinh",
    "learning.attendees.citizens": "Người học: người dân",
    "learning.attendees.total": "Người học: tổng số",
    "community.zalo_groups": "Số nhóm Zalo của tổ công nghệ số cộng đồng",
    "community.zalo_villages": "Số thôn có nhóm Zalo",
    "community.zalo_members": "Số thành viên các nhóm Zalo",
    "teams.commune": "Số tổ công nghệ số cộng đồng cấp xã",
    "teams.village": "Số tổ công nghệ số cộng đồng cấp thôn",
    "teams.rapid": "Số đội hỗ trợ chuyển đổi số phản ứng nhanh",
    "teams.members": "Số thành viên các tổ công nghệ số cộng đồng",
}

# Values the snapshot keeps as text to stay exact (Decimal) but that are numbers to a reader.
NUMERIC_TEXT = {"value", "numerator", "denominator"}
DATE_KEYS = {"issued_on", "date", "start", "end"}
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
DATE_FORMAT = "dd/mm/yyyy"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def render_xlsx(snapshot: dict) -> bytes:
    """The workbook as .xlsx bytes."""
    figures = snapshot.get("figures") or {}
    summary: list[tuple[str, object]] = []
    tables: dict[str, list[dict]] = {}
    _walk(figures, "", summary, tables)

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SUMMARY_TITLE
    _write(
        sheet,
        ["Chỉ tiêu", "Giá trị"],
        [[label, value] for label, value in _identity(snapshot) + summary],
    )
    ordered = [path for path in TABLES if path in tables] + sorted(set(tables) - set(TABLES))
    for path in ordered:
        title, columns = TABLES.get(path, (path, []))
        columns = list(columns)
        rows = tables[path]
        for row in rows:
            columns += [key for key in row if key not in columns]
        headings = [
            NAME_HEADINGS.get(path, "Tên") if key == "name" else HEADINGS.get(key, key)
            for key in columns
        ]
        _write(
            workbook.create_sheet(_sheet_title(title, workbook)),
            headings,
            [[_cell(key, row.get(key)) for key in columns] for row in rows],
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _walk(value, path: str, summary: list, tables: dict) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{path}.{key}" if path else key, summary, tables)
    elif isinstance(value, list) and (path in TABLES or any(isinstance(i, dict) for i in value)):
        tables[path] = [item if isinstance(item, dict) else {"value": item} for item in value]
    elif isinstance(value, list):
        summary.append((SUMMARY_LABELS.get(path, path), "; ".join(map(str, value))))
    else:
        summary.append((SUMMARY_LABELS.get(path, path), _cell(path.rsplit(".", 1)[-1], value)))


def _identity(snapshot: dict) -> list[tuple[str, object]]:
    commune = snapshot.get("commune") or {}
    period = snapshot.get("period") or {}
    header = snapshot.get("header") or {}
    lines = [
        ("Xã", commune.get("name", "")),
        ("Tỉnh, thành phố", commune.get("province", "")),
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
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for values in rows:
        sheet.append(values)
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
