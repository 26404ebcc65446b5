"""XLSX files built in memory, as a clerk would fill in the templates."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from hocvuso.support import imports as visits
from hocvuso.teams import imports as teams


def xlsx(headers, *rows, name="du-lieu.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def headers_of(sheet, records: list[dict]) -> list[str]:
    """The template's headers, or the alias the records use ("Thôn" of an older template)."""
    used = {key for record in records for key in record}
    headers = []
    for column in sheet.columns:
        aliases = [alias for alias in column.aliases if alias in used]
        headers.append(aliases[0] if aliases else column.header)
    unknown = used - set(headers)
    assert not unknown, unknown
    return headers


def rows_of(sheet, records: list[dict]) -> list[list]:
    """Rows in the template's column order from dicts keyed by header; the rest blank."""
    headers = headers_of(sheet, records)
    return [[record.get(header) for header in headers] for record in records]


def members_file(*records: dict) -> SimpleUploadedFile:
    sheet = teams.SHEET
    return xlsx(headers_of(sheet, list(records)), *rows_of(sheet, list(records)))


def visits_file(*records: dict) -> SimpleUploadedFile:
    sheet = visits.SHEET
    return xlsx(headers_of(sheet, list(records)), *rows_of(sheet, list(records)))


def messages(result) -> list[str]:
    return [str(error) for error in result.errors]
