"""A commune that is not the demo starts from nothing, in a real browser, to its first report.

Tỉnh Điện Biên's officer makes the account of Xã Mường Phăng's officer; that officer sets a
password from the one-time link and walks the checklist — bản and xóm pasted, members imported
with logins, the duty place, the signer — to an issued report; then a team leader made by the
import sets a password from their own link on a 360×740 phone and logs a visit.
"""

import datetime
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from hocvuso.accounts.models import User, UserRole
from hocvuso.reports.models import Report, ReportStatus
from hocvuso.support.models import SupportVisit
from hocvuso.teams.models import Member
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in, make_unit, make_user
from hocvuso.testing_units import NOT_IN_A_MOUNTAIN_COMMUNE, foreign_words
from hocvuso.units.models import Kind

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

VILLAGES = "Bản Na Son\nBản Che Căn\nXóm Đồi\nHuổi Hua | bản"
MEMBERS = (
    ("Bản, xóm", "Tổ", "Họ và tên", "Vai trò", "Số điện thoại", "Tạo tài khoản", "Tên đăng nhập"),
    ("Bản Na Son", None, "Lò Văn Páo", "Tổ trưởng", "0912345601", "Có", None),
    ("Bản Na Son", None, "Lường Thị Mai", "Tổ viên", None, "Có", "mailuong"),
    ("Xóm Đồi", None, "Quàng Văn Dũng", "Tổ trưởng", None, "Có", None),
    (None, "Cấp xã", "Cà Thị Nga", "Tổ trưởng", None, None, None),
)


@pytest.fixture
def muong_phang(catalogues):
    province = make_unit(Kind.TINH, "11", "Tỉnh Điện Biên")
    commune = make_unit(Kind.XA, "03334", "Xã Mường Phăng", province)
    commune.city_officer = make_user("sodienbien", UserRole.CITY_OFFICER, province)
    return commune


def members_xlsx(folder) -> str:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in MEMBERS:
        sheet.append(list(row))
    path = folder / "thanh-vien-muong-phang.xlsx"
    book.save(path)
    return str(path)


def step(page, key: str):
    return page.locator(f"#step-{key}")


def open_checklist(page, live_server):
    page.goto(f"{live_server.url}/thiet-lap-ban-dau/")
    expect(page.get_by_role("heading", name="Bắt đầu sử dụng ở xã Mường Phăng")).to_be_visible()


def set_password(page, link: str, username: str, password: str) -> None:
    page.goto(link)
    expect(page.get_by_text(f"Tài khoản {username}")).to_be_visible()
    page.get_by_label("Mật khẩu mới", exact=True).fill(password)
    page.get_by_label("Nhập lại mật khẩu mới").fill(password)
    page.get_by_role("button", name="Đặt mật khẩu").click()


def test_a_new_commune_goes_from_its_officers_account_to_a_visit_logged_on_a_phone(
    desktop, phone, live_server, muong_phang, tmp_path
):
    commune = muong_phang
    page = desktop

    # The province's officer makes the commune officer's account.
    log_in(page, live_server, commune.city_officer)
    page.goto(f"{live_server.url}/thanh-pho/tai-khoan/")
    page.get_by_label("Họ và tên cán bộ Xã Mường Phăng").fill("Lò Thị Hoa")
    page.get_by_label("Số điện thoại di động cán bộ Xã Mường Phăng").fill("0912 345 678")
    page.get_by_role("button", name="Tạo tài khoản").click()
    card = page.locator("#link-xamuongphang")
    expect(card.locator("svg")).to_be_visible()
    officer_link = card.locator(".link-url a").get_attribute("href")
    screenshot(page, "xa-moi-1-lien-ket-can-bo")
    page.locator("nav.nav-wide").get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/")

    # The commune's officer sets a password and lands on the checklist.
    set_password(page, officer_link, "xamuongphang", "hoa-muong-phang-2026")
    page.wait_for_url("**/thiet-lap-ban-dau/")
    expect(page.get_by_text("Đã xong 0/5 bước")).to_be_visible()
    screenshot(page, "xa-moi-2-cac-buoc")

    # Bản and xóm, pasted in one list.
    step(page, "villages").locator("a.button").first.click()
    page.get_by_label("Danh sách (mỗi dòng một tên)").fill(VILLAGES)
    page.get_by_role("button", name="Xem trước", exact=True).click()
    expect(page.locator("#preview-table")).to_contain_text("Bản Huổi Hua")
    page.get_by_role("button", name=re.compile(r"^Lưu 4 ")).click()
    expect(page.locator(".messages")).to_contain_text("Đã thêm 3 bản, 1 xóm")
    screenshot(page, "xa-moi-3-ban-xom")
    open_checklist(page, live_server)
    expect(step(page, "villages")).to_have_class(re.compile(r"\bdone\b"))
    expect(step(page, "villages")).to_contain_text("Đã có 03 bản, 01 xóm")
    expect(step(page, "teams")).to_have_class(re.compile(r"\bleft\b"))

    # The members, three of them with logins, from an XLSX file.
    step(page, "teams").get_by_role("link", name="Nhập thành viên từ Excel").click()
    page.set_input_files("#file-thanh-vien", members_xlsx(tmp_path))
    page.locator("form:has(#file-thanh-vien) input[type=submit]").click()
    expect(page.get_by_role("heading", name="Liên kết đặt mật khẩu")).to_be_visible()
    expect(page.locator(".handed-link")).to_have_count(3)
    expect(page.locator(".handed-link svg")).to_have_count(3)
    expect(page.get_by_text("3 tài khoản đăng nhập mới")).to_be_visible()
    pao_card = page.locator('[id="link-paolv.muongphang"]')
    expect(pao_card).to_contain_text("Lò Văn Páo")
    pao_link = pao_card.locator(".link-url a").get_attribute("href")
    screenshot(page, "xa-moi-4-lien-ket-to-vien")
    open_checklist(page, live_server)
    expect(step(page, "teams")).to_have_class(re.compile(r"\bdone\b"))
    expect(step(page, "teams")).to_contain_text("3 người có tài khoản đăng nhập")

    # The duty place, with the working hours it comes with.
    step(page, "duty").locator("a.button").first.click()
    page.get_by_role("link", name="Thêm địa điểm trực").click()
    page.get_by_role("button", name="Thêm địa điểm").click()
    expect(page.locator(".messages")).to_contain_text("Đã thêm")
    open_checklist(page, live_server)
    expect(step(page, "duty")).to_have_class(re.compile(r"\bdone\b"))

    # The report's signer.
    step(page, "report").get_by_role("link", name="Thiết lập báo cáo").click()
    page.get_by_label("Họ tên người ký").fill("Lò Văn Minh")
    page.get_by_role("button", name="Lưu thiết lập").click()
    expect(page.get_by_text("Đã lưu thiết lập.")).to_be_visible()
    open_checklist(page, live_server)
    expect(step(page, "report")).to_have_class(re.compile(r"\bdone\b"))
    expect(step(page, "report")).to_contain_text("Người ký: Lò Văn Minh.")
    expect(page.get_by_text("Đã xong cả 5 bước")).to_be_visible()
    screenshot(page, "xa-moi-5-da-xong")

    # The first report, made and issued.
    page.goto(f"{live_server.url}/bao-cao/")
    today = datetime.date.today()
    page.get_by_label("Từ ngày").fill(f"{today.year}-01-01")
    page.get_by_label("Đến ngày").fill(today.isoformat())
    page.get_by_role("button", name="Lập dự thảo").click()
    expect(page.get_by_text("Đã tạo dự thảo báo cáo")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#issue").click()
    expect(page.get_by_text(re.compile(r"Đã ban hành báo cáo số 1/"))).to_be_visible()
    screenshot(page, "xa-moi-6-bao-cao")
    text = page.locator("main").inner_text()
    assert "xã Mường Phăng" in text
    assert re.search(r"\bbản\b", text) and re.search(r"\bxóm\b", text)
    assert foreign_words(text, NOT_IN_A_MOUNTAIN_COMMUNE) == {}
    report = Report.objects.get(commune=commune)
    assert report.status == ReportStatus.ISSUED

    # A team leader made by the import, on a 360×740 phone, from their own link.
    set_password(phone, pao_link, "paolv.muongphang", "pao-na-son-2026")
    # A team leader lands on their team; the logging page is one tap away in the menu.
    phone.wait_for_url(lambda url: "/dat-mat-khau/" not in url)
    expect(phone.get_by_text("Từ nay đăng nhập bằng tên “paolv.muongphang”")).to_be_visible()
    phone.goto(f"{live_server.url}/ghi/")
    pao = User.objects.get(username="paolv.muongphang")
    assert pao.role == UserRole.TEAM_LEADER
    service = phone.get_by_role("button", name="Kích hoạt VNeID mức 2", exact=True)
    service.click()
    expect(service).to_have_attribute("aria-pressed", "true")
    phone.get_by_text("Nữ", exact=True).click()
    phone.get_by_text("Từ 60 tuổi", exact=True).click()
    screenshot(phone, "xa-moi-7-ghi-tren-dien-thoai")
    phone.get_by_role("button", name="Lưu", exact=True).click()
    expect(phone.locator("#status")).to_have_text("Đã lưu.")
    visit = SupportVisit.objects.get()
    assert visit.member == Member.objects.get(user=pao)
    assert visit.commune == commune
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert foreign_words(phone.content(), NOT_IN_A_MOUNTAIN_COMMUNE) == {}
