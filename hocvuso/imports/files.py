"""Checking an uploaded XLSX or DOCX before anything parses it.

Both are zip archives of XML. A file of 900 KB whose shared strings unpack to 300 MB kept
an import busy for 100 seconds and a gigabyte of memory, and a sheet that declares the
range A1:XFD1048576 makes openpyxl pad every row to 16,384 cells. So every upload is
looked at from the outside first, in milliseconds: its name, its first bytes, the
archive's list of entries (their number and unpacked sizes, which Python's zipfile
holds the reading to) and the range each sheet declares, read from the first bytes of
the sheet's XML. Every upload path calls `check_xlsx` or `check_docx`; the limits are
settings (README, "IMPORT_…").
"""

from __future__ import annotations

import io
import re
import zipfile

from django.conf import settings
from openpyxl.utils.cell import range_boundaries

from hocvuso.core.formatting import vn_number

MB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
# An entry this small may compress as well as it likes: only large ones can be bombs.
RATIO_FLOOR = 1 * MB
# The <dimension> element comes right after <sheetPr>, within the sheet's first bytes.
DIMENSION_WINDOW = 64 * 1024
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Za-z0-9:$]+)\"")
WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
COPY_OUT = "Hãy chép các dòng cần nhập sang một tệp mới rồi tải lên lại."


class BadFile(Exception):
    """The file as a whole cannot be read: not XLSX, too large, wrong columns."""


def limit(name: str) -> int:
    """A limit of the settings (`IMPORT_MAX_…`), read at each call so that tests may change it."""
    return getattr(settings, name)


def max_upload_bytes() -> int:
    return limit("IMPORT_MAX_UPLOAD_BYTES")


def too_big_message(max_bytes: int | None = None) -> str:
    mb = (max_bytes or max_upload_bytes()) / MB
    return f"File quá lớn; chỉ nhận file đến {mb:g} MB."


def read_upload(file, max_bytes: int | None = None) -> bytes:
    """The bytes of an upload (bytes, an open file, a Django UploadedFile), refused unread
    when it says it is larger than the limit, and read no further than one byte past it."""
    max_bytes = max_bytes or max_upload_bytes()
    if isinstance(file, bytes):
        data = file
    else:
        if (getattr(file, "size", None) or 0) > max_bytes:
            raise BadFile(too_big_message(max_bytes))
        if hasattr(file, "seek"):
            file.seek(0)
        data = file.read(max_bytes + 1)
        if hasattr(file, "seek"):
            file.seek(0)
    if len(data) > max_bytes:
        raise BadFile(too_big_message(max_bytes))
    return data


def _archive(data: bytes, name: str | None, extension: str, not_this: str) -> zipfile.ZipFile:
    """The zip archive, after the name's extension, the magic bytes, the number of entries,
    their unpacked sizes and their compression ratios are checked."""
    if name and not name.lower().endswith(extension):
        raise BadFile(not_this)
    if not data.startswith(ZIP_MAGIC):
        raise BadFile(not_this)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise BadFile(not_this) from None
    if len(entries) > limit("IMPORT_MAX_ZIP_ENTRIES"):
        raise BadFile(f"{not_this} (Tệp có quá nhiều thành phần: {len(entries)}.)")
    unpacked = sum(entry.file_size for entry in entries)
    most = limit("IMPORT_MAX_UNPACKED_BYTES")
    if unpacked > most:
        raise BadFile(
            f"Tệp giải nén ra quá lớn ({unpacked // MB} MB, chỉ nhận đến {most // MB} MB): "
            f"tệp có thể bị hỏng hoặc chứa dữ liệu thừa. {COPY_OUT}"
        )
    ratio = limit("IMPORT_MAX_ZIP_RATIO")
    for entry in entries:
        if entry.file_size > RATIO_FLOOR and entry.file_size > ratio * max(entry.compress_size, 1):
            raise BadFile(
                f"Tệp bị nén bất thường (một phần của tệp giải nén ra gấp hơn {ratio} lần): "
                f"tệp có thể là “bom nén”. {COPY_OUT}"
            )
    return archive


def not_xlsx() -> str:
    return (
        "Không đọc được file: file phải là bảng tính Excel .xlsx "
        "(nếu là file .xls hoặc .csv, hãy mở bằng Excel và lưu lại dưới dạng .xlsx)."
    )


def _declared_size(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> tuple[int, int] | None:
    """The (columns, rows) the sheet's <dimension ref="A1:N200"> declares, read from the
    sheet's first bytes only; None when it declares none."""
    try:
        with archive.open(entry) as stream:
            head = stream.read(DIMENSION_WINDOW)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise BadFile(not_xlsx()) from None
    found = DIMENSION.search(head)
    if found is None:
        return None
    try:
        min_col, min_row, max_col, max_row = range_boundaries(found.group(1).decode())
    except (ValueError, TypeError):
        raise BadFile(not_xlsx()) from None
    return (max_col or 1), (max_row or 1)


def check_xlsx(file, name: str | None = None) -> bytes:
    """The upload's bytes if it may be given to openpyxl; BadFile with the reason if not."""
    name = name or getattr(file, "name", None)
    data = read_upload(file)
    archive = _archive(data, name, ".xlsx", not_xlsx())
    with archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            raise BadFile(not_xlsx())
        for entry in archive.infolist():
            if not WORKSHEET.match(entry.filename):
                continue
            size = _declared_size(archive, entry)
            if size is None:
                continue
            columns, rows = size
            if columns > limit("IMPORT_MAX_COLUMNS") or rows > limit("IMPORT_MAX_SHEET_ROWS"):
                raise BadFile(
                    f"Trang tính khai báo vùng dữ liệu quá lớn ({vn_number(columns)} cột, "
                    f"{vn_number(rows)} dòng; chỉ nhận đến {limit('IMPORT_MAX_COLUMNS')} cột và "
                    f"{vn_number(limit('IMPORT_MAX_SHEET_ROWS'))} dòng). {COPY_OUT}"
                )
    return data


# A row of a sheet's XML ("<row r=…>", "<x:row>"), counted where a sheet declares no range.
ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
CHUNK = 1024 * 1024


def _counted_rows(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> int:
    """The rows of a sheet's XML, read a chunk at a time (its size `_archive` has checked)."""
    count, tail = 0, b""
    with archive.open(entry) as stream:
        while chunk := stream.read(CHUNK):
            data = tail + chunk
            # A row's tag cut by the chunk's end is counted with the next chunk.
            cut = data.rfind(b"<", max(0, len(data) - 64))
            cut = len(data) if cut == -1 else cut
            count += len(ROW.findall(data, 0, cut))
            tail = data[cut:]
    return count + len(ROW.findall(tail))


def sheet_rows(data: bytes) -> int:
    """The most rows a sheet of a checked XLSX (`check_xlsx`) has, header included: the range
    it declares, or, when it declares none (openpyxl's streaming writer), its rows counted.
    What the upload page reads to choose between importing in the request and in the worker,
    without opening the file."""
    most = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            if not WORKSHEET.match(entry.filename):
                continue
            size = _declared_size(archive, entry)
            rows = size[1] if size is not None else _counted_rows(archive, entry)
            most = max(most, rows)
    return most


def not_docx() -> str:
    return (
        "Mẫu báo cáo không hợp lệ: tệp không phải văn bản Word (.docx). "
        "Tệp .doc cũ cần được lưu lại theo định dạng .docx."
    )


def check_docx(file, name: str | None = None) -> bytes:
    """The upload's bytes if it may be given to python-docx; BadFile with the reason if not."""
    name = name or getattr(file, "name", None)
    data = read_upload(file)
    with _archive(data, name, ".docx", not_docx()) as archive:
        if "word/document.xml" not in archive.namelist():
            raise BadFile(not_docx())
    return data
