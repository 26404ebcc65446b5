"""The province makes its communes' officer accounts: the page's rows and the spreadsheet.

The page (`/thanh-pho/tai-khoan/`, hocvuso/city/views.py `officer_accounts`) lists every
commune of the province, each with its officers or with boxes for a new one; the
spreadsheet carries the same columns, its template already holding the communes without an
officer. Both end in `accounts.services.create_officer_accounts`, which checks every row and
saves all or nothing.
"""

import io
import re
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError

from hocvuso.accounts.logins import ascii_fold, login_stem
from hocvuso.accounts.models import User, UserRole
from hocvuso.accounts.services import OfficerInput, create_officer_accounts
from hocvuso.core.xlsx import append_row
from hocvuso.imports.base import BadFile, Column, Sheet, read_sheet
from hocvuso.imports.cells import normalize
from hocvuso.imports.template import build_template
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import ProvinceWords, capfirst

FIELDS = ("full_name", "phone", "email", "username")
POSTED = re.compile(r"^(full_name|phone|email|username)-(\d+)$")

SHEET = Sheet(
    slug="can-bo",
    title="Tài khoản cán bộ {commune}",
    description=(
        "Mỗi dòng một {commune} và cán bộ của đơn vị đó. Mẫu đã có sẵn mã và tên các {commune} "
        "chưa có tài khoản cán bộ: chỉ cần điền họ tên, số điện thoại; dòng để trống được bỏ qua."
    ),
    name="Cán bộ",
    columns=(
        Column(
            "Mã {commune}",
            "code",
            help="Mã đơn vị hành chính, có sẵn trong mẫu.",
            example="{code_example}",
            width=12,
            as_text=True,
            aliases=("Mã đơn vị", "Mã"),
        ),
        Column(
            "Tên {commune}",
            "commune",
            help="Tên đơn vị như trong mẫu; chỉ dùng khi không ghi mã.",
            example="{commune_example}",
            width=28,
            aliases=("Tên đơn vị", "Đơn vị"),
        ),
        Column(
            "Họ và tên cán bộ",
            "full_name",
            help="Họ và tên đầy đủ, có dấu.",
            example="Lò Thị Hoa",
            width=26,
            aliases=("Họ và tên",),
        ),
        Column(
            "Số điện thoại di động",
            "phone",
            help="10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.",
            example="0912345678",
            width=18,
            as_text=True,
            aliases=("Số điện thoại", "Điện thoại"),
        ),
        Column(
            "Email",
            "email",
            help="Không bắt buộc; có email thì liên kết đặt mật khẩu được gửi qua email.",
            example="",
            width=26,
        ),
        Column(
            "Tên đăng nhập",
            "username",
            help="Để trống để tự tạo từ tên đơn vị (không dấu, viết liền).",
            example="{login_example}",
            width=20,
        ),
    ),
    notes=(
        "Mỗi tài khoản nhận một liên kết đặt mật khẩu, dùng một lần, hết hạn sau 7 ngày.",
        "Nếu một dòng sai, chưa tài khoản nào được tạo: sửa các dòng được báo rồi nhập lại.",
    ),
)


@dataclass
class CommuneRow:
    """A commune on the page: its officers, or the boxes for a new one and their errors."""

    commune: Unit
    officers: list[User]
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def search(self) -> str:
        """What the filter box matches: the name with and without accents, and the code."""
        return f"{self.commune.name} {ascii_fold(self.commune.name)} {self.commune.code}".lower()


def communes_of(province: Unit):
    return Unit.objects.filter(level=Level.COMMUNE, parent=province, valid_to__isnull=True)


def officers_by_commune(communes) -> dict[int, list[User]]:
    found: dict[int, list[User]] = {}
    officers = User.objects.filter(
        role=UserRole.COMMUNE_OFFICER, unit__in=communes, is_active=True
    ).order_by("username")
    for officer in officers:
        found.setdefault(officer.unit_id, []).append(officer)
    return found


def page_rows(province: Unit, data=None, errors: dict | None = None) -> list[CommuneRow]:
    """Every commune of the province in alphabetical order (accents aside), each with its
    officers, and what was typed in its boxes when the page comes back with errors."""
    communes = list(communes_of(province))
    officers = officers_by_commune(communes)
    errors = errors or {}
    rows = [
        CommuneRow(
            commune=c,
            officers=officers.get(c.pk, []),
            values={name: (data or {}).get(f"{name}-{c.pk}", "") for name in FIELDS},
            errors=errors.get(str(c.pk), []),
        )
        for c in communes
    ]
    rows.sort(key=lambda row: (ascii_fold(row.commune.short_name), row.commune.code))
    return rows


def inputs_from_post(data) -> list[OfficerInput]:
    """The rows the officer filled in, whatever communes they name (the service checks)."""
    keys = sorted({int(m.group(2)) for m in map(POSTED.match, data) if m})
    rows = []
    for pk in keys:
        values = {name: data.get(f"{name}-{pk}", "").strip() for name in FIELDS}
        if any(values.values()):
            rows.append(OfficerInput(commune_id=pk, key=pk, **values))
    return rows


def sheet_for(province: Unit) -> Sheet:
    """The sheet in the province's words: "Mã xã, phường", with one of its communes as example."""
    words = ProvinceWords.covering(province)
    example = communes_of(province).order_by("code").first()
    title = SHEET.title.format(commune=words.communes)
    description = SHEET.description.format(commune=words.communes)
    sheet = SHEET.in_words(
        {
            "commune": words.communes,
            "Commune": capfirst(words.communes),
            "code_example": example.code if example else "",
            "commune_example": example.name if example else "",
            "login_example": login_stem(example) if example else "",
        }
    )
    return Sheet(sheet.slug, title, description, sheet.name, sheet.columns, sheet.notes)


def template_for(province: Unit) -> bytes:
    """The template, its rows already holding the communes that have no officer yet."""
    sheet = sheet_for(province)
    book = openpyxl.load_workbook(io.BytesIO(build_template(sheet)))
    data = book[sheet.name]
    communes = communes_of(province).order_by("code")
    with_officer = set(officers_by_commune(communes))
    for commune in communes:
        if commune.pk not in with_officer:
            append_row(data, [commune.code, commune.name])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _commune_id(row, by_code, by_name) -> int | None:
    """The commune a line names, by its code first, then by its name; a code of another
    province's commune is passed on for the service to refuse by name."""
    code = (row["code"] or "").strip()
    if code:
        for candidate in (code, code.zfill(5)):
            if candidate in by_code:
                return by_code[candidate]
        elsewhere = Unit.objects.filter(level=Level.COMMUNE, code=code.zfill(5)).first()
        return elsewhere.pk if elsewhere else None
    name = normalize(row["commune"] or "")
    return by_name.get(name)


def create_from_file(actor, province: Unit, file) -> tuple[list, list[str]]:
    """(the links made, []) or ([], the problems of the file, line by line)."""
    sheet = sheet_for(province)
    try:
        data = read_sheet(sheet, file)
    except BadFile as error:
        return [], [str(error)]
    problems = [str(error) for error in data.errors]
    communes = list(communes_of(province))
    by_code = {c.code: c.pk for c in communes}
    by_name = {normalize(c.name): c.pk for c in communes}
    rows = [
        OfficerInput(
            commune_id=_commune_id(row, by_code, by_name),
            full_name=row["full_name"] or "",
            phone=row["phone"] or "",
            email=row["email"] or "",
            username=row["username"] or "",
            key=row.number,
        )
        for row in data.rows
        if any(row[name] for name in FIELDS)
    ]
    if not rows and not problems:
        return [], ["File chưa có dòng nào điền họ tên cán bộ."]
    if problems:
        return [], problems
    try:
        return create_officer_accounts(actor, province, rows), []
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            return [], error.messages
        return [], [
            f"Dòng {line}: {message}"
            for line, messages in sorted(error.message_dict.items(), key=lambda i: int(i[0]))
            for message in messages
        ]
