"""The roster of a week or a month as a DOCX for the notice board: A4, Times New Roman."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .tables import PlaceTable, RapidContact

TITLE = "LỊCH TRỰC HỖ TRỢ NGƯỜI DÂN THỰC HIỆN DỊCH VỤ CÔNG TRỰC TUYẾN"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _font(document) -> None:
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    # Word picks the font of Vietnamese letters from these attributes too.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), "Times New Roman")
    style.paragraph_format.space_after = Pt(0)


def _a4(document) -> None:
    # The margins of Nghị định 30/2020/NĐ-CP: 20 mm top and bottom, 30 left, 15 right.
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _paragraph(container, text, *, bold=False, italic=False, size=None, center=False):
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _cell_text(cell, lines, *, bold=False, center=False):
    cell.text = ""
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold
        run.font.size = Pt(12)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _repeat_as_header(row) -> None:
    """Repeat the first row at the top of every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _heading(document, agency: str) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _cell_text(left, ["ỦY BAN NHÂN DÂN", agency.upper()], bold=True, center=True)
    _cell_text(
        right,
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        bold=True,
        center=True,
    )


def roster_docx(
    commune,
    tables: list[PlaceTable],
    period: str,
    contacts: list[RapidContact],
    public_url: str = "",
) -> bytes:
    document = Document()
    _font(document)
    _a4(document)
    _heading(document, commune.name)
    _paragraph(document, "")
    _paragraph(document, TITLE, bold=True, size=14, center=True)
    _paragraph(document, period, italic=True, center=True)
    for table in tables:
        _paragraph(document, "")
        place = table.place
        where = f"{place.name} — {place.address}" if place.address else place.name
        _paragraph(document, f"Địa điểm: {where}", bold=True)
        for line in table.hours:
            _paragraph(document, f"Giờ trực: {line}")
        grid = document.add_table(rows=1, cols=1 + len(table.columns))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        _cell_text(grid.rows[0].cells[0], ["Ngày"], bold=True, center=True)
        for cell, label in zip(grid.rows[0].cells[1:], table.column_labels, strict=True):
            _cell_text(cell, [f"Ca {label}"], bold=True, center=True)
        _repeat_as_header(grid.rows[0])
        for row in table.rows:
            cells = grid.add_row().cells
            _cell_text(cells[0], [row.weekday, f"{row.day:%d/%m/%Y}"])
            if row.is_off and len(cells) > 1:
                merged = cells[1].merge(cells[-1])
                _cell_text(merged, [row.note or "Không có ca trực"], center=True)
                continue
            for cell, duty in zip(cells[1:], row.cells, strict=True):
                lines = [f"{d.name} ({d.role})" for d in duty or []]
                _cell_text(cell, lines or ["—"])
    _paragraph(document, "")
    for contact in contacts:
        leader = f", tổ trưởng {contact.leader}" if contact.leader else ""
        phone = f", điện thoại {contact.phone}" if contact.phone else ""
        _paragraph(document, f"Cần hỗ trợ gấp: {contact.team}{leader}{phone}.", italic=True)
    if public_url:
        _paragraph(document, f"Xem lịch trực mới nhất tại: {public_url}", italic=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
