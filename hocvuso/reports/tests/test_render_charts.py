"""Charts of the support visits, as PNG, and the appendix that carries them in the report."""

import io

import pytest
from django.core.cache import caches
from docx import Document
from docx.shared import Cm
from matplotlib.figure import Figure

from hocvuso.reports.render.charts import CACHE, render_charts
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


@pytest.fixture
def drawings(monkeypatch):
    """The charts drawn (rasterized by matplotlib) while the test runs, from an empty cache."""
    caches[CACHE].clear()
    titles = []
    original = Figure.savefig

    def spy(figure, *args, **kwargs):
        titles.append(figure.axes[0].get_title())
        return original(figure, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", spy)
    return titles


def test_a_second_render_takes_the_charts_kept_and_draws_none(drawings):
    first = render_charts(sample_snapshot())
    assert len(drawings) == 3
    assert render_charts(sample_snapshot()) == first
    assert len(drawings) == 3
    doc = Document(io.BytesIO(render_docx(sample_snapshot(), charts=True)))
    assert len(drawings) == 3
    pictures = [
        shape._inline.graphic.graphicData.pic.blipFill.blip.embed for shape in doc.inline_shapes
    ]
    images = [doc.part.related_parts[rid].blob for rid in pictures]
    assert images == [png for _, png in first]


def test_a_change_in_a_figure_draws_that_chart_anew(drawings):
    snapshot = sample_snapshot()
    before = render_charts(snapshot)
    snapshot["figures"]["visits"]["by_service"][0]["people"] += 1
    after = render_charts(snapshot)
    assert drawings[3:] == ["Số người được hỗ trợ theo dịch vụ"]
    assert after[1] != before[1] and (after[0], after[2]) == (before[0], before[2])
    # A figure the charts do not show changes nothing.
    snapshot["figures"]["visits"]["total"] = 1
    render_charts(snapshot)
    assert len(drawings) == 4


def test_the_same_figures_in_another_report_are_not_drawn_again(drawings):
    snapshot = sample_snapshot()
    render_charts(snapshot)
    snapshot["header"]["number"] = 99
    snapshot["commune"]["name"] = "Another commune"
    render_charts(snapshot)
    assert len(drawings) == 3


def test_a_cache_that_cannot_be_written_still_gives_the_charts(drawings, monkeypatch):
    def broken(*args, **kwargs):
        raise PermissionError("read-only folder")

    monkeypatch.setattr(caches[CACHE], "set", broken)
    charts = render_charts(sample_snapshot())
    assert all(png.startswith(PNG) for _, png in charts) and len(drawings) == 3


def test_the_charts_kept_in_files_are_shared_by_the_servers_processes(settings, tmp_path, drawings):
    settings.CACHES = {
        **settings.CACHES,
        "charts": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tmp_path,
        },
    }
    first = render_charts(sample_snapshot())
    assert len(list(tmp_path.glob("*.djcache"))) == 3
    # Another process finds them: the cache is read afresh, not from this one's memory.
    caches.close_all()
    del caches[CACHE]
    assert render_charts(sample_snapshot()) == first
    assert len(drawings) == 3
