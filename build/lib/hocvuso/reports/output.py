"""Turn a report into its files: DOCX, PDF and the XLSX appendix."""

from dataclasses import dataclass

from django.utils.text import slugify

from .models import Report
from .render.docx import render_docx
from .render.pdf import docx_to_pdf
from .render.xlsx import render_xlsx
from .services import current_snapshot

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class ReportFile:
    filename: str
    content_type: str
    content: bytes


def file_stem(snapshot: dict) -> str:
    number = snapshot["header"]["number"]
    name = slugify(snapshot["commune"]["short_name"]).replace("-", "")
    period = f"{snapshot['period']['start']}_{snapshot['period']['end']}"
    prefix = f"BC{number:02d}" if number else "DuThao"
    return f"{prefix}_{name}_{period}"


def template_for(report: Report):
    settings = getattr(report.commune, "report_settings", None)
    if settings is not None and settings.template:
        return settings.template.path
    return None


def render_report(report: Report, fmt: str, charts: bool = False) -> ReportFile:
    snapshot = current_snapshot(report)
    stem = file_stem(snapshot)
    if fmt == "xlsx":
        content = render_xlsx(snapshot)
    else:
        content = render_docx(snapshot, template_for(report), charts=charts)
        if fmt == "pdf":
            content = docx_to_pdf(content)
    return ReportFile(f"{stem}.{fmt}", CONTENT_TYPES[fmt], content)
