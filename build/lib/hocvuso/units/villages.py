"""A commune's villages as its officer lists them: read a pasted list, plan it, save it.

An officer pastes the official list of the commune's villages, one a line
("Bản Na Son", "Tổ dân phố 3", "Ấp Long Hòa", "Thôn 5"), or uploads it as a
sheet. Each line's kind is read from its first word(s); a line may name its kind
after a tab or a "|" ("Na Son | bản", as a sheet pasted from Excel does), and a
line without a kind word takes the kind chosen for such lines. `plan_villages`
checks the whole list against itself and the commune's villages before anything
is saved: a list with one bad line saves nothing. A village already on record
under the same name and kind is left as it is, so that pasting the list again
changes nothing.

This module saves villages only; the page that also creates their teams and Zalo
groups composes it with the teams' and outreach's services (hocvuso/dashboard/villages.py).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hocvuso.core.audit import acting_as

from .models import Level, Unit
from .words import KIND_WORDS, VILLAGE_KINDS, capfirst, kind_word, unit_phrase

MAX_LINES = 200
NAME_LENGTH = Unit._meta.get_field("name").max_length
SHORT_NAME_LENGTH = Unit._meta.get_field("short_name").max_length
CODE_LENGTH = Unit._meta.get_field("code").max_length
# The words a line may start with or name in its kind column, besides the kinds' own
# ("tổ dân phố", "bản" …): the abbreviations of the official lists.
KIND_ALIASES = {"tdp": "to_dan_pho", "kp": "khu_pho"}
COLUMN_SEPARATOR = re.compile(r"\t|\s*\|\s*")


def clean_text(text) -> str:
    """One line of text as stored: composed Unicode (a Mac may send "ả" in two code
    points), single spaces."""
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def name_key(text: str) -> str:
    return clean_text(text).casefold()


def _kind_words() -> list[tuple[str, str]]:
    """(word, kind) for every word a village's kind is written with, longest first, so that
    "tổ dân phố" is read before a shorter word could match its start."""
    words = [(KIND_WORDS[kind], str(kind)) for kind in VILLAGE_KINDS]
    words += list(KIND_ALIASES.items())
    return sorted(words, key=lambda pair: -len(pair[0]))


KIND_WORDS_LONGEST_FIRST = _kind_words()
KIND_BY_WORD = {word: kind for word, kind in KIND_WORDS_LONGEST_FIRST}


def kind_of_word(text: str) -> str | None:
    """The kind a kind column names ("Bản", "tổ dân phố", "TDP"), or None."""
    text = name_key(text)
    if text in KIND_BY_WORD:
        return KIND_BY_WORD[text]
    # A sheet may hold the stored value ("to_dan_pho") or the label ("Tổ dân phố").
    return text if text in {str(kind) for kind in VILLAGE_KINDS} else None


def split_kind(name: str) -> tuple[str | None, str]:
    """ "Bản Na Son" -> ("ban", "Na Son"); "Na Son" -> (None, "Na Son")."""
    name = clean_text(name)
    folded = name.casefold()
    for word, kind in KIND_WORDS_LONGEST_FIRST:
        if folded == word:
            return kind, ""
        if folded.startswith(word + " "):
            return kind, name[len(word) + 1 :].strip()
    return None, name


def own_name_keys(village: Unit) -> set[str]:
    """The keys a village on record is found by: its own name, whether its short name was
    stored with the kind word ("Bản Na Son") or without ("Na Son")."""
    names = (village.short_name, split_kind(village.name)[1], split_kind(village.short_name)[1])
    return {name_key(name) for name in names if name}


def village_name(kind: str, short_name: str) -> str:
    """ "Bản Na Son": the kind's word, capitalised, then the village's own name."""
    return f"{capfirst(kind_word(kind))} {short_name}".strip()


@dataclass
class Line:
    """One line of the list as typed (or one row of a sheet): its number and its columns."""

    number: int
    name: str
    kind: str = ""  # the kind column, as typed
    code: str = ""


def lines_of_text(text: str, first_number: int = 1) -> list[Line]:
    """The lines of a pasted list; a blank line is skipped but still counted, so that
    "dòng 5" is the fifth line of the box."""
    lines = []
    for number, raw in enumerate((text or "").replace("\r\n", "\n").split("\n"), first_number):
        if not raw.strip():
            continue
        columns = [*COLUMN_SEPARATOR.split(raw), "", ""]
        lines.append(Line(number, clean_text(columns[0]), clean_text(columns[1]), columns[2]))
    return lines


def text_of_lines(lines: list[Line]) -> str:
    """The lines back as a list of tab-separated columns (a sheet read for the preview is
    carried to the confirmation as text); blank lines keep the numbering."""
    out = []
    first = lines[0].number if lines else 1
    by_number = {line.number: line for line in lines}
    for number in range(first, (lines[-1].number if lines else 0) + 1):
        line = by_number.get(number)
        out.append("\t".join([line.name, line.kind, line.code]).rstrip("\t") if line else "")
    return "\n".join(out)


NEW, EXISTING = "new", "existing"


@dataclass
class Row:
    """What one line becomes: a new village, one already on record, or its mistakes."""

    number: int
    text: str
    kind: str | None = None
    short_name: str = ""
    code: str = ""
    status: str = NEW
    kind_from: str = ""  # "word", "column", "choice" or "default": how the kind was found
    village: Unit | None = None  # the village on record, for EXISTING
    errors: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return village_name(self.kind, self.short_name) if self.kind else self.short_name

    @property
    def kind_label(self) -> str:
        return capfirst(kind_word(self.kind)) if self.kind else ""


@dataclass
class Plan:
    commune: Unit
    rows: list[Row]
    errors: list[str] = field(default_factory=list)  # of the whole list

    @property
    def is_valid(self) -> bool:
        return not self.errors and not any(row.errors for row in self.rows)

    @property
    def new_rows(self) -> list[Row]:
        return [row for row in self.rows if row.status == NEW and not row.errors]

    @property
    def existing_rows(self) -> list[Row]:
        return [row for row in self.rows if row.status == EXISTING and not row.errors]

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors) + len(self.errors)

    def raise_if_invalid(self) -> None:
        if self.is_valid:
            return
        messages = list(self.errors)
        messages += [
            f"Dòng {row.number}: {' '.join(row.errors)}" for row in self.rows if row.errors
        ]
        raise ValidationError(messages)


def village_kind_choices() -> list[tuple[str, str]]:
    return [(str(kind), capfirst(KIND_WORDS[kind])) for kind in VILLAGE_KINDS]


def _known_kinds() -> str:
    return ", ".join(KIND_WORDS[kind] for kind in VILLAGE_KINDS)


def commune_villages(commune: Unit):
    return Unit.objects.filter(level=Level.VILLAGE, parent=commune)


def _next_numbers(commune: Unit, codes: list[str]):
    """The numbers after the highest `{commune code}-{nn}` of the commune, one by one."""
    pattern = re.compile(rf"^{re.escape(commune.code)}-(\d+)$")
    taken = [int(m.group(1)) for code in codes if (m := pattern.match(code))]
    number = max(taken, default=0)
    while True:
        number += 1
        yield f"{commune.code}-{number:02d}"


def _read_line(line: Line, choice: str | None, default_kind: str | None) -> Row:
    row = Row(number=line.number, text=line.name, code=clean_text(line.code))
    word_kind, short_name = split_kind(line.name)
    row.short_name = short_name
    row.kind, row.kind_from = word_kind, "word" if word_kind else ""
    if line.kind:
        column_kind = kind_of_word(line.kind)
        if column_kind is None:
            row.errors.append(f"Không có loại “{line.kind}”; hãy ghi một trong: {_known_kinds()}.")
        else:
            row.kind, row.kind_from = column_kind, "column"
    if choice:
        if choice not in {str(kind) for kind in VILLAGE_KINDS}:
            row.errors.append(f"Không có loại “{choice}”; hãy chọn một trong: {_known_kinds()}.")
        else:
            row.kind, row.kind_from = choice, "choice"
    if row.kind is None and not row.errors:
        if default_kind:
            row.kind, row.kind_from = default_kind, "default"
        else:
            row.errors.append("Chưa rõ loại: hãy chọn loại ở cột Loại.")
    if not short_name:
        row.errors.append("Thiếu tên.")
    elif len(short_name) > SHORT_NAME_LENGTH or len(row.name) > NAME_LENGTH:
        row.errors.append(f"Tên dài quá {NAME_LENGTH} ký tự.")
    if len(row.code) > CODE_LENGTH:
        row.errors.append(f"Mã dài quá {CODE_LENGTH} ký tự.")
    return row


def plan_villages(
    commune: Unit,
    lines: list[Line],
    default_kind: str | None = None,
    choices: dict[int, str] | None = None,
) -> Plan:
    """What saving `lines` would do to the commune's villages, with every mistake found.

    `choices` are the kinds chosen line by line on the preview (by line number); they
    override the kind word and the kind column. Reads the commune's villages and the
    given codes in two queries, whatever the length of the list.
    """
    assert commune.level == Level.COMMUNE, commune
    choices = choices or {}
    plan = Plan(commune=commune, rows=[])
    if default_kind and default_kind not in {str(kind) for kind in VILLAGE_KINDS}:
        plan.errors.append(f"Không có loại “{default_kind}”; hãy chọn một trong: {_known_kinds()}.")
        default_kind = None
    if not lines:
        plan.errors.append("Danh sách trống: hãy dán mỗi dòng một tên.")
        return plan
    if len(lines) > MAX_LINES:
        plan.errors.append(
            f"Danh sách có {len(lines)} dòng; mỗi lần nhập tối đa {MAX_LINES} dòng. "
            "Hãy chia danh sách thành nhiều lần."
        )
        return plan
    plan.rows = [_read_line(line, choices.get(line.number), default_kind) for line in lines]

    villages = list(commune_villages(commune).order_by("code"))
    by_short = {}
    for village in villages:
        for key in own_name_keys(village):
            by_short.setdefault(key, village)
    given_codes = [row.code for row in plan.rows if row.code]
    taken_codes = dict(
        Unit.objects.filter(level=Level.VILLAGE, code__in=given_codes).values_list("code", "pk")
    )
    seen_names: dict[str, int] = {}
    seen_codes: dict[str, int] = {}
    for row in plan.rows:
        if not row.short_name:
            continue
        key = name_key(row.short_name)
        if key in seen_names:
            row.errors.append(f"Trùng với dòng {seen_names[key]}.")
        else:
            seen_names[key] = row.number
        if row.code:
            if row.code in seen_codes:
                row.errors.append(f"Mã {row.code} trùng với dòng {seen_codes[row.code]}.")
            seen_codes.setdefault(row.code, row.number)
        _compare_with_record(row, by_short.get(key))
        if row.status == NEW and row.code in taken_codes:
            row.errors.append(f"Mã {row.code} đã dùng cho một đơn vị khác.")

    codes = _next_numbers(commune, [v.code for v in villages] + given_codes)
    taken = set(taken_codes) | {v.code for v in villages}
    for row in plan.rows:
        if row.status == NEW and not row.code:
            row.code = next(code for code in codes if code not in taken)
    return plan


def _compare_with_record(row: Row, village: Unit | None) -> None:
    """A line naming a village on record: the same one (left as it is), or a conflict."""
    if village is None or row.kind is None:
        return
    if village.valid_to is not None:
        row.errors.append(
            f"{village.name} đã thôi từ ngày {village.valid_to:%d/%m/%Y}; "
            "hãy khôi phục ở danh sách bên dưới thay vì thêm lại."
        )
    elif village.kind != row.kind:
        row.errors.append(
            f"Trùng tên với {village.name} đã có; nếu muốn đổi loại, hãy sửa {village.name} "
            "ở danh sách bên dưới."
        )
    elif row.code and row.code != village.code:
        row.errors.append(f"{village.name} đã có với mã {village.code}.")
    else:
        row.status, row.village, row.code = EXISTING, village, village.code


def add_villages(plan: Plan, user=None) -> list[Unit]:
    """Save the new villages of a valid plan, each with its audit entry; returns them in
    the order of the list. The caller holds the transaction that makes the list all or
    nothing."""
    plan.raise_if_invalid()
    created = []
    with acting_as(user), transaction.atomic():
        for row in plan.new_rows:
            village = Unit(
                level=Level.VILLAGE,
                kind=row.kind,
                code=row.code,
                name=row.name,
                short_name=row.short_name,
                parent=plan.commune,
            )
            village.save()
            row.village = village
            created.append(village)
    return created


def _check_name(commune: Unit, village: Unit, kind: str, short_name: str) -> dict:
    errors = {}
    if kind not in {str(k) for k in VILLAGE_KINDS}:
        errors["kind"] = f"Không có loại “{kind}”; hãy chọn một trong: {_known_kinds()}."
    if not short_name:
        errors["short_name"] = "Hãy nhập tên."
    elif len(short_name) > SHORT_NAME_LENGTH or len(village_name(kind, short_name)) > NAME_LENGTH:
        errors["short_name"] = f"Tên dài quá {NAME_LENGTH} ký tự."
    else:
        # Compared in Python: a commune has a few hundred villages at most, and SQLite's
        # case-insensitive match knows no Vietnamese letters.
        key = name_key(short_name)
        others = commune_villages(commune).exclude(pk=village.pk)
        twin = next((v for v in others if key in own_name_keys(v)), None)
        if twin is not None:
            errors["short_name"] = f"Đã có {twin.name} trong {unit_phrase(commune)}."
    return errors


def change_village(village: Unit, short_name: str, kind: str, user=None) -> Unit:
    """Rename a village or change its kind ("Thôn Đồi" becomes "Xóm Đồi"); its code stays."""
    assert village.level == Level.VILLAGE, village
    short_name = clean_text(short_name)
    word_kind, rest = split_kind(short_name)
    if word_kind is not None and rest:
        # "Xóm Đồi" typed in the name box names its kind, over the one chosen beside it.
        kind, short_name = word_kind, rest
    errors = _check_name(village.parent, village, kind, short_name)
    if errors:
        raise ValidationError(errors)
    village.kind, village.short_name = kind, short_name
    village.name = village_name(kind, short_name)
    with acting_as(user):
        village.save(update_fields=["kind", "short_name", "name", "updated_at"])
    return village


def retire_village(village: Unit, on: datetime.date | None = None, user=None) -> Unit:
    """The village no longer exists from `on` (today by default): it leaves the lists and
    the counts of the commune's villages, and its past records stay."""
    assert village.level == Level.VILLAGE, village
    on = on or timezone.localdate()
    if village.valid_from and on < village.valid_from:
        raise ValidationError(
            {"valid_to": f"Ngày thôi phải từ ngày {village.valid_from:%d/%m/%Y} trở đi."}
        )
    village.valid_to = on
    with acting_as(user):
        village.save(update_fields=["valid_to", "updated_at"])
    return village


def restore_village(village: Unit, user=None) -> Unit:
    """Undo `retire_village`: the village is current again."""
    errors = _check_name(village.parent, village, village.kind, village.short_name)
    if errors:
        raise ValidationError(errors)
    village.valid_to = None
    with acting_as(user):
        village.save(update_fields=["valid_to", "updated_at"])
    return village
