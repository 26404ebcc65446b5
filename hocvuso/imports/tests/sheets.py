"""XLSX files built in memory, as a clerk would fill in the templates."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from hocvuso.imports import teams, visits


def xlsx(headers, *rows, name="du-lieu.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def rows_of(sheet, records: list[dict]) -> list[list]:
    """Rows in the template's column order from dicts keyed by header; the rest blank."""
    headers = [column.header for column in sheet.columns]
    unknown = {key for record in records for key in record} - set(headers)
    assert not unknown, unknown
    return [[record.get(header) for header in headers] for record in records]


def members_file(*records: dict) -> SimpleUploadedFile:
    sheet = teams.SHEET
    return xlsx([c.header for c in sheet.columns], *rows_of(sheet, list(records)))


def visits_file(*records: dict) -> SimpleUploadedFile:
    sheet = visits.SHEET
    return xlsx([c.header for c in sheet.columns], *rows_of(sheet, list(records)))


def messages(result) -> list[str]:
    return [str(error) for error in result.errors]
