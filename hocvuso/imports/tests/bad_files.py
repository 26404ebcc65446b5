"""A corpus of bad uploads, made at test time: each is what a careless or hostile user could
send in place of a filled-in template (SECURITY.md rows 15 and 16)."""

import io
import re
import zipfile

import openpyxl

from hocvuso.support import imports as visits

MB = 1024 * 1024


def good_bytes(rows=(("02/03/2026", "Trực tuyến, qua điện thoại", "Khác"),)) -> bytes:
    """A small file in the visits' template."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ngày", "Nơi hỗ trợ", "Dịch vụ"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewritten(data: bytes, change, extra: dict[str, bytes] | None = None) -> bytes:
    """The archive with each entry's bytes passed through `change(name, bytes)`, and the
    `extra` entries added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            target.writestr(entry.filename, change(entry.filename, source.read(entry)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


SHARED_STRINGS = (
    b'<Relationship Id="rIdBomb" Target="sharedStrings.xml" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
)
SHARED_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)


def zip_bomb(unpacked_mb: int = 60) -> bytes:
    """A workbook whose shared strings unpack to `unpacked_mb` MB from a few hundred KB, as
    openpyxl would read them all before the first row."""
    strings = (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" count="1" uniqueCount="1"><si><t>'
        + b"A" * (unpacked_mb * MB)
        + b"</t></si></sst>"
    )

    def change(name, content):
        if name == "xl/_rels/workbook.xml.rels":
            return content.replace(b"</Relationships>", SHARED_STRINGS)
        if name == "[Content_Types].xml":
            return content.replace(b"</Types>", SHARED_STRINGS_TYPE)
        return content

    return _rewritten(good_bytes(), change, {"xl/sharedStrings.xml": strings})


def wide_sheet() -> bytes:
    """A sheet declaring the whole grid, A1:XFD1048576, as its range."""

    def change(name, content):
        if name.startswith("xl/worksheets/"):
            return re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', content)
        return content

    return _rewritten(good_bytes(), change)


def renamed_executable() -> bytes:
    """A Windows program's first bytes, sent under a .xlsx name."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(4096)


def truncated() -> bytes:
    """A good file cut short, as an interrupted download leaves it."""
    data = good_bytes()
    return data[: len(data) // 2]


def many_rows(count: int, bad_row: int) -> bytes:
    """`count` rows of visits, written as they stream, with a date that is no date on row
    `bad_row` (its Excel number)."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(visits.SHEET.name)
    sheet.append(["Ngày", "Giờ", "Nơi hỗ trợ", "Dịch vụ"])
    for number in range(2, count + 2):
        day = "31/02/2026" if number == bad_row else "02/03/2026"
        minutes = number % (24 * 60)
        sheet.append([day, f"{minutes // 60:02d}:{minutes % 60:02d}", "Khác", "Khác"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FORMULA = '=HYPERLINK("http://x","y")'


def formulas_everywhere() -> bytes:
    """Every text column of the template holding a formula."""
    sheet = visits.SHEET
    book = openpyxl.Workbook()
    table = book.active
    table.append([column.header for column in sheet.columns])
    table.append([FORMULA for _ in sheet.columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
