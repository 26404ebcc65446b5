"""Build the default report template, bao_cao_xa.docx, beside this script.

Run it after changing the layout and commit both files:

    .venv/bin/python hocvuso/reports/docx/build_template.py

The layout follows Nghị định 30/2020/NĐ-CP (Phụ lục I): A4 portrait, margins 20/20/30/15 mm,
Times New Roman, the header and signature blocks as borderless two-column tables, page numbers
centred in the top margin from page 2. The template is a docxtpl (Jinja in Word) document that a
commune may open in Word or LibreOffice, restyle and upload as its own copy, so every tag is a
plain `{{ name }}` or a `{%p ... %}` paragraph of its own, and every look lives in a named style
("BC …") that the commune can change in one place.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "bao_cao_xa.docx"

FONT = "Times New Roman"
TEXT_WIDTH = Mm(210 - 30 - 15)
# Cell padding of the two tables, set explicitly so that the short lines below can be centred
# by indentation whatever the editor's defaults are.
CELL_PADDING = Cm(0.19)
# The width of the header's left column, the agency's.
AGENCY_COLUMN = Cm(6.5)
TBLPR_AFTER_CELL_MARGINS = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
# The children of w:pPr that must follow w:pBdr (ECMA-376, CT_PPrBase).
PPR_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def build(path: Path = TEMPLATE) -> Path:
    doc = Document()
    _page_setup(doc)
    _fonts_everywhere(doc)
    _styles(doc)
    _page_numbers(doc)
    _header_block(doc)
    _title_block(doc)
    _body(doc)
    _bottom_block(doc)
    _appendix(doc)
    props = doc.core_properties
    props.title = "Báo cáo kết quả triển khai phong trào “Bình dân học vụ số”"
    props.author = "hocvuso"
    props.language = "vi-VN"
    doc.save(path)
    return path


def _page_setup(doc):
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.gutter = 0


def _set_fonts(rpr):
    """Times New Roman for every script: Vietnamese letters with diacritics are looked up in
    the eastAsia and cs slots by some editors, and theme fonts would override plain names."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{name}"), None)
    for name in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{name}"), FONT)


def _fonts_everywhere(doc):
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(defaults)
    lang = defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        defaults.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    for style in styles.findall(qn("w:style")):
        _set_fonts(style.get_or_add_rPr())
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _style(
    doc,
    style_id,
    name,
    *,
    size,
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    first_line=None,
    before=0,
    after=0,
    line=1.0,
    keep_next=False,
):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = style_id
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _set_fonts(style.element.get_or_add_rPr())
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = first_line
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    return style


def _styles(doc):
    body = {"align": WD_ALIGN_PARAGRAPH.JUSTIFY, "first_line": Cm(1.27), "before": 6, "line": 1.15}
    _style(doc, "BCCoQuanChuQuan", "BC Cơ quan chủ quản", size=12)
    _style(doc, "BCTenCoQuan", "BC Tên cơ quan", size=13, bold=True)
    _style(doc, "BCQuocHieu", "BC Quốc hiệu", size=13, bold=True)
    _style(doc, "BCTieuNgu", "BC Tiêu ngữ", size=14, bold=True)
    _style(doc, "BCSoKyHieu", "BC Số ký hiệu", size=13, before=6)
    _style(doc, "BCDiaDanh", "BC Địa danh ngày tháng", size=14, italic=True, before=6)
    _style(doc, "BCTenLoai", "BC Tên loại văn bản", size=14, bold=True, before=18, keep_next=True)
    _style(doc, "BCTrichYeu", "BC Trích yếu", size=14, bold=True, keep_next=True)
    _style(doc, "BCDeMuc", "BC Đề mục", size=14, bold=True, keep_next=True, **body)
    _style(doc, "BCNoiDung", "BC Nội dung", size=14, **body)
    # The closing paragraph keeps with the recipients and the signature, which never stand
    # alone on the last page.
    _style(doc, "BCDoanKet", "BC Đoạn kết", size=14, keep_next=True, **body)
    _style(
        doc,
        "BCNoiNhan",
        "BC Nơi nhận",
        size=12,
        bold=True,
        italic=True,
        before=12,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    _style(doc, "BCNoiNhanDong", "BC Nơi nhận - dòng", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _style(doc, "BCChucVu", "BC Quyền hạn chức vụ", size=14, bold=True, before=12)
    _style(doc, "BCChuKy", "BC Chữ ký", size=14, bold=True)
    _style(doc, "BCSoTrang", "BC Số trang", size=13)
    _style(doc, "BCPhuLuc", "BC Phụ lục", size=14, bold=True)
    _style(doc, "BCPhuLucGhiChu", "BC Phụ lục - ghi chú", size=14, italic=True)
    _style(doc, "BCHinh", "BC Hình", size=14, before=12)
    # The short lines: a small empty paragraph keeps each line just clear of the descenders.
    _style(doc, "BCDuongKe", "BC Đường kẻ", size=4)


def _paragraph(container, text, style):
    paragraph = container.add_paragraph(text, style=style)
    return paragraph


def _short_line(container, room, length):
    """An empty paragraph whose bottom border, narrowed by equal indents, draws the short
    solid line of the decree under the agency name, the motto and the subject."""
    paragraph = container.add_paragraph(style="BC Đường kẻ")
    side = int((room - length) / 2)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in {"val": "single", "sz": "6", "space": "1", "color": "000000"}.items():
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    p_pr.insert_element_before(borders, *PPR_AFTER_PBDR)
    return paragraph


def _borderless_table(doc, widths, rows=1):
    return _table(doc, widths, rows)


def _table(doc, widths, rows=1, *, border=None, padding=CELL_PADDING):
    """A table of fixed column widths; without `border` ("single", "sz"), it has no lines."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))  # python-docx's new tables have one
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(sum(widths) / 635)))  # EMU to twentieths of a point
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        if border is None:
            element.set(qn("w:val"), "nil")
        else:
            for key, value in {"val": border[0], "sz": border[1], "space": "0"}.items():
                element.set(qn(f"w:{key}"), value)
            element.set(qn("w:color"), "000000")
        borders.append(element)
    # Word refuses a file whose elements are out of the schema's order.
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", *TBLPR_AFTER_CELL_MARGINS)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(int(padding / 635)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.insert_element_before(margins, *TBLPR_AFTER_CELL_MARGINS)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    return table


def table_styles(doc):
    """The styles of a table of figures (11pt): headings, text and numbers.

    Not part of the commune's template; a template with a table of figures adds them.
    """
    cell = {"before": 1, "after": 1}
    _style(doc, "BCBangTieuDe", "BC Bảng - tiêu đề", size=11, bold=True, **cell)
    _style(doc, "BCBangChu", "BC Bảng - chữ", size=11, align=WD_ALIGN_PARAGRAPH.LEFT, **cell)
    _style(doc, "BCBangSo", "BC Bảng - số", size=11, align=WD_ALIGN_PARAGRAPH.RIGHT, **cell)
    _style(doc, "BCBangGiua", "BC Bảng - giữa", size=11, **cell)
    _style(doc, "BCBangTong", "BC Bảng - tổng", size=11, bold=True, **cell)


def figures_table(doc, widths, rows=1):
    """A table of figures with thin lines: its first row is the heading, repeated at the top
    of every page, and no row breaks across two pages."""
    # Narrow cell padding: the columns of figures are narrow.
    table = _table(doc, widths, rows, border=("single", "4"), padding=Cm(0.1))
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if index == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return table


def _fill(cell, lines):
    """Write (text, style) lines into a cell, reusing the empty paragraph every cell starts
    with."""
    first, *rest = lines
    cell.paragraphs[0].text = first[0]
    cell.paragraphs[0].style = first[1]
    for text, style in rest:
        cell.add_paragraph(text, style=style)


def _header_block(doc, left=AGENCY_COLUMN):
    """The agency and the national title side by side; a long agency name needs a wider
    `left` column (and the national title in 12pt to fit the rest)."""
    right = TEXT_WIDTH - left
    table = _borderless_table(doc, [left, right], rows=2)
    agency = table.cell(0, 0)
    _fill(
        agency,
        [
            ("{%p for line in header.parent_agency %}", "BC Cơ quan chủ quản"),
            ("{{ line }}", "BC Cơ quan chủ quản"),
            ("{%p endfor %}", "BC Cơ quan chủ quản"),
            ("{%p for line in header.agency %}", "BC Tên cơ quan"),
            ("{{ line }}", "BC Tên cơ quan"),
            ("{%p endfor %}", "BC Tên cơ quan"),
        ],
    )
    _short_line(agency, left - 2 * CELL_PADDING, Cm(2.0))
    nation = table.cell(0, 1)
    _fill(
        nation,
        [
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BC Quốc hiệu"),
            ("Độc lập - Tự do - Hạnh phúc", "BC Tiêu ngữ"),
        ],
    )
    # The decree draws the motto's line as long as the motto (about 6 cm in 14pt bold).
    _short_line(nation, right - 2 * CELL_PADDING, Cm(6.0))
    _fill(table.cell(1, 0), [("Số: {{ number }}/{{ symbol }}", "BC Số ký hiệu")])
    _fill(table.cell(1, 1), [("{{ header.place }}, {{ date_long }}", "BC Địa danh ngày tháng")])


def _title_block(doc):
    _paragraph(doc, "{{ title }}", "BC Tên loại văn bản")
    _paragraph(doc, "{%p for line in subject_lines %}", "BC Trích yếu")
    _paragraph(doc, "{{ line }}", "BC Trích yếu")
    _paragraph(doc, "{%p endfor %}", "BC Trích yếu")
    _short_line(doc, TEXT_WIDTH, Cm(4.0)).paragraph_format.space_after = Pt(6)


def _body(doc):
    _paragraph(doc, "{{ opening }}", "BC Nội dung")
    _paragraph(doc, "{%p for section in sections %}", "BC Đề mục")
    _paragraph(doc, "{{ section.heading }}", "BC Đề mục")
    _paragraph(doc, "{%p for paragraph in section.paragraphs %}", "BC Nội dung")
    _paragraph(doc, "{{ paragraph }}", "BC Nội dung")
    _paragraph(doc, "{%p endfor %}", "BC Nội dung")
    _paragraph(doc, "{%p endfor %}", "BC Đề mục")
    _paragraph(doc, "{%p for paragraph in closing %}", "BC Đoạn kết")
    _paragraph(doc, "{{ paragraph }}", "BC Đoạn kết")
    _paragraph(doc, "{%p endfor %}", "BC Đoạn kết")


def _bottom_block(doc):
    left = Cm(7.5)
    table = _borderless_table(doc, [left, TEXT_WIDTH - left])
    # The recipients and the signature stay on one page, with the closing paragraph before.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _fill(
        table.cell(0, 0),
        [
            ("Nơi nhận:", "BC Nơi nhận"),
            ("{%p for recipient in recipients %}", "BC Nơi nhận - dòng"),
            ("{{ recipient }}", "BC Nơi nhận - dòng"),
            ("{%p endfor %}", "BC Nơi nhận - dòng"),
        ],
    )
    _fill(
        table.cell(0, 1),
        [
            ("{%p if signature.authority %}", "BC Quyền hạn chức vụ"),
            ("{{ signature.authority }}", "BC Quyền hạn chức vụ"),
            ("{%p endif %}", "BC Quyền hạn chức vụ"),
            ("{{ signature.title }}", "BC Chữ ký"),
            # Room for the signature and the seal.
            ("", "BC Chữ ký"),
            ("", "BC Chữ ký"),
            ("", "BC Chữ ký"),
            ("", "BC Chữ ký"),
            ("", "BC Chữ ký"),
            ("{{ signature.name }}", "BC Chữ ký"),
        ],
    )


def _appendix(doc):
    _paragraph(doc, "{%p if charts %}", "BC Phụ lục")
    heading = _paragraph(doc, "PHỤ LỤC", "BC Phụ lục")
    heading.paragraph_format.page_break_before = True
    _paragraph(
        doc,
        "(Kèm theo Báo cáo số {{ number }}/{{ symbol }} {{ date_long }})",
        "BC Phụ lục - ghi chú",
    )
    _paragraph(doc, "{%p for chart in charts %}", "BC Hình")
    _paragraph(doc, "{{ chart.image }}", "BC Hình")
    _paragraph(doc, "{%p endfor %}", "BC Hình")
    _paragraph(doc, "{%p endif %}", "BC Phụ lục")
    # A document may not end with a table; this tiny paragraph keeps the signature table
    # from spilling an empty line onto a new page.
    _paragraph(doc, "", "BC Đường kẻ")


def _page_numbers(doc):
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    # The first page carries no number (Nghị định 30, Phụ lục I, khoản 4 Mục II).
    section.first_page_header.is_linked_to_previous = False
    section.first_page_header.paragraphs[0].style = "BC Số trang"
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = "BC Số trang"
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2")):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            run.text = text
            continue
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


if __name__ == "__main__":
    print(build())
