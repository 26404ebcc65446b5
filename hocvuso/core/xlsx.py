"""Writing people's text into a spreadsheet without letting it become a formula.

openpyxl stores a text that begins with "=" as a formula, which Excel then runs: a name
typed as `=HYPERLINK(…)` would become a live link. Excel (and the tools that read a sheet
back as CSV) also take a text beginning with "+", "-", "@", a tab or a carriage return for
the start of a formula when it is typed or pasted. Every cell of every workbook hocvuso
writes goes through this module, which stores such texts as texts (`data_type == "s"`):
`append_row` for a row, `cell` for a styled cell of a row, `write_cell` for a cell at
its place. A test (core/tests/test_xlsx_writer.py) checks that no other module writes one.
"""

from openpyxl.cell.cell import Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def keep_as_text(cell) -> None:
    """Store the cell's text as a text even if it begins like a formula."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"


def _style(made: Cell, style: dict) -> Cell:
    for name, value in style.items():
        setattr(made, name, value)
    return made


def cell(sheet, value, **style) -> Cell:
    """A cell for a row of `sheet` (a write-only one too), holding `value` with its text kept
    as text, and styled: `cell(sheet, "Tên", font=Font(bold=True), number_format="@")`."""
    # As openpyxl's WriteOnlyCell makes it; a worksheet's `append` gives its place.
    made = Cell(sheet, row=1, column=1, value=value)
    keep_as_text(made)
    return _style(made, style)


def append_row(sheet, values, **style) -> list:
    """Append `values` (or cells made by `cell`) as the sheet's next row, every text kept as
    text; `style` applies to each of its cells. Returns the row's cells."""
    row = []
    for value in values:
        if isinstance(value, Cell):
            keep_as_text(value)
            row.append(_style(value, style))
        elif style or (isinstance(value, str) and value.startswith(FORMULA_STARTS)):
            row.append(cell(sheet, value, **style))
        else:
            row.append(value)
    sheet.append(row)
    if isinstance(sheet, WriteOnlyWorksheet):
        return row
    return list(sheet[sheet.max_row]) if row else []


def write_cell(sheet, row: int, column: int, value, **style) -> Cell:
    """Write `value` at (row, column) of a sheet, its text kept as text."""
    made = sheet.cell(row=row, column=column)
    made.value = value
    keep_as_text(made)
    return _style(made, style)
