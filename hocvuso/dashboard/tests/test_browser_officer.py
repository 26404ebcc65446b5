"""A commune officer walks teams, documents and indicators in a real browser, phone and desktop."""

import pytest
from django.db.models import Sum
from django.utils import timezone
from playwright.sync_api import expect

from hocvuso.core.periods import month_of
from hocvuso.documents.models import Document
from hocvuso.indicators.catalogue import create_city_targets, create_default_indicators
from hocvuso.indicators.models import Indicator, IndicatorValue, Target
from hocvuso.support.models import SupportVisit
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ADULTS = "Tỷ lệ người trưởng thành có kỹ năng số cơ bản"


@pytest.fixture(autouse=True)
def catalogue_and_targets(transactional_db, world, settings, tmp_path):
    # The indicators come from a data migration, which a flush by an earlier
    # transactional test may have removed; the city's targets for this year.
    create_default_indicators(Indicator)
    create_city_targets(Indicator, Target, world.haiphong, year=timezone.localdate().year)
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def go(page, label):
    """Follow a link of the menu, opening it first on a phone."""
    menu = page.locator("details.nav-menu")
    if menu.is_visible():
        menu.locator("summary").click()
        menu.get_by_role("link", name=label, exact=True).click()
    else:
        page.locator("nav.nav-wide").get_by_role("link", name=label, exact=True).click()


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_officer_walks_teams_documents_and_indicators(request, device, live_server, world):
    page = request.getfixturevalue(device)
    log_in(page, live_server, world.commune)
    if device == "phone":
        page.locator("details.nav-menu summary").click()
        screenshot(page, "menu-can-bo-xa-phone")
        page.locator("details.nav-menu summary").click()

    # Every team of the commune, then a village's team.
    go(page, "Tổ và địa bàn")
    expect(page.get_by_role("heading", name="Tổ và địa bàn")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, f"to-va-thon-{device}")
    team = world.chiminh.village_teams[0]
    page.get_by_role("link", name=team.name).click()
    expect(page.get_by_role("heading", name=team.name)).to_be_visible()
    lower, upper = month_of(timezone.localdate()).bounds
    people = SupportVisit.objects.filter(
        team=team, occurred_at__gte=lower, occurred_at__lt=upper
    ).aggregate(n=Sum("people"))["n"]
    assert int(page.locator("#fig-month-people").inner_text()) == (people or 0)

    # The register: a malformed number first, then the plan with its signed PDF.
    go(page, "Văn bản")
    expect(page.get_by_role("rowheader", name="41/KH-UBND")).to_be_visible()
    page.get_by_role("link", name="+ Thêm văn bản").click()
    page.get_by_label("Số, ký hiệu").fill("52 KH-UBND")
    page.get_by_label("Ngày ban hành").fill("2026-03-02")
    page.get_by_label("Trích yếu").fill("về việc tổ chức lớp học số cho người cao tuổi")
    page.get_by_label("Bản ký (PDF)").set_input_files(
        files=[{"name": "ke-hoach-52.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Thêm văn bản").click()
    expect(page.get_by_text("không đúng dạng số/ký hiệu, ví dụ 41/KH-UBND")).to_be_visible()
    screenshot(page, f"van-ban-loi-so-ky-hieu-{device}")
    page.get_by_label("Số, ký hiệu").fill("52/KH-UBND")
    page.get_by_label("Bản ký (PDF)").set_input_files(
        files=[{"name": "ke-hoach-52.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Thêm văn bản").click()
    expect(page.locator(".messages")).to_contain_text(
        "Đã thêm Kế hoạch số 52/KH-UBND ngày 02/03/2026"
    )
    document = Document.objects.get(number=52, commune=world.chiminh.commune)
    assert document.signed_file.read() == PDF
    pdf = page.request.get(f"{live_server.url}/van-ban/{document.pk}/ban-ky.pdf")
    assert pdf.status == 200 and pdf.body() == PDF
    screenshot(page, f"van-ban-{device}")

    # An indicator: numerator above the denominator first, then a value that meets the target.
    go(page, "Chỉ số")
    page.get_by_role("link", name="+ Nhập giá trị").click()
    page.get_by_label("Chỉ số", exact=True).select_option(label=ADULTS)
    page.get_by_label("Tử số").fill("1600")
    page.get_by_label("Mẫu số").fill("1500")
    page.get_by_role("button", name="Lưu giá trị").click()
    expect(page.get_by_text("Tử số không được lớn hơn mẫu số.")).to_be_visible()
    assert not IndicatorValue.objects.exists()
    screenshot(page, f"chi-so-loi-{device}")
    page.get_by_label("Tử số").fill("1200")
    page.get_by_role("button", name="Lưu giá trị").click()
    card = page.locator("#indicator-adults-digital-skills")
    expect(card.locator(".latest .value")).to_have_text("80%")
    expect(card.locator(".target")).to_have_text("80%")
    expect(card.get_by_text("Đạt chỉ tiêu")).to_be_visible()
    assert IndicatorValue.objects.get().value == 80
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    card.scroll_into_view_if_needed()
    screenshot(page, f"chi-so-{device}")
