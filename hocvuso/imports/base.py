"""A small importer of XLSX sheets: columns, reading, row errors, all-or-nothing saving.

An import reads the whole sheet, parses every cell and collects every problem
before anything is written, so that a clerk sees all the mistakes of a file at
once and a bad file leaves the database untouched. Each capability's sheet
(`teams/imports.py`, `support/imports.py`) declares its columns, resolves the
parsed values against the database and saves through its app's services; this
module knows nothing of teams or visits. The cell
parsers live in `cells.py`, the template builder in `template.py`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import openpyxl
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hocvuso.accounts.scoping import scope_for
from hocvuso.core.audit import acting_as
from hocvuso.core.formatting import vn_number

from .cells import (
    FORMULA_MESSAGE,
    CellError,
    cell_text,
    is_blank,
    is_formula,
    normalize,
    parse_text,
)
from .files import BadFile, check_xlsx, not_xlsx

# The records are written in one short transaction, after the checks; the checks of 5,000
# rows take seconds. A file of more than IMPORT_DIRECT_LIMIT rows is imported by the worker
# (hocvuso.imports.jobs), not in the web request. A larger file is split.
MAX_ROWS = 5_000
# How often a background import says how many rows it has checked.
PROGRESS_EVERY = 100
# A sheet can carry formatting on many more rows than it has data; reading
# stops there rather than walking a million empty rows.
MAX_SCANNED_ROWS = 2 * MAX_ROWS


def can_import(user) -> bool:
    """Commune officers (and superusers) import their communes' records; team leaders and
    members do not, nor does a province's officer, who only reads its communes' records."""
    scope = scope_for(user)
    return scope.is_officer and scope.writes


@contextmanager
def as_cell_error():
    """Report the first problem of a ValidationError (a service's, a model's) as a CellError
    on that field; the sheets name their columns as the fields."""
    try:
        yield
    except ValidationError as error:
        key, messages = next(iter(error.message_dict.items()))
        raise CellError(" ".join(messages), None if key == NON_FIELD_ERRORS else key) from None


def validate(instance, exclude=()) -> None:
    """`full_clean()` the model, reporting its first problem as a CellError on that field.

    Uniqueness and constraints would cost a query per row; the planners check
    them once for the whole file, and the database still enforces them.
    """
    with as_cell_error():
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    parse: Callable[[Any], Any] = parse_text
    required: bool = False
    default: Any = None
    help: str = ""
    example: Any = ""
    width: int = 18
    # Cells of the template kept as typed: Excel would drop the leading zero
    # of a phone number, and read "02/03/2026" as 3 February on a computer
    # set to American dates.
    as_text: bool = False
    # The allowed values when they come from the database (the services).
    allowed: Callable[[], list[str]] | None = None
    # Other headers read as this column: those of older templates ("Thôn"),
    # and those another unit's template says ("Tổ dân phố").
    aliases: tuple[str, ...] = ()

    def allowed_values(self) -> list[str]:
        if self.allowed is not None:
            return self.allowed()
        return list(getattr(self.parse, "labels", []))


@dataclass(frozen=True)
class Sheet:
    slug: str
    title: str
    description: str
    name: str
    columns: tuple[Column, ...]
    notes: tuple[str, ...] = ()

    def header(self, key: str) -> str | None:
        return next((column.header for column in self.columns if column.key == key), None)

    def in_words(self, words: dict[str, str], changes: dict | None = None) -> Sheet:
        """The sheet with "{Commune}", "{villages}"… of its headers, help, examples and notes
        filled in from `words` (`imports.words.sheet_words`), and some columns changed
        (`changes`: key → fields, e.g. a parser of choices labelled in the unit's words)."""

        def fill(text):
            return text.format(**words) if isinstance(text, str) else text

        changes = changes or {}
        columns = tuple(
            replace(
                column,
                header=fill(column.header),
                help=fill(column.help),
                example=fill(column.example),
                **changes.get(column.key, {}),
            )
            for column in self.columns
        )
        return replace(self, columns=columns, notes=tuple(fill(note) for note in self.notes))


@dataclass(frozen=True)
class RowError:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column is None:
            return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Dòng %(row)s, cột “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Row:
    number: int
    values: dict[str, Any]

    def __getitem__(self, key: str):
        return self.values[key]


@dataclass
class SheetData:
    rows: list[Row]
    errors: list[RowError]
    total: int


@dataclass
class Saved:
    """What a sheet's `save` made: the counts, labelled in Vietnamese, and the one-time links of
    the logins it made (`accounts.services.IssuedLink`), to be handed over once."""

    counts: dict[str, int]
    links: list = field(default_factory=list)


@dataclass
class ImportResult:
    rows: int = 0
    created: dict[str, int] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    # The one-time links of the logins the import made; their tokens exist only here.
    links: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        counts = ", ".join(f"{vn_number(n)} {label}" for label, n in self.created.items())
        return _("Đã nhập %(rows)s dòng: %(counts)s.") % {
            "rows": vn_number(self.rows),
            "counts": counts,
        }


class Progress:
    """What an import tells as it goes: nothing for one made in the request; a background
    import's job (hocvuso.imports.jobs.JobProgress) records it for its page."""

    def read(self, rows: int) -> None:
        """The file is read: it has `rows` rows of data."""

    def checked(self, rows: int) -> None:
        """`rows` rows are checked against the database."""

    def saving(self) -> None:
        """Every row is good: the records are being written."""

    def saved(self, result: ImportResult) -> None:
        """Called inside the transaction that writes the records: raising rolls them back."""


NO_PROGRESS = Progress()


def _counted(rows: list[Row], progress: Progress) -> Iterator[Row]:
    for number, row in enumerate(rows, start=1):
        if number % PROGRESS_EVERY == 0:
            progress.checked(number)
        yield row
    progress.checked(len(rows))


def _not_xlsx() -> BadFile:
    return BadFile(not_xlsx())


def _too_many_rows() -> BadFile:
    return BadFile(
        _(
            "File có quá nhiều dòng; mỗi lần chỉ nhập tối đa %(max)s dòng. Hãy chia thành nhiều file."
        )
        % {"max": vn_number(MAX_ROWS)}
    )


def _read_cells(sheet: Sheet, data: bytes) -> tuple[tuple, list[tuple[int, tuple]]]:
    """The header row and the non-blank rows, with their numbers as Excel shows them."""
    try:
        # Formulas are read as such ("=…"), not as the values Excel last computed, so
        # that a cell holding one is refused rather than imported as whatever it showed.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except Exception as error:
        # openpyxl fails in many ways on a file that is not XLSX (a zip error,
        # a missing part, bad XML); to the clerk they all mean the same thing.
        raise _not_xlsx() from error
    try:
        names = book.sheetnames
        worksheet = book[sheet.name] if sheet.name in names else book[names[0]]
        lines = worksheet.iter_rows(values_only=True)
        header = next(lines, ())
        rows = []
        for number, values in enumerate(lines, start=2):
            if number > MAX_SCANNED_ROWS:
                raise _too_many_rows()
            if all(is_blank(value) for value in values):
                continue
            rows.append((number, values))
            if len(rows) > MAX_ROWS:
                raise _too_many_rows()
    except BadFile:
        raise
    except Exception as error:
        raise _not_xlsx() from error
    finally:
        book.close()
    return header, rows


def _quoted(headers) -> str:
    return ", ".join(f"“{header}”" for header in headers)


def _positions(sheet: Sheet, header: tuple) -> dict[str, int]:
    """Where each column is; the columns may come in any order, but all must be known."""
    known = {
        normalize(header): column
        for column in sheet.columns
        for header in (*column.aliases, column.header)
    }
    positions: dict[str, int] = {}
    unknown, repeated = [], []
    for index, value in enumerate(header):
        if is_blank(value):
            continue
        column = known.get(normalize(cell_text(value)))
        if column is None:
            unknown.append(cell_text(value))
        elif column.key in positions:
            repeated.append(column.header)
        else:
            positions[column.key] = index
    missing = [c.header for c in sheet.columns if c.required and c.key not in positions]
    if not positions:
        raise BadFile(
            _("Dòng đầu tiên của file phải là dòng tiêu đề của mẫu: %(expected)s.")
            % {"expected": _quoted(c.header for c in sheet.columns)}
        )
    problems = []
    if missing:
        problems.append(_("thiếu cột %(columns)s") % {"columns": _quoted(missing)})
    if unknown:
        problems.append(_("có cột không có trong mẫu %(columns)s") % {"columns": _quoted(unknown)})
    if repeated:
        problems.append(_("cột %(columns)s bị lặp lại") % {"columns": _quoted(repeated)})
    if problems:
        raise BadFile(
            _("Các cột của file không đúng mẫu: %(problems)s. Các cột của mẫu là: %(expected)s.")
            % {
                "problems": "; ".join(problems),
                "expected": _quoted(c.header for c in sheet.columns),
            }
        )
    return positions


def read_sheet(sheet: Sheet, file) -> SheetData:
    """Parse every cell of the file; raise BadFile when the file cannot be read at all."""
    header, lines = _read_cells(sheet, check_xlsx(file))
    positions = _positions(sheet, header)
    if not lines:
        raise BadFile(_("File không có dòng dữ liệu nào (ngoài dòng tiêu đề)."))
    rows, errors = [], []
    for number, cells in lines:
        values, row_errors = {}, []
        for column in sheet.columns:
            index = positions.get(column.key)
            raw = cells[index] if index is not None and index < len(cells) else None
            if is_formula(raw):
                row_errors.append(RowError(number, column.header, FORMULA_MESSAGE))
                continue
            if is_blank(raw):
                if column.required:
                    row_errors.append(
                        RowError(number, column.header, _("Ô này không được để trống."))
                    )
                values[column.key] = column.default
                continue
            try:
                values[column.key] = column.parse(raw)
            except CellError as error:
                row_errors.append(RowError(number, column.header, str(error)))
        # A row with unreadable cells is reported and not looked at further,
        # so that one typo does not produce a cascade of messages.
        if row_errors:
            errors += row_errors
        else:
            rows.append(Row(number, values))
    return SheetData(rows, errors, total=len(lines))


def run_import(
    user, sheet: Sheet, file, plan, save, prepare=None, progress: Progress = NO_PROGRESS
) -> ImportResult:
    """Read, plan every row, and save only when no row has an error.

    `plan(user, rows, errors)` resolves the rows against the database (iterating over them
    once) and appends a RowError for each problem; `save(user, planned)` writes and
    returns the counts of what it created, labelled in Vietnamese (or a `Saved`
    with the links of the logins it made). `save` runs in one transaction, which
    on SQLite holds the only write lock: `prepare(user, planned)`, when given, does
    the work that needs no lock before it (`core/bulk.py`) and hands `save` its result.
    `progress` is told how far the import has come (`Progress`).
    """
    if not can_import(user):
        raise PermissionDenied
    try:
        data = read_sheet(sheet, file)
    except BadFile as error:
        return ImportResult(errors=[RowError(None, None, str(error))])
    progress.read(data.total)
    errors = list(data.errors)
    planned = plan(user, _counted(data.rows, progress), errors)
    if errors:
        # Stable: within a row, the errors keep the order of the columns.
        errors.sort(key=lambda error: error.row or 0)
        return ImportResult(rows=data.total, errors=errors)
    if prepare is not None:
        planned = prepare(user, planned)
    progress.saving()
    try:
        with acting_as(user), transaction.atomic():
            saved = save(user, planned)
            if not isinstance(saved, Saved):
                saved = Saved(saved)
            result = ImportResult(rows=data.total, created=saved.counts, links=list(saved.links))
            progress.saved(result)
    except (IntegrityError, ValidationError):
        # Someone saved the same records (or a team's leader) between our checks and our writes.
        return ImportResult(
            rows=data.total,
            errors=[RowError(None, None, _("Dữ liệu vừa được người khác thay đổi; hãy nhập lại."))],
        )
    return result
