"""Writing people's text into a spreadsheet without letting it become a formula.

openpyxl stores a text that begins with "=" as a formula, which Excel then runs: a name
typed as `=HYPERLINK(…)` would become a live link. Excel (and the tools that read a sheet
back as CSV) also take a text beginning with "+", "-", "@", a tab or a carriage return for
the start of a formula when it is typed or pasted. Every cell of every workbook hocvuso
writes goes through this module, which stores such texts as texts (`data_type == "s"`):
`append_row` for a row, `cell` for a styled cell of a row, `write_cell` for a cell at
its place, and `StreamingWorkbook` for the long exports, which writes every text as a text
by construction. A test (city/tests/test_formula_text.py) checks that no other module writes
a cell.
"""

import datetime
import numbers
import re
import zipfile
from typing import NamedTuple

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"


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


# --- Long sheets: written straight to the file ------------------------------------------

# Excel counts days from 30/12/1899 (its "1900 date system", leap-year bug included).
_EXCEL_EPOCH = datetime.date(1899, 12, 30).toordinal()
_SECONDS_A_DAY = 86_400
# Characters XML 1.0 forbids; openpyxl refuses them, here they are left out.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})
# Texts kept in the workbook's table of shared strings, each written once however many cells
# hold it; past this many, texts are written in their cells, so that memory stays flat.
SHARED_TEXTS = 50_000
# Rows gathered before they go to the compressor.
_ROWS_A_WRITE = 1_000
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text).translate(_XML_ESCAPES)


def excel_serial(value: datetime.date) -> float | int:
    """A date or a naive datetime as Excel's number of days, as openpyxl writes it."""
    days = value.toordinal() - _EXCEL_EPOCH
    if 0 < days <= 60:  # before 01/03/1900, where Excel counts a 29/02/1900 that never was
        days -= 1
    if not isinstance(value, datetime.datetime):
        return days
    seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    return days + seconds / _SECONDS_A_DAY


class Column(NamedTuple):
    letter: str
    style: str  # ' s="2"': the cell style of its number format, if any
    ends: dict  # its texts' and None's cell ends (StreamingWorkbook._cell_end)


class StreamingWorkbook:
    """An XLSX file written row by row into its zip, for sheets of up to a million rows.

    openpyxl's write-only workbook keeps memory flat too, but builds an object per cell and
    an XML element per cell: a million rows of 15 cells took two minutes (bench/README.md).
    Here a row is a few formatted strings, and a text shown in many cells (a village, a
    service, a place) is written once, in the shared strings. Texts are always written as
    texts, never as formulas, whatever they begin with (the rule of this module). Dates and
    datetimes take their column's number format, given in `add_sheet` (dd/mm/yyyy or
    dd/mm/yyyy hh:mm when it has none).

        book = StreamingWorkbook(path)
        book.add_sheet("Lượt hỗ trợ", ["Mã", "Thời gian"], widths=[9, 17], formats={1: DATETIME})
        book.append((1, datetime.datetime(2026, 5, 31, 8, 30)))
        book.close()
    """

    def __init__(self, path, compresslevel: int = 1):
        # Level 1: files about a third larger than at the default level 6, in under half
        # the time (a million visits: 60 MB, where openpyxl's were 62 MB at level 6).
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self._titles: list[str] = []
        self._formats: list[str] = []  # number formats; cell style i + 2 uses format i
        self._texts: dict[str, int] = {}  # text -> its place in the shared strings
        self._shared: list[str] = []  # escaped shared texts, in their order
        self._stream = None

    def add_sheet(self, title: str, heading, widths=(), formats: dict[int, str] | None = None):
        """Start a sheet (ending the one before): its bold heading row frozen at the top,
        column widths in characters, and number formats by column index (0 for A)."""
        self._end_sheet()
        self._titles.append(title)
        number = len(self._titles)
        self._stream = self._zip.open(f"xl/worksheets/sheet{number}.xml", "w")
        self._rows: list[str] = []
        self._row = 0
        letters = [get_column_letter(i) for i in range(1, len(heading) + 1)]
        styles = {i: self._style(code) for i, code in (formats or {}).items()}
        self._columns = [Column(letter, styles.get(i, ""), {}) for i, letter in enumerate(letters)]
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>'
            for i, width in enumerate(widths, 1)
        )
        self._stream.write(
            (
                f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}"><sheetViews>'
                '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" '
                'activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
                f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{cols}</cols>" if cols else ""}'
                "<sheetData>"
            ).encode()
        )
        self._append(heading, [Column(letter, ' s="1"', {}) for letter in letters])

    def append(self, values) -> None:
        """The sheet's next row: texts, numbers, dates and datetimes (naive, in the time they
        are to show), None for an empty cell."""
        self._append(values, self._columns)

    def _append(self, values, columns: list["Column"]) -> None:
        # The hot loop of a long export: a text or an empty cell, most cells, is one look-up
        # in its column's cache of the ends of cells; a number is written at once (numbers
        # are not cached: 1 and True would be one key).
        self._row += 1
        row = str(self._row)
        cells = []
        add = cells.append
        for (letter, style, ends), value in zip(columns, values, strict=True):
            end = ends.get(value)
            if end is None:
                kind = type(value)
                if kind is int or kind is float:
                    add(f'<c r="{letter}{row}"{style}><v>{value!r}</v></c>')
                    continue
                end = self._cell_end(value, style, ends)
            if end:
                add(f'<c r="{letter}{row}"{end}')
        self._rows.append(f'<row r="{row}">{"".join(cells)}</row>')
        if len(self._rows) >= _ROWS_A_WRITE:
            self._flush()

    def _cell_end(self, value, style: str, ends: dict) -> str:
        """What follows a cell's reference in its XML, "" for an empty cell; kept in the
        column's `ends` for a text (while shared) and for None."""
        kind = type(value)
        if value is None:
            ends[None] = ""
            return ""
        if isinstance(value, str):
            text = str(value)
            index = self._texts.get(text)
            if index is None:
                if len(self._shared) >= SHARED_TEXTS:
                    escaped = _xml_text(text)
                    return (
                        f'{style} t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'
                    )
                self._texts[text] = index = len(self._shared)
                self._shared.append(_xml_text(text))
            ends[value] = end = f'{style} t="s"><v>{index}</v></c>'
            return end
        if kind is bool:
            return f'{style} t="b"><v>{int(value)}</v></c>'
        if kind is int or kind is float:
            return f"{style}><v>{value!r}</v></c>"
        if kind is datetime.datetime or kind is datetime.date:
            style = style or self._style(DATETIME if kind is datetime.datetime else DATE)
            return f"{style}><v>{excel_serial(value)!r}</v></c>"
        if isinstance(value, numbers.Number):
            return f"{style}><v>{value}</v></c>"
        raise TypeError(f"A cell cannot hold {kind.__name__}: {value!r}")

    def _style(self, number_format: str) -> str:
        if number_format not in self._formats:
            self._formats.append(number_format)
        return f' s="{self._formats.index(number_format) + 2}"'

    def _flush(self) -> None:
        self._stream.write("".join(self._rows).encode())
        self._rows.clear()

    def _end_sheet(self) -> None:
        if self._stream is not None:
            self._flush()
            self._stream.write(b"</sheetData></worksheet>")
            self._stream.close()
            self._stream = None

    def close(self) -> None:
        """Write the parts that name the sheets, styles and texts, and close the file."""
        self._end_sheet()
        count = len(self._titles)
        sheets = "".join(
            f'<sheet name="{_xml_text(title)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, title in enumerate(self._titles, 1)
        )
        relationship = '<Relationship Id="rId{}" Type="{}/{}" Target="{}"/>'.format
        parts = {
            "[Content_Types].xml": (
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" '
                'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                + "".join(
                    f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    for i in range(1, count + 1)
                )
                + '<Override PartName="/xl/styles.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                "</Types>"
            ),
            "_rels/.rels": (
                f'<Relationships xmlns="{_PACKAGE}">'
                + relationship(1, _RELATIONSHIPS, "officeDocument", "xl/workbook.xml")
                + "</Relationships>"
            ),
            "xl/workbook.xml": (
                f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
                f"<bookViews><workbookView/></bookViews><sheets>{sheets}</sheets></workbook>"
            ),
            "xl/_rels/workbook.xml.rels": (
                f'<Relationships xmlns="{_PACKAGE}">'
                + "".join(
                    relationship(i, _RELATIONSHIPS, "worksheet", f"worksheets/sheet{i}.xml")
                    for i in range(1, count + 1)
                )
                + relationship(count + 1, _RELATIONSHIPS, "styles", "styles.xml")
                + relationship(count + 2, _RELATIONSHIPS, "sharedStrings", "sharedStrings.xml")
                + "</Relationships>"
            ),
            "xl/styles.xml": self._styles_xml(),
        }
        for name, xml in parts.items():
            self._zip.writestr(name, _XML + xml)
        with self._zip.open("xl/sharedStrings.xml", "w") as stream:
            stream.write(f'{_XML}<sst xmlns="{_MAIN}" uniqueCount="{len(self._shared)}">'.encode())
            for start in range(0, len(self._shared), _ROWS_A_WRITE):
                chunk = self._shared[start : start + _ROWS_A_WRITE]
                stream.write(
                    "".join(f'<si><t xml:space="preserve">{t}</t></si>' for t in chunk).encode()
                )
            stream.write(b"</sst>")
        self._zip.close()

    def _styles_xml(self) -> str:
        """Style 0 the plain cell, 1 the heading (bold, wrapped, at the top), then one style
        a number format."""
        formats = "".join(
            f'<numFmt numFmtId="{164 + i}" formatCode="{_xml_text(code)}"/>'
            for i, code in enumerate(self._formats)
        )
        font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
        plain = '<xf numFmtId="{}" fontId="{}" fillId="0" borderId="0" xfId="0"'.format
        styles = [
            plain(0, 0) + "/>",
            plain(0, 1)
            + ' applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>',
            *(plain(164 + i, 0) + ' applyNumberFormat="1"/>' for i in range(len(self._formats))),
        ]
        return (
            f'<styleSheet xmlns="{_MAIN}">'
            + (f'<numFmts count="{len(self._formats)}">{formats}</numFmts>' if formats else "")
            + f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1">'
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(styles)}">{"".join(styles)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>"
        )
