"""Charts of the support visits, as PNG, and the appendix that carries them in the report."""

import io

from docx import Document
from docx.shared import Cm

from hocvuso.reports.render.charts import render_charts
from hocvuso.reports.render.docx import render_docx
from hocvuso.reports.render.sample import sample_snapshot

from .tools import save_artifact

PNG = b"\x89PNG\r\n\x1a\n"


def test_it_draws_three_charts_as_png():
    charts = render_charts(sample_snapshot())
    assert [title for title, _ in charts] == [
        "Lượt hỗ trợ người dân theo tháng",
        "Số người được hỗ trợ theo dịch vụ",
        "Số người được hỗ trợ theo thôn",
    ]
    for index, (_, png) in enumerate(charts, start=1):
        assert png.startswith(PNG)
        save_artifact(f"bieu-do-{index}.png", png)


def test_it_draws_charts_without_any_figures():
    snapshot = sample_snapshot()
    snapshot["figures"] = {}
    charts = render_charts(snapshot)
    assert len(charts) == 3
    assert all(png.startswith(PNG) for _, png in charts)


def test_the_report_can_carry_the_charts_in_an_appendix_on_a_new_page():
    data = render_docx(sample_snapshot(), charts=True)
    save_artifact("bao-cao-mau-phu-luc.docx", data)
    doc = Document(io.BytesIO(data))
    heading = next(p for p in doc.paragraphs if p.text == "PHỤ LỤC")
    assert heading.paragraph_format.page_break_before is True
    body = doc.element.body
    assert body.index(heading._p) > body.index(doc.tables[-1]._tbl), "after the signature"
    assert len(doc.inline_shapes) == 3
    for shape in doc.inline_shapes:
        assert abs(shape.width - Cm(16)) < Cm(0.5)


def test_the_report_has_no_appendix_unless_asked():
    doc = Document(io.BytesIO(render_docx(sample_snapshot())))
    assert "PHỤ LỤC" not in [p.text for p in doc.paragraphs]
    assert len(doc.inline_shapes) == 0
