"""The city's report draws its charts once for the figures they show: downloaded again, it takes
the charts kept; when a commune's report is accepted, the charts that change are drawn anew."""

import io

from docx import Document

from hocvuso.city.models import Submission
from hocvuso.city.render import render_city_docx
from hocvuso.city.services import review
from hocvuso.city.tests.test_render import REPORT_DATE, city  # noqa: F401 (a fixture)
from hocvuso.reports.tests.test_render_charts import drawings  # noqa: F401 (a fixture)


def pictures(data: bytes) -> list[bytes]:
    doc = Document(io.BytesIO(data))
    ids = [shape._inline.graphic.graphicData.pic.blipFill.blip.embed for shape in doc.inline_shapes]
    return [doc.part.related_parts[rid].blob for rid in ids]


def test_the_citys_report_downloaded_again_draws_no_chart(city, drawings):  # noqa: F811
    first = render_city_docx(city, REPORT_DATE, charts=True)
    drawn = len(drawings)
    assert drawn >= 2 and drawings[0].startswith("Tình hình báo cáo của 4 ")
    again = render_city_docx(city, REPORT_DATE, charts=True)
    assert len(drawings) == drawn
    assert pictures(again) == pictures(first) and len(pictures(first)) == drawn


def test_a_report_accepted_since_draws_the_charts_it_changes(city, drawings, world):  # noqa: F811
    before = pictures(render_city_docx(city, REPORT_DATE, charts=True))
    drawn = len(drawings)
    waiting = Submission.objects.get(request=city, commune=world.tien_dong.commune)
    review(world.city, waiting, accept=True)
    after = pictures(render_city_docx(city, REPORT_DATE, charts=True))
    # The reporting status changes; so does every ranking Tiên Động's figures enter.
    assert drawings[drawn] == drawings[0]
    assert after[0] != before[0]
    assert len(drawings) > drawn
