"""The report as a Word document: a frozen snapshot poured into a docxtpl template.

The renderer only formats: every number and sentence comes from the snapshot, and the template
(the default one or a commune's own upload) decides the look. What the decree fixes and a
template should not have to know — the long date, the blank number of a draft, the punctuation
of the recipients — is prepared here, in the context.
"""

import datetime
import functools
import io
import re
from pathlib import Path

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from lxml import etree

from hocvuso.core.formatting import vn_date, vn_long_date, vn_number
from hocvuso.imports.files import BadFile, check_docx

from .sample import sample_snapshot

DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / "docx" / "bao_cao_xa.docx"

# A draft has no number yet: the clerk writes it by hand after signing, in this gap.
BLANK_NUMBER = " " * 5
CHART_WIDTH = Mm(160)
# A 1×1 grey PNG, the stand-in chart of template validation.
_DOT_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108000000003a7e9b55"
    "0000000a49444154789c63f80f0001010100b138f6140000000049454e44ae426082"
)
# Characters that XML 1.0 forbids; a stray one pasted from elsewhere would corrupt the file.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


class TemplateError(ValueError):
    """The template cannot be read or rendered; the message is for the commune's officer."""


def render_docx(
    snapshot: dict, template_path: Path | str | None = None, *, charts: bool = False
) -> bytes:
    """The report as .docx bytes. With charts=True an appendix ("PHỤ LỤC") of charts follows
    the signature on a new page."""
    images = []
    if charts:
        # Imported here: matplotlib takes a noticeable time to load, and most reports have no
        # charts.
        from .charts import render_charts

        images = render_charts(snapshot)
    return _render(_template_bytes(template_path), snapshot, charts=images)


def validate_template(file) -> None:
    """Raise TemplateError unless the uploaded template renders the sample report.

    `file` is a path, bytes or an open file (a Django UploadedFile). Unknown names in the tags
    are errors here, while the real rendering leaves them blank: better to tell the officer
    at upload than to send a report with a hole in it.
    """
    data = _read(file)
    # Stand-in pictures: the appendix's tags are checked without the cost of drawing charts.
    charts = [("Biểu đồ", _DOT_PNG)] * 3
    result = _render(data, sample_snapshot(), charts=charts, undefined=jinja2.StrictUndefined)
    try:
        _open(result)
    except TemplateError as exc:
        raise TemplateError(
            "Mẫu báo cáo không hợp lệ: tệp tạo ra từ mẫu bị hỏng, hãy kiểm tra các thẻ "
            "{%p …%} có nằm trọn trong một đoạn văn riêng không."
        ) from exc


def context(
    snapshot: dict,
    template: DocxTemplate | None = None,
    charts: list[tuple[str, bytes]] = (),
) -> dict:
    """The names a template may use: the snapshot's keys, plus the prepared ones below."""
    snapshot = _clean(snapshot)
    header = snapshot.get("header") or {}
    number = header.get("number")
    date = _parse_date(header.get("date"))
    date_long = vn_long_date(date) if date else "ngày      tháng      năm      "
    prepared = {
        # Nghị định 30 writes numbers below 10 with a leading zero: "Số: 05/BC-UBND".
        "number": f"{int(number):02d}" if number not in (None, "") else BLANK_NUMBER,
        "symbol": header.get("symbol") or "",
        "date_long": date_long,
        "date_short": vn_date(date) if date else "",
        "recipients": recipient_lines(snapshot.get("recipients") or []),
        "charts": [
            {"title": title, "image": InlineImage(template, io.BytesIO(png), width=CHART_WIDTH)}
            for title, png in charts
        ],
    }
    return {**snapshot, **prepared}


def recipient_lines(entries: list[str]) -> list[str]:
    """["Sở KH&CN thành phố", "Lưu: VT"] -> ["- Sở KH&CN thành phố;", "- Lưu: VT."].

    The decree ends every recipient with ";" and the last, the archive ("Lưu: VT"), with ".";
    an entry for the archive is moved last, or added when missing.
    """
    lines = []
    archive = None
    for entry in entries:
        text = str(entry).strip().lstrip("-–• ").rstrip(" ;.,").strip()
        if not text:
            continue
        if text.casefold().startswith("lưu"):
            archive = text
        else:
            lines.append(f"- {text};")
    lines.append(f"- {archive or 'Lưu: VT'}.")
    return lines


def _render(data: bytes, snapshot: dict, *, charts: list, undefined=jinja2.ChainableUndefined):
    template = DocxTemplate(io.BytesIO(data))
    try:
        template.init_docx()
    except Exception as exc:  # python-docx raises many kinds for a file that is not a .docx
        raise TemplateError(
            "Mẫu báo cáo không hợp lệ: không đọc được tệp Word (.docx). "
            "Hãy lưu mẫu bằng Word hoặc LibreOffice theo định dạng .docx rồi tải lên lại."
        ) from exc
    env = jinja2.Environment(autoescape=True, undefined=undefined)
    env.filters["vn_number"] = vn_number
    try:
        template.render(context(snapshot, template, charts=charts), jinja_env=env)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"Mẫu báo cáo không hợp lệ: {_explain(exc)}") from exc
    except (etree.XMLSyntaxError, ValueError, KeyError) as exc:
        raise TemplateError(
            f"Mẫu báo cáo không hợp lệ: các thẻ trong mẫu làm hỏng cấu trúc tệp Word ({exc})."
        ) from exc
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def _explain(exc: jinja2.TemplateError) -> str:
    """Jinja's English message, said in Vietnamese for the common mistakes."""
    message = str(exc.message or exc)
    patterns = [
        (r"unexpected end of template.*'(end\w+)'", "thiếu thẻ đóng {{%p {0} %}}"),
        (r"unexpected end of template", "thiếu thẻ đóng ({{%p endfor %}} hoặc {{%p endif %}})"),
        (r"Encountered unknown tag '(\w+)'", "thẻ “{0}” không tồn tại hoặc đặt sai chỗ"),
        (r"'(\w+)' is undefined", "tên “{0}” không có trong dữ liệu báo cáo"),
        (r"has no attribute '(\w+)'", "trường “{0}” không có trong dữ liệu báo cáo"),
        (r"unexpected '(.+?)'", "ký tự “{0}” đặt sai chỗ trong thẻ"),
        (r"expected token '(.+?)'", "thẻ viết sai, thiếu “{0}”"),
    ]
    for pattern, wording in patterns:
        match = re.search(pattern, message, flags=re.IGNORECASE | re.DOTALL)
        if match:
            return f"{wording.format(*match.groups())} (lỗi gốc: {message})."
    return f"lỗi trong các thẻ {{{{ … }}}} hoặc {{%p … %}} (lỗi gốc: {message})."


def _open(data: bytes):
    from docx import Document

    try:
        return Document(io.BytesIO(data))
    except Exception as exc:
        raise TemplateError("Tệp Word tạo ra không đọc được.") from exc


def _template_bytes(path: Path | str | None) -> bytes:
    path = Path(path or DEFAULT_TEMPLATE)
    try:
        stat = path.stat()
    except OSError as exc:
        raise TemplateError(f"Không tìm thấy mẫu báo cáo: {path.name}.") from exc
    return _cached_bytes(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _cached_bytes(path: str, mtime_ns: int, size: int) -> bytes:
    # Keyed by modification time too, so that a re-uploaded template is read afresh.
    return Path(path).read_bytes()


def _read(file) -> bytes:
    """The template's bytes; an upload is first checked as a zip archive (its size, entries,
    unpacked size and compression) before python-docx opens it."""
    if isinstance(file, str | Path):
        return Path(file).read_bytes()
    try:
        return check_docx(file)
    except BadFile as error:
        raise TemplateError(str(error)) from None


def _parse_date(value) -> datetime.date | None:
    if not value:
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _clean(value):
    """The snapshot with XML-illegal control characters removed from every string."""
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value
