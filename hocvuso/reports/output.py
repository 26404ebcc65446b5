"""Turn a report into its files: DOCX, PDF and the XLSX appendix."""

from dataclasses import dataclass

from django.utils.text import slugify

from hocvuso.accounts.scoping import scope_for

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


class NotFoundForUser(Exception):
    """What a file was asked for is gone, or no longer the user's to see."""


def render_report_job(job) -> tuple[bytes, str]:
    """A commune's report as PDF, for the job's user ("report" in hocvuso.reports.jobs)."""
    scope = scope_for(job.user)
    report = Report.objects.visible_to(scope).filter(pk=job.object_id).first()
    if report is None or not scope.is_officer:
        raise NotFoundForUser("Không tìm thấy báo cáo, hoặc bạn không còn được xem báo cáo này.")
    file = render_report(report, "pdf", charts=bool(job.options.get("charts")))
    return file.content, file.filename
