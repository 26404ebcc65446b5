"""The Ministry's report: the provinces' accepted reports added up, in the Nghị định 30 layout.

The same machinery as the province's report (hocvuso/city/render.py, narrative.py, charts.py)
one level up: `synthesis_snapshot` adds up the accepted snapshots of the answers to the
Ministry's request (each a province's own synthesis, read by `city.synthesis.province_figures`),
with the Ministry's header and signer from settings and the country's words. A province that
has not answered, or whose answer is not accepted, is listed as such, never counted as zero.
"""

import datetime

from django.utils import timezone

from hocvuso.city.narrative import CityWriter, ReportWords
from hocvuso.city.render import (
    render_city_snapshot,
    render_city_xlsx,
    render_completeness_xlsx,
    synthesis_snapshot,
)
from hocvuso.core.formatting import vn_date
from hocvuso.reports.models import ReportRequest
from hocvuso.reports.narrative import MOVEMENT
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import NationWords, communes_word, provinces_word, villages_word

from .ministry import ministry_name, ministry_settings

# Who runs the movement in each province, as the Ministry's sentences ask them.
DEPARTMENTS = "Sở Khoa học và Công nghệ"


def nation_words(request: ReportRequest) -> ReportWords:
    """The country's words: the provinces asked ("tỉnh, thành phố"), and the kinds of their
    communes and villages, which the teams' sentences name."""
    provinces = request.recipients.all()
    communes = Unit.objects.filter(
        level=Level.COMMUNE, parent__in=provinces.values("pk"), valid_to__isnull=True
    )
    kinds = communes.values_list("kind", flat=True).order_by().distinct()
    return ReportWords(
        province=NationWords(),
        communes=communes_word(kinds),
        villages=villages_word(communes),
        reporters=provinces_word(provinces.values_list("kind", flat=True).order_by().distinct()),
    )


class NationWriter(CityWriter):
    """The province's sentences, said by the Ministry of its own request to the provinces."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.late_authority = f"{DEPARTMENTS} các {self.communes}"

    def opening(self) -> str:
        r = self.request
        return (
            f"Ngày {vn_date(r.issued_on)}, {self.agency} ban hành {r.kind} số {r.number_symbol} "
            f"{r.subject.rstrip('. ')}, đề nghị {DEPARTMENTS} các {self.communes} báo cáo kết "
            f"quả triển khai {MOVEMENT}. Trên cơ sở báo cáo của các {self.communes}, "
            f"{self.agency} tổng hợp như sau:"
        )


def nation_snapshot(request: ReportRequest, report_date: datetime.date) -> dict:
    """The Ministry's report as a snapshot that the province's renderers format."""
    words = nation_words(request)
    return synthesis_snapshot(
        request,
        report_date,
        ministry_settings(),
        words,
        unit={"code": "", "name": ministry_name()},
        area_line=words.province.area,
        writer=NationWriter,
    )


def render_nation_docx(
    request: ReportRequest, report_date: datetime.date | None = None, charts: bool = True
) -> bytes:
    """The Ministry's report as .docx bytes; with charts, Phụ lục II holds them."""
    snapshot = nation_snapshot(request, report_date or timezone.localdate())
    return render_city_snapshot(snapshot, charts=charts)


def render_nation_xlsx(request: ReportRequest) -> bytes:
    """Every province's figures, one row each, and the country's totals in the last row."""
    return render_city_xlsx(request, nation_words(request))


def render_nation_completeness_xlsx(request: ReportRequest) -> bytes:
    """Which province has sent its report and when, missing first, and the rates below."""
    return render_completeness_xlsx(request, nation_words(request))
