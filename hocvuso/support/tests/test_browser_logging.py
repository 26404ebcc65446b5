"""A team member logs support visits on a 360×740 phone, with and without a signal."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from hocvuso.support.models import Service, SupportVisit
from hocvuso.support.services import VisitInput, record_visit
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in

# For what waits on the service worker, IndexedDB or a send on a busy machine.
SLOW = 15_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def open_logging_page(page, live_server, user):
    """Sign in as a person would; a team member lands on /ghi/, then the service worker takes it."""
    log_in(page, live_server, user)
    assert page.url == f"{live_server.url}/ghi/"
    # A function, not a bare expression, which Playwright would evaluate with eval: the
    # page's Content-Security-Policy forbids that.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def wait_for_records(page, count: int, timeout_ms: int = 45_000) -> None:
    """Poll the database, which the page fills from another thread (the live server).

    Long enough for one more periodic send (every 20 s) should a send meet a
    busy in-memory SQLite; polled gently, so as not to be what keeps it busy.
    """
    waited = 0
    while SupportVisit.objects.count() < count and waited < timeout_ms:
        page.wait_for_timeout(500)
        waited += 500
    assert SupportVisit.objects.count() == count


def tap_service(page, name: str) -> None:
    service = page.get_by_role("button", name=name, exact=True)
    service.click()
    expect(service).to_have_attribute("aria-pressed", "true")


def test_a_member_logs_a_visit_in_three_taps_after_the_services(phone, live_server, world):
    page = phone
    open_logging_page(page, live_server, world.member)
    visits_before = int(page.locator("#today-visits").inner_text())
    records_before = SupportVisit.objects.count()

    tap_service(page, "Kích hoạt VNeID mức 2")
    page.get_by_text("Nữ", exact=True).click()  # tap 1
    page.get_by_text("Từ 60 tuổi", exact=True).click()  # tap 2
    screenshot(page, "ghi-luot-ho-tro")
    page.get_by_role("button", name="Lưu", exact=True).click()  # tap 3

    expect(page.locator("#status")).to_have_text("Đã lưu.")
    expect(page.locator("#today-visits")).to_have_text(str(visits_before + 1))
    expect(page.locator("#waiting-count")).to_have_text("0")
    assert SupportVisit.objects.count() == records_before + 1
    visit = SupportVisit.objects.latest("created_at")
    assert visit.member == world.chiminh.members[1]
    assert (visit.gender, visit.age_band, visit.elderly) == ("female", "60_plus", True)
    assert (visit.place, visit.outcome, visit.people) == ("cultural_house", "done", 1)
    assert [s.code for s in visit.services.all()] == ["vneid-activate"]
    assert visit.client_key is not None
    # The form is ready for the next citizen.
    expect(page.get_by_role("button", name="Kích hoạt VNeID mức 2")).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(page.locator("#today li")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "ghi-da-luu")


def test_visits_logged_offline_wait_on_the_phone_and_are_sent_once(phone, live_server, world):
    page = phone
    open_logging_page(page, live_server, world.member)
    # Saved from another phone after this page was kept: only a page fresh from
    # the server would count it.
    record_visit(world.member, VisitInput(services=["other"]))
    records_before = SupportVisit.objects.count()
    waiting = page.locator("#waiting-count")

    page.context.set_offline(True)
    for number, service in enumerate(["Đăng ký VNeID", "Quét QR, chuyển khoản"], start=1):
        tap_service(page, service)
        page.get_by_role("button", name="Lưu", exact=True).click()
        expect(waiting).to_have_text(str(number))
    expect(page.locator("#status")).to_have_text("Đã lưu trên máy. Sẽ gửi khi có mạng.")

    # The tab is reloaded without a signal: the service worker serves the page,
    # and the queue is still in IndexedDB.
    response = page.reload()
    assert response.from_service_worker
    expect(page.locator("#today-visits")).to_have_text("0")  # the kept page
    expect(waiting).to_have_text("2", timeout=SLOW)
    expect(page.locator("#queue-list li")).to_have_count(2)
    expect(page.locator("#offline")).to_be_visible()
    assert SupportVisit.objects.count() == records_before
    screenshot(page, "ghi-ngoai-tuyen")

    page.context.set_offline(False)
    wait_for_records(page, records_before + 2)
    expect(waiting).to_have_text("0", timeout=SLOW)
    expect(page.locator("#queue")).to_be_hidden()
    # The member is told that what waited has gone, and how much.
    expect(page.locator("#status")).to_have_text("Đã gửi 2 lượt đang chờ.", timeout=SLOW)
    screenshot(page, "ghi-da-gui-luot-cho")
    new = SupportVisit.objects.order_by("-pk")[:2]
    assert {s.code for v in new for s in v.services.all()} == {"vneid-register", "qr-payment"}
    assert len({v.client_key for v in new}) == 2
    # Nothing more arrives later: each visit was saved once.
    page.wait_for_timeout(1000)
    assert SupportVisit.objects.count() == records_before + 2


def test_a_member_corrects_and_deletes_a_visit_of_today(phone, live_server, world):
    page = phone
    open_logging_page(page, live_server, world.member)
    tap_service(page, "Phòng chống lừa đảo")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator("#status")).to_have_text("Đã lưu.")
    visit = SupportVisit.objects.latest("created_at")

    page.locator("#today").get_by_role("button", name="Sửa").click()
    expect(page.get_by_role("button", name="Phòng chống lừa đảo")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("button", name="Thêm một người").click()
    page.get_by_role("button", name="Lưu thay đổi").click()
    expect(page.locator("#status")).to_have_text("Đã lưu thay đổi.")
    expect(page.locator("#today-people")).to_have_text("2")
    visit.refresh_from_db()
    assert visit.people == 2

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#today").get_by_role("button", name="Xóa").click()
    expect(page.locator("#status")).to_have_text("Đã xóa lượt hỗ trợ.")
    expect(page.locator("#today-visits")).to_have_text("0")
    assert not SupportVisit.objects.filter(pk=visit.pk).exists()


def test_the_visit_form_has_no_serious_accessibility_violation(phone, live_server, world):
    page = phone
    open_logging_page(page, live_server, world.member)
    tap_service(page, "Đăng ký VNeID")
    page.locator("details.more summary").click()
    results = Axe().run(page)
    violations = results.response["violations"]
    if violations:
        print(results.generate_report())
    serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []
    screenshot(page, "ghi-chi-tiet")


def test_a_visit_the_server_refuses_stays_on_the_phone_with_the_reason(phone, live_server, world):
    page = phone
    open_logging_page(page, live_server, world.member)
    page.context.set_offline(True)
    tap_service(page, "Smart Hải Phòng")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.locator("#waiting-count")).to_have_text("1")
    # While the phone was offline, the city took the app out of the catalogue.
    Service.objects.filter(code="smart-haiphong").update(is_active=False)
    records_before = SupportVisit.objects.count()

    page.context.set_offline(False)
    failed = page.locator("#queue-list li")
    expect(failed).to_contain_text("Không gửi được: Không có dịch vụ: smart-haiphong.")
    expect(page.locator("#waiting-count")).to_have_text("0")
    assert SupportVisit.objects.count() == records_before
    screenshot(page, "ghi-khong-gui-duoc")

    page.once("dialog", lambda dialog: dialog.accept())
    failed.get_by_role("button", name="Xóa").click()
    expect(page.locator("#queue")).to_be_hidden()
