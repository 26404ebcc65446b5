"""Build the city's report template, bao_cao_thanh_pho.docx, beside this script.

Run it after changing the layout and commit both files:

    .venv/bin/python -m hocvuso.city.docx.build_template

The page, the header and signature blocks and the styles are the commune template's
(hocvuso/reports/docx/build_template.py, Nghị định 30/2020/NĐ-CP), so that both reports look
alike; this adds the appendices of the city's report: the table by commune (Phụ lục I), whose
heading row repeats on every page, and the charts (Phụ lục II).
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from hocvuso.reports.docx import build_template as base

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "bao_cao_thanh_pho.docx"

# Columns of the table by commune, in millimetres; they add up to the text width (165 mm).
COLUMNS = [
    ("STT", 10),
    # The province's words: "Xã, phường", "Xã, phường, đặc khu".
    ("{{ table.communes_heading }}", 42),
    ("Số tổ CNSCĐ", 16),
    ("Số thành viên", 17),
    ("Lượt người được hỗ trợ", 20),
    ("Người được đào tạo kỹ năng số", 20),
    ("Trường học thu không dùng tiền mặt", 20),
    ("Hộ kinh doanh dùng QR, chuyển khoản", 20),
]
# The figures of a row, after STT and the name.
FIGURES = [
    "teams",
    "members",
    "people_helped",
    "people_trained",
    "schools_cashless",
    "household_qr",
]


def build(path: Path = TEMPLATE) -> Path:
    doc = Document()
    base._page_setup(doc)
    base._fonts_everywhere(doc)
    base._styles(doc)
    base.table_styles(doc)
    base._style(
        doc,
        "BCBangGhiChu",
        "BC Bảng - ghi chú",
        size=11,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        before=6,
    )
    # "UBND THÀNH PHỐ HẢI PHÒNG" over "SỞ KHOA HỌC VÀ CÔNG NGHỆ" fit on a line each in 12pt
    # (6.2 and 6.5 cm), in a left column of 7.1 cm; the national title then takes 12pt too
    # (8.8 cm), the lower of the sizes the decree allows for both.
    for name in ("BC Tên cơ quan", "BC Quốc hiệu"):
        doc.styles[name].font.size = Pt(12)
    base._page_numbers(doc)
    base._header_block(doc, left=Mm(71))
    base._title_block(doc)
    base._body(doc)
    base._bottom_block(doc)
    _table_appendix(doc)
    _charts_appendix(doc)
    # A document may not end with a table; this tiny paragraph closes it.
    base._paragraph(doc, "", "BC Đường kẻ")
    props = doc.core_properties
    props.title = "Báo cáo tổng hợp kết quả triển khai phong trào “Bình dân học vụ số”"
    props.author = "hocvuso"
    props.language = "vi-VN"
    doc.save(path)
    return path


def _appendix_heading(doc, number, *title):
    heading = base._paragraph(doc, f"PHỤ LỤC {number}", "BC Phụ lục")
    heading.paragraph_format.page_break_before = True
    for line in title:
        base._paragraph(doc, line, "BC Phụ lục")
    base._paragraph(
        doc,
        "(Kèm theo Báo cáo số {{ number }}/{{ symbol }} {{ date_long }} "
        "của {{ header.agency_short }})",
        "BC Phụ lục - ghi chú",
    ).paragraph_format.space_after = Pt(6)


def _table_appendix(doc):
    _appendix_heading(
        doc,
        "I",
        "KẾT QUẢ TRIỂN KHAI PHONG TRÀO “BÌNH DÂN HỌC VỤ SỐ”",
        "{{ table.appendix_title }}",
    )
    widths = [Mm(width) for _, width in COLUMNS]
    # Heading; the loop, with one row for a commune that reported and one, merged across
    # the figures, for a commune that did not; the city's totals.
    table = base.figures_table(doc, widths, rows=9)
    rows = table.rows
    for cell, (heading, _) in zip(rows[0].cells, COLUMNS, strict=True):
        base._fill(cell, [(heading, "BC Bảng - tiêu đề")])
    controls = {
        1: "{%tr for row in table.rows %}",
        2: "{%tr if row.reported %}",
        4: "{%tr else %}",
        6: "{%tr endif %}",
        7: "{%tr endfor %}",
    }
    for index, tag in controls.items():
        base._fill(rows[index].cells[0], [(tag, "BC Bảng - chữ")])
    reported = rows[3].cells
    base._fill(reported[0], [("{{ row.index }}", "BC Bảng - giữa")])
    base._fill(reported[1], [("{{ row.name }}", "BC Bảng - chữ")])
    for cell, key in zip(reported[2:], FIGURES, strict=True):
        base._fill(cell, [(f"{{{{ row.{key} }}}}", "BC Bảng - số")])
    missing = rows[5]
    base._fill(missing.cells[0], [("{{ row.index }}", "BC Bảng - giữa")])
    base._fill(missing.cells[1], [("{{ row.name }}", "BC Bảng - chữ")])
    status = missing.cells[2].merge(missing.cells[-1])
    base._fill(status, [("{{ row.status }}", "BC Bảng - giữa")])
    status.paragraphs[0].runs[0].italic = True
    totals = rows[8].cells
    base._fill(totals[0], [("", "BC Bảng - tổng")])
    base._fill(totals[1], [("{{ table.totals.name }}", "BC Bảng - tổng")])
    for cell, key in zip(totals[2:], FIGURES, strict=True):
        base._fill(cell, [(f"{{{{ table.totals.{key} }}}}", "BC Bảng - tổng")])
        # Right-aligned, as the numbers above.
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    base._paragraph(doc, "{%p for note in table.notes %}", "BC Bảng - ghi chú")
    base._paragraph(doc, "{{ note }}", "BC Bảng - ghi chú")
    base._paragraph(doc, "{%p endfor %}", "BC Bảng - ghi chú")


def _charts_appendix(doc):
    base._paragraph(doc, "{%p if charts %}", "BC Phụ lục")
    _appendix_heading(doc, "II", "BIỂU ĐỒ")
    base._paragraph(doc, "{%p for chart in charts %}", "BC Hình")
    base._paragraph(doc, "{{ chart.image }}", "BC Hình")
    base._paragraph(doc, "{%p endfor %}", "BC Hình")
    base._paragraph(doc, "{%p endif %}", "BC Phụ lục")


if __name__ == "__main__":
    print(build())
