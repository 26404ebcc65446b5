"""The Word report keeps the layout of Nghị định 30/2020/NĐ-CP and every word of the snapshot."""

import io
import subprocess

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from hocvuso.reports.render.docx import (
    DEFAULT_TEMPLATE,
    TemplateError,
    recipient_lines,
    render_docx,
    validate_template,
)
from hocvuso.reports.render.sample import sample_snapshot

from .tools import require_tool, save_artifact

FONT = "Times New Roman"
TOLERANCE = Mm(1)


def render(snapshot=None, **kwargs):
    return Document(io.BytesIO(render_docx(snapshot or sample_snapshot(), **kwargs)))


@pytest.fixture(scope="module")
def doc():
    data = render_docx(sample_snapshot())
    save_artifact("bao-cao-mau.docx", data)
    return Document(io.BytesIO(data))


# Word resolves a run's look from the run, then its paragraph's style and that style's bases.
def font(paragraph, attr):
    """The effective font attribute shared by the paragraph's text runs."""
    values = {_run_font(paragraph, run, attr) for run in paragraph.runs if run.text.strip()}
    assert len(values) == 1, (paragraph.text, attr, values)
    return values.pop()


def _run_font(paragraph, run, attr):
    value = getattr(run.font, attr)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.font, attr)
        style = style.base_style
    return bool(value) if attr in ("bold", "italic") else value


def fmt(paragraph, attr):
    value = getattr(paragraph.paragraph_format, attr)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attr)
        style = style.base_style
    return value


def texts(paragraphs):
    return [p for p in paragraphs if p.text.strip()]


def position(paragraphs, paragraph):
    # python-docx makes new proxy objects on each access; the XML element is the identity.
    return [p._p for p in paragraphs].index(paragraph._p)


def short_line_length(paragraph, room):
    """The length of the line drawn by the paragraph's bottom border, or None."""
    bottom = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    if bottom is None or bottom.get(qn("w:val")) in (None, "nil", "none"):
        return None
    left = fmt(paragraph, "left_indent") or 0
    right = fmt(paragraph, "right_indent") or 0
    assert abs(left - right) < Mm(0.5), "the line is centred"
    return room - left - right


def cell_room(cell):
    return cell.width - 2 * Cm(0.19)


def test_it_is_a4_portrait_with_the_decree_margins(doc):
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < TOLERANCE
    assert abs(section.page_height - Mm(297)) < TOLERANCE
    assert Mm(20) - TOLERANCE < section.top_margin < Mm(25) + TOLERANCE
    assert Mm(20) - TOLERANCE < section.bottom_margin < Mm(25) + TOLERANCE
    assert Mm(30) - TOLERANCE < section.left_margin < Mm(35) + TOLERANCE
    assert Mm(15) - TOLERANCE < section.right_margin < Mm(20) + TOLERANCE


def test_it_sets_times_new_roman_for_every_script_on_every_style(doc):
    styles = doc.styles.element
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    for rpr in [defaults] + [s.find(qn("w:rPr")) for s in styles.findall(qn("w:style"))]:
        fonts = rpr.find(qn("w:rFonts"))
        for script in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert fonts.get(qn(f"w:{script}")) == FONT
        assert not any("Theme" in key or "theme" in key for key in fonts.attrib)


def test_its_runs_use_no_other_font(doc):
    runs = [run for p in doc.paragraphs for run in p.runs]
    runs += [run for t in doc.tables for c in t._cells for p in c.paragraphs for run in p.runs]
    assert runs
    for run in runs:
        assert run.font.name in (None, FONT)


def test_the_agency_is_named_in_bold_capitals_with_a_short_line_under_it(doc):
    cell = doc.tables[0].cell(0, 0)
    lines = texts(cell.paragraphs)
    assert [p.text for p in lines] == ["ỦY BAN NHÂN DÂN", "XÃ CHÍ MINH"]
    for paragraph in lines:
        assert paragraph.text == paragraph.text.upper()
        assert font(paragraph, "bold") is True
        assert Pt(12) <= font(paragraph, "size") <= Pt(13)
        assert fmt(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    after = cell.paragraphs[position(cell.paragraphs, lines[-1]) + 1]
    length = short_line_length(after, cell_room(cell))
    assert length is not None and Cm(1) <= length <= Cm(4.5)


def test_a_parent_agency_is_upright_above_the_agency(doc):
    snapshot = sample_snapshot()
    snapshot["header"]["parent_agency"] = ["UBND THÀNH PHỐ HẢI PHÒNG"]
    cell = render(snapshot).tables[0].cell(0, 0)
    first, second, third = texts(cell.paragraphs)
    assert first.text == "UBND THÀNH PHỐ HẢI PHÒNG"
    assert font(first, "bold") is False and font(first, "italic") is False
    assert Pt(12) <= font(first, "size") <= Pt(13)
    assert (second.text, third.text) == ("ỦY BAN NHÂN DÂN", "XÃ CHÍ MINH")


def test_the_number_and_symbol_are_in_13pt(doc):
    (paragraph,) = texts(doc.tables[0].cell(1, 0).paragraphs)
    assert paragraph.text == "Số: 12/BC-UBND"
    assert font(paragraph, "size") == Pt(13)
    assert font(paragraph, "bold") is False


def test_a_number_below_ten_has_a_leading_zero():
    snapshot = sample_snapshot()
    snapshot["header"]["number"] = 5
    (paragraph,) = texts(render(snapshot).tables[0].cell(1, 0).paragraphs)
    assert paragraph.text == "Số: 05/BC-UBND"


def test_a_draft_leaves_room_for_the_number():
    snapshot = sample_snapshot()
    snapshot["header"]["number"] = None
    (paragraph,) = texts(render(snapshot).tables[0].cell(1, 0).paragraphs)
    assert paragraph.text.startswith("Số:     ")
    assert paragraph.text.endswith("/BC-UBND")
    assert paragraph.text.replace(" ", "") == "Số:/BC-UBND"


def test_the_national_title_and_motto_are_bold_with_a_line_under_the_motto(doc):
    cell = doc.tables[0].cell(0, 1)
    title, motto = texts(cell.paragraphs)
    assert title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert font(title, "bold") is True
    assert Pt(12) <= font(title, "size") <= Pt(13)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert font(motto, "bold") is True
    assert Pt(13) <= font(motto, "size") <= Pt(14)
    after = cell.paragraphs[position(cell.paragraphs, motto) + 1]
    # As long as the motto itself: about 6 cm in 14pt bold Times.
    assert Cm(5) <= short_line_length(after, cell_room(cell)) <= Cm(7)


def test_the_header_tables_have_no_borders(doc):
    for table in (doc.tables[0], doc.tables[-1]):
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {edge.get(qn("w:val")) for edge in borders} <= {"nil", "none"}
        assert len(table.columns) == 2


def test_the_place_and_date_are_in_italics(doc):
    (paragraph,) = texts(doc.tables[0].cell(1, 1).paragraphs)
    assert paragraph.text == "Chí Minh, ngày 05 tháng 6 năm 2026"
    assert font(paragraph, "italic") is True
    assert Pt(13) <= font(paragraph, "size") <= Pt(14)


def test_january_and_february_take_a_leading_zero():
    snapshot = sample_snapshot()
    snapshot["header"]["date"] = "2026-01-05"
    (paragraph,) = texts(render(snapshot).tables[0].cell(1, 1).paragraphs)
    assert paragraph.text == "Chí Minh, ngày 05 tháng 01 năm 2026"


def test_the_document_kind_and_subject_are_bold_and_centred_with_a_line(doc):
    body = doc.paragraphs
    kind = next(p for p in body if p.text == "BÁO CÁO")
    assert font(kind, "bold") is True
    assert Pt(13) <= font(kind, "size") <= Pt(14)
    assert fmt(kind, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    start = body.index(kind) + 1
    subject = body[start : start + 2]
    assert [p.text for p in subject] == sample_snapshot()["subject_lines"]
    for paragraph in subject:
        assert font(paragraph, "bold") is True
        assert fmt(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    room = doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin
    assert Cm(2.5) <= short_line_length(body[start + 2], room) <= Cm(6)


def test_every_heading_and_paragraph_appears_in_order(doc):
    snapshot = sample_snapshot()
    expected = [snapshot["opening"]]
    for section in snapshot["sections"]:
        expected += [section["heading"], *section["paragraphs"]]
    expected += snapshot["closing"]
    body = [p.text for p in doc.paragraphs]
    position = body.index("BÁO CÁO")
    for text in expected:
        position = body.index(text, position + 1)


def test_body_paragraphs_are_14pt_justified_with_a_first_line_indent(doc):
    snapshot = sample_snapshot()
    wanted = {snapshot["opening"], *snapshot["closing"]}
    for section in snapshot["sections"]:
        wanted.update(section["paragraphs"])
    paragraphs = [p for p in doc.paragraphs if p.text in wanted]
    assert len(paragraphs) == len(wanted)
    for paragraph in paragraphs:
        assert Pt(13) <= font(paragraph, "size") <= Pt(14)
        assert font(paragraph, "bold") is False
        assert fmt(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert Cm(1.0) <= fmt(paragraph, "first_line_indent") <= Cm(1.27) + 1
        spacing = max(fmt(paragraph, "space_before") or 0, fmt(paragraph, "space_after") or 0)
        assert spacing >= Pt(6)
        assert 1.0 <= fmt(paragraph, "line_spacing") <= 1.5


def test_section_headings_are_bold(doc):
    headings = {s["heading"] for s in sample_snapshot()["sections"]}
    paragraphs = [p for p in doc.paragraphs if p.text in headings]
    assert len(paragraphs) == len(headings)
    for paragraph in paragraphs:
        assert font(paragraph, "bold") is True
        assert Pt(13) <= font(paragraph, "size") <= Pt(14)


def test_pages_after_the_first_are_numbered_at_the_top_centre(doc):
    section = doc.sections[0]
    assert section.different_first_page_header_footer is True
    instructions = section.header._element.xpath(".//w:instrText/text() | .//w:fldSimple/@w:instr")
    assert any("PAGE" in text for text in instructions)
    (paragraph,) = [p for p in section.header.paragraphs if p._p.xpath(".//w:instrText")]
    assert fmt(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert Pt(13) <= paragraph.style.font.size <= Pt(14)
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not first._element.xpath(".//w:instrText | .//w:fldSimple")


def test_the_recipients_are_listed_in_11pt_under_nơi_nhận(doc):
    cell = doc.tables[-1].cell(0, 0)
    label, *recipients = texts(cell.paragraphs)
    assert label.text == "Nơi nhận:"
    assert font(label, "size") == Pt(12)
    assert font(label, "bold") is True and font(label, "italic") is True
    assert [p.text for p in recipients] == [
        "- Sở KH&CN thành phố;",
        "- TT ĐU xã; TT HĐND xã;",
        "- Lãnh đạo UBND xã;",
        "- Lưu: VT.",
    ]
    for paragraph in recipients:
        assert font(paragraph, "size") == Pt(11)


def test_it_normalises_the_punctuation_of_recipients():
    assert recipient_lines([" - Sở KH&CN thành phố. ", "Lưu: VT;", "", "Đảng ủy xã;"]) == [
        "- Sở KH&CN thành phố;",
        "- Đảng ủy xã;",
        "- Lưu: VT.",
    ]
    assert recipient_lines([]) == ["- Lưu: VT."]


def test_the_signature_block_is_bold_and_centred_with_room_to_sign(doc):
    cell = doc.tables[-1].cell(0, 1)
    lines = texts(cell.paragraphs)
    assert [p.text for p in lines] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Anh Tuấn"]
    for paragraph in lines:
        assert font(paragraph, "bold") is True
        assert font(paragraph, "size") == Pt(14)
        assert fmt(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    gap = position(cell.paragraphs, lines[2]) - position(cell.paragraphs, lines[1]) - 1
    assert gap >= 3


def test_a_chairman_signing_himself_needs_no_authority_line():
    snapshot = sample_snapshot()
    snapshot["signature"] = {"authority": "", "title": "CHỦ TỊCH", "name": "Nguyễn Văn A"}
    cell = render(snapshot).tables[-1].cell(0, 1)
    assert [p.text for p in texts(cell.paragraphs)] == ["CHỦ TỊCH", "Nguyễn Văn A"]


def test_it_escapes_text_that_looks_like_xml():
    snapshot = sample_snapshot()
    snapshot["opening"] = "Tỷ lệ <50% & \x0bchưa đạt {{ title }}"
    body = [p.text for p in render(snapshot).paragraphs]
    assert "Tỷ lệ <50% & chưa đạt {{ title }}" in body


def test_a_corrupt_template_is_refused_in_vietnamese(tmp_path):
    bad = tmp_path / "mau.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(TemplateError, match="Mẫu báo cáo không hợp lệ"):
        render_docx(sample_snapshot(), bad)
    with pytest.raises(TemplateError, match="không phải văn bản Word"):
        validate_template(b"plain text")


def test_a_replaced_template_is_read_again(tmp_path):
    path = tmp_path / "mau.docx"
    path.write_bytes(DEFAULT_TEMPLATE.read_bytes())
    assert render_docx(sample_snapshot(), path)[:2] == b"PK"
    path.write_bytes(b"garbage of another size")
    with pytest.raises(TemplateError):
        render_docx(sample_snapshot(), path)


def _template_with(text):
    template = Document(DEFAULT_TEMPLATE)
    template.add_paragraph(text)
    out = io.BytesIO()
    template.save(out)
    out.seek(0)
    return out


def test_the_default_template_validates():
    with DEFAULT_TEMPLATE.open("rb") as file:
        validate_template(file)


def test_validation_explains_a_missing_closing_tag():
    with pytest.raises(TemplateError, match=r"thiếu thẻ đóng \{%p endfor %\}"):
        validate_template(_template_with("{%p for line in subject_lines %}"))


def test_validation_names_an_unknown_field_that_rendering_leaves_blank(tmp_path):
    upload = _template_with("Tổng số: {{ figures.visits.khong_co }}")
    with pytest.raises(TemplateError, match="“khong_co” không có trong dữ liệu báo cáo"):
        validate_template(upload)
    path = tmp_path / "mau.docx"
    path.write_bytes(upload.getvalue())
    body = [p.text for p in Document(io.BytesIO(render_docx(sample_snapshot(), path))).paragraphs]
    assert "Tổng số: " in body


def test_templates_may_format_figures_the_vietnamese_way(tmp_path):
    path = tmp_path / "mau.docx"
    path.write_bytes(_template_with("{{ figures.visits.people|vn_number }} lượt").getvalue())
    body = [p.text for p in Document(io.BytesIO(render_docx(sample_snapshot(), path))).paragraphs]
    assert "1.650 lượt" in body


@pytest.mark.system
def test_a_template_saved_again_by_libreoffice_still_renders(tmp_path):
    # The commune edits the template in an office suite, which rewrites every run and style.
    soffice = require_tool("soffice", "libreoffice")
    source = tmp_path / "mau.docx"
    source.write_bytes(DEFAULT_TEMPLATE.read_bytes())
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    saved = tmp_path / "out" / "mau.docx"
    validate_template(saved)
    doc = Document(io.BytesIO(render_docx(sample_snapshot(), saved)))
    assert [p.text for p in texts(doc.tables[0].cell(1, 1).paragraphs)] == [
        "Chí Minh, ngày 05 tháng 6 năm 2026"
    ]
    assert sample_snapshot()["sections"][4]["heading"] in [p.text for p in doc.paragraphs]
