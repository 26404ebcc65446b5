"""A commune's villages with their teams and Zalo groups: the writes the villages page makes.

A village is saved by `hocvuso.units.villages`, its village team by
`hocvuso.teams.services` and its Zalo group by `hocvuso.outreach.services`; this
module, above all three, puts them in one transaction, so that a list of 37 bản
gives 37 villages, 37 teams and 37 Zalo groups, or nothing at all. It also reads
the sheet an officer may upload instead of pasting the list.
"""

import datetime
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from openpyxl.utils.exceptions import InvalidFileException

from hocvuso.imports.files import BadFile, check_xlsx, not_xlsx
from hocvuso.outreach.models import ZaloGroup
from hocvuso.outreach.services import ensure_zalo_groups, rename_zalo_groups
from hocvuso.teams.models import Team, TeamLevel
from hocvuso.teams.services import (
    close_village_teams,
    ensure_village_teams,
    rename_village_team,
    reopen_village_teams,
    village_team_name,
)
from hocvuso.units import villages as units_villages
from hocvuso.units.models import Unit
from hocvuso.units.villages import MAX_LINES, Line, Plan, name_key
from hocvuso.units.words import kind_word

MAX_SHEET_BYTES = 2 * 1024 * 1024
# A sheet may carry formatting far below its data; reading stops here.
MAX_SCANNED_ROWS = 5 * MAX_LINES
HEADERS = {"name": ("tên",), "kind": ("loại",), "code": ("mã",)}


@dataclass
class SetUp:
    """What saving a list did."""

    villages: list[Unit] = field(default_factory=list)
    teams: list[Team] = field(default_factory=list)
    groups: list[ZaloGroup] = field(default_factory=list)

    def summary(self) -> str:
        """ "Đã thêm 35 bản, 2 xóm, 37 tổ công nghệ số cộng đồng và 37 nhóm Zalo." """
        kinds = Counter(village.kind for village in self.villages)
        parts = [f"{n} {kind_word(kind)}" for kind, n in kinds.most_common()]
        if not parts and not self.teams and not self.groups:
            return "Danh sách không có gì mới: không thay đổi gì."
        parts.append(f"{len(self.teams)} tổ công nghệ số cộng đồng")
        return f"Đã thêm {', '.join(parts)} và {len(self.groups)} nhóm Zalo."


def missing_parts(plan: Plan) -> dict[int, list[str]]:
    """For the villages of the list already on record, what saving would still add (their
    team, their Zalo group), by village id: two queries for the whole list."""
    ids = [row.village.pk for row in plan.existing_rows]
    with_team = set(
        Team.objects.filter(level=TeamLevel.VILLAGE, unit__in=ids).values_list("unit_id", flat=True)
    )
    with_group = set(ZaloGroup.objects.filter(village__in=ids).values_list("village_id", flat=True))
    missing = {}
    for pk in ids:
        parts = [] if pk in with_team else ["tổ"]
        parts += [] if pk in with_group else ["nhóm Zalo"]
        if parts:
            missing[pk] = parts
    return missing


def set_up_villages(plan: Plan, user=None) -> SetUp:
    """Save the plan's new villages, and give every village of the list its village team and
    its Zalo group if it has none yet; all or nothing, each record in the audit log."""
    plan.raise_if_invalid()
    with transaction.atomic():
        created = units_villages.add_villages(plan, user=user)
        listed = [row.village for row in plan.rows if row.village is not None]
        for village in listed:
            village.parent = plan.commune  # read by the team's name and commune, not queried
        teams, new_teams = ensure_village_teams(listed, user=user)
        groups = ensure_zalo_groups(listed, teams, user=user)
    return SetUp(villages=created, teams=new_teams, groups=groups)


def change_village(village: Unit, short_name: str, kind: str, user=None) -> Unit:
    """Rename a village or change its kind; its team and Zalo group follow when they still
    bear the names they were given with it."""
    old_team_name, old_name = village_team_name(village), village.name
    with transaction.atomic():
        units_villages.change_village(village, short_name, kind, user=user)
        rename_village_team(village, old_team_name, user=user)
        rename_zalo_groups(village, old_name, user=user)
    return village


def retire_village(village: Unit, on: datetime.date | None = None, user=None) -> Unit:
    """The village no longer exists from `on`; its team stops working there the same day."""
    on = on or timezone.localdate()
    with transaction.atomic():
        units_villages.retire_village(village, on, user=user)
        close_village_teams(village, on, user=user)
    return village


def restore_village(village: Unit, user=None) -> Unit:
    retired_on = village.valid_to
    with transaction.atomic():
        units_villages.restore_village(village, user=user)
        if retired_on is not None:
            reopen_village_teams(village, retired_on, user=user)
    return village


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed as a name: "Thôn 5" split in two cells, "5"
    return str(value).replace("\t", " ").strip()


def _columns(header: list[str]) -> dict[str, int] | None:
    """The columns a header row names ("Tên thôn, bản", "Loại", "Mã"), or None if the first
    row is data."""
    found = {}
    for index, text in enumerate(header):
        for key, words in HEADERS.items():
            if key not in found and any(name_key(text).startswith(word) for word in words):
                found[key] = index
    return found if "name" in found else None


def lines_of_sheet(upload) -> list[Line]:
    """The rows of the first sheet of an XLSX file as lines of the list: name, kind and an
    optional code, under a header row ("Tên", "Loại", "Mã") or in columns A, B, C."""
    if upload.size > MAX_SHEET_BYTES:
        raise ValidationError("Tệp lớn quá 2 MB: danh sách chỉ cần các cột Tên, Loại, Mã.")
    unreadable = ValidationError("Không đọc được tệp: hãy chọn tệp Excel (.xlsx).")
    try:
        data = check_xlsx(upload)
    except BadFile as error:
        raise (unreadable if str(error) == not_xlsx() else ValidationError(str(error))) from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise unreadable from None
    try:
        rows = book.worksheets[0].iter_rows(values_only=True, max_row=MAX_SCANNED_ROWS)
        first = next(rows, None)
        if first is None:
            return []
        columns = _columns([_cell(value) for value in first])
        numbered = enumerate(rows, 2) if columns else enumerate([first, *rows], 1)
        columns = columns or {"name": 0, "kind": 1, "code": 2}
        lines = []
        for number, row in numbered:
            values = {key: _cell(row[i]) if i < len(row) else "" for key, i in columns.items()}
            if any(values.values()):
                lines.append(Line(number, **{k: values.get(k, "") for k in HEADERS}))
        return lines
    finally:
        book.close()
