"""Writing people's text into a spreadsheet without letting it become a formula.

openpyxl stores a text that begins with "=" as a formula, which Excel then runs: a name
typed as `=HYPERLINK(…)` would become a live link. Every cell written from what someone
typed or what the records hold goes through `append_row`, which keeps such texts as text.
"""


def keep_as_text(cell) -> None:
    """Store the cell's text as a text even if it begins with "="."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"


def append_row(sheet, values) -> None:
    """Append `values` as the sheet's next row, every text kept as text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        keep_as_text(cell)
