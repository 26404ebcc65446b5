"""A commune officer reads the overview, filters a list and exports it, in a real browser."""

import datetime

import pytest
from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from openpyxl import load_workbook

from hocvuso.core.formatting import vn_number
from hocvuso.core.periods import Period
from hocvuso.documents.models import Document
from hocvuso.learning.models import CourseParticipation, DigitalClass, LearnerGroup
from hocvuso.outreach.models import Channel, OutreachActivity
from hocvuso.overview.models import ExportJob, ExportStatus
from hocvuso.support.models import Place, SupportVisit
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in, run_tasks

from .records import add_activity, add_class, add_course, add_document, add_visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

D = datetime.date
DAY = D(2026, 3, 20)
MONTH = Period(D(2026, 3, 1), DAY)
YEAR = Period(D(2026, 1, 1), DAY)


@pytest.fixture(autouse=True)
def export_root(settings, tmp_path):
    settings.EXPORT_ROOT = tmp_path / "exports"


@pytest.fixture
def movement(world):
    cm = world.chiminh
    for i in range(12):
        add_visit(
            cm,
            D(2026, 1 + i % 3, 3 + i),
            village=i % 2,
            people=1 + i % 5,
            services=("dvc-filing", "dvc-payment") if i % 2 else ("smart-haiphong",),
            place=Place.HOME if i % 4 == 0 else Place.SERVICE_CENTRE,
        )
    add_visit(cm, D(2025, 3, 2), people=6)
    add_visit(cm, D(2026, 3, 9), people=1200)  # a group meeting: a large figure
    add_activity(cm, D(2026, 3, 4), channel=Channel.PORTAL)
    add_activity(cm, D(2026, 2, 4), village=1, channel=Channel.VILLAGE_MEETING, times=2)
    add_class(cm, D(2026, 3, 6), citizens=18, students=2)
    add_course(cm, D(2026, 1, 1), D(2026, 3, 31), LearnerGroup.CITIZENS, participants=350)
    add_course(cm, D(2026, 1, 1), D(2026, 3, 31), LearnerGroup.OFFICIALS, participants=42)
    add_document(cm, D(2026, 3, 2), number=15)
    return world


def expected_figures(commune, period: Period) -> dict[str, int]:
    """The figures of `period`, counted here from the records, apart from the page's code."""
    lower, upper = period.bounds
    visits = SupportVisit.objects.filter(
        commune=commune, occurred_at__gte=lower, occurred_at__lt=upper
    ).aggregate(n=Count("pk"), people=Sum("people", default=0))
    days = Q(held_on__gte=period.start, held_on__lte=period.end)
    classes = DigitalClass.objects.filter(days, commune=commune).aggregate(
        n=Count("pk"),
        people=Sum(F("officials") + F("teachers") + F("students") + F("citizens"), default=0),
    )
    courses = CourseParticipation.objects.filter(
        commune=commune, period_start__lte=period.end, period_end__gte=period.start
    ).aggregate(n=Sum("participants", default=0))
    return {
        "people": visits["people"],
        "visits": visits["n"],
        "activities": OutreachActivity.objects.filter(days, commune=commune).count(),
        "classes": classes["n"],
        "attendees": classes["people"],
        "courses": courses["n"],
        "documents": Document.objects.filter(
            commune=commune, issued_on__gte=period.start, issued_on__lte=period.end
        ).count(),
    }


def watch_errors(page) -> list:
    """The page's JavaScript errors, and console errors but for the missing favicon."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def console(message):
        if message.type == "error" and "favicon" not in message.location.get("url", ""):
            errors.append(message.text)

    page.on("console", console)
    return errors


def open_overview(page, live_server, world):
    log_in(page, live_server, world.commune)
    page.goto(f"{live_server.url}/tong-quan/")
    page.get_by_label("Số liệu đến ngày").fill(DAY.isoformat())
    page.get_by_role("button", name="Xem").click()
    page.wait_for_url(f"**ngay={DAY.isoformat()}**")


def check_figures(page, world):
    commune = world.chiminh.commune
    for key, period in (("month", MONTH), ("year", YEAR)):
        for figure, value in expected_figures(commune, period).items():
            shown = page.locator(f"#fig-{figure}-{key} .value").inner_text()
            assert shown == vn_number(value), f"{figure} {key}: {shown} != {value}"
    # 1.200 people in one meeting: written the Vietnamese way.
    assert page.locator("#fig-people-month .value").inner_text().count(".") == 1


def check_charts(page):
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas[data-chart]')]"
        ".every(c => window.Chart && Chart.getChart(c) && c.width > 0 && c.height > 0)"
    )
    assert page.locator("canvas[data-chart]").count() == 5
    # The tooltip and axis numbers are written by the browser the Vietnamese way.
    assert page.evaluate("(1500).toLocaleString('vi-VN')") == "1.500"


def filter_visits_by_team(page, world, team_index: int) -> int:
    page.get_by_role("link", name="Lượt hỗ trợ", exact=True).click()
    page.locator("#filters summary").click()
    team = world.chiminh.village_teams[team_index]
    page.get_by_label("Tổ", exact=True).select_option(label=team.name)
    page.get_by_label("Từ ngày").fill("2026-01-01")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**team=*")
    count = SupportVisit.objects.filter(
        team=team, occurred_at__gte=Period(D(2026, 1, 1), D(2026, 1, 1)).bounds[0]
    ).count()
    assert page.locator("#records tbody tr").count() == count
    assert page.locator("#list-summary strong").first.inner_text() == vn_number(count)
    return count


def read_download(download) -> list[tuple]:
    with open(download.path(), "rb") as file:
        workbook = load_workbook(file, read_only=True)
        rows = list(workbook.active.iter_rows(values_only=True))
        workbook.close()
    return rows


def test_the_officer_reads_the_overview_filters_and_exports_on_a_desktop(
    desktop, live_server, movement, monkeypatch
):
    page = desktop
    errors = watch_errors(page)
    open_overview(page, live_server, movement)
    check_figures(page, movement)
    check_charts(page)
    screenshot(page, "tong-quan-may-tinh")

    count = filter_visits_by_team(page, movement, team_index=1)
    screenshot(page, "luot-ho-tro-loc-may-tinh")

    # Every export goes to the background here, as a long one would: its task waits in the
    # queue until the worker runs it, on committed data, while the page polls.
    monkeypatch.setattr(settings, "EXPORT_DIRECT_LIMIT", 0)
    page.get_by_role("button", name="Xuất Excel").click()
    page.wait_for_url("**/xuat-excel/*/")
    run_tasks()
    download_link = page.get_by_role("link", name="Tải tệp Excel")
    download_link.wait_for()
    assert page.get_by_text(f"Đã xuất xong {count} dòng.").is_visible()
    screenshot(page, "xuat-excel-xong")
    with page.expect_download() as download:
        download_link.click()
    rows = read_download(download.value)
    assert rows[0][:3] == ("Mã", "Thời gian", "Xã")
    assert len(rows) == count + 1
    assert {row[4] for row in rows[1:]} == {movement.chiminh.village_teams[1].name}
    assert errors == []


def test_the_officer_reads_the_overview_filters_and_exports_on_a_phone(
    phone, live_server, movement
):
    page = phone
    errors = watch_errors(page)
    open_overview(page, live_server, movement)
    check_figures(page, movement)
    check_charts(page)
    # Nothing is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "tong-quan-dien-thoai")

    count = filter_visits_by_team(page, movement, team_index=0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "luot-ho-tro-loc-dien-thoai")

    with page.expect_download() as download:
        page.get_by_role("button", name="Xuất Excel").click()
    assert download.value.suggested_filename.startswith("luot-ho-tro-")
    assert len(read_download(download.value)) == count + 1

    # A long export under way, as its page shows it while it polls.
    job = ExportJob.objects.create(
        user=movement.commune,
        kind="visits",
        status=ExportStatus.RUNNING,
        rows_done=120_000,
        rows_total=1_000_000,
    )
    page.goto(f"{live_server.url}{reverse('overview:export_status', args=[job.pk])}")
    assert page.locator("#export-count").inner_text() == "Đã xuất 120.000 / 1.000.000 dòng"
    page.wait_for_timeout(1500)  # one poll has swapped the fragment in
    assert page.locator("progress").get_attribute("value") == "120000"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "xuat-excel-dang-chay-dien-thoai")
    assert errors == []
