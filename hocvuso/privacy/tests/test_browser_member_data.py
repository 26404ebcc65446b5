"""A ward's officer answers a member's requests on a phone: the data held, downloaded; then
erased, after a tick to confirm."""

import json

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from hocvuso.accounts.models import UserRole
from hocvuso.teams.models import Member, Membership, Role, Team, TeamLevel
from hocvuso.test_tools import screenshot
from hocvuso.testing import log_in, make_unit, make_user
from hocvuso.units.models import Kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_wards_officer_downloads_then_erases_a_members_data(phone, live_server):
    page = phone
    province = make_unit(Kind.TINH, "11", "Tỉnh Điện Biên")
    ward = make_unit(Kind.PHUONG, "03127", "Phường Điện Biên Phủ", parent=province)
    quarter = make_unit(Kind.TO_DAN_PHO, "03127-01", "Tổ dân phố 1", parent=ward)
    team = Team.objects.create(name="Tổ CNSCĐ Tổ dân phố 1", level=TeamLevel.VILLAGE, unit=quarter)
    member = Member.objects.create(full_name="Lò Thị Hoa", phone="0912345678", commune=ward)
    Membership.objects.create(team=team, member=member, role=Role.MEMBER)
    officer = make_user("phuongdbp", UserRole.COMMUNE_OFFICER, ward)

    log_in(page, live_server, officer)
    page.goto(f"{live_server.url}{reverse('teams:change_member', args=[team.pk, member.pk])}")
    page.get_by_role("link", name="Dữ liệu cá nhân").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dữ liệu cá nhân: Lò Thị Hoa")
    assert fits(page)
    screenshot(page, "du-lieu-ca-nhan-dien-thoai")

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về JSON").click()
    held = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert "0912345678" in json.dumps(held, ensure_ascii=False)

    # Nothing is erased without the tick.
    page.get_by_role("button", name="Xóa dữ liệu cá nhân").click()
    member.refresh_from_db()
    assert member.full_name == "Lò Thị Hoa"
    page.get_by_label("Tôi xác nhận xóa dữ liệu cá nhân của Lò Thị Hoa").check()
    page.get_by_role("button", name="Xóa dữ liệu cá nhân").click()
    expect(page.get_by_text("Dữ liệu cá nhân của thành viên này đã được xóa.")).to_be_visible()
    member.refresh_from_db()
    assert (member.phone, "Hoa" in member.full_name) == ("", False)
    screenshot(page, "du-lieu-ca-nhan-da-xoa-dien-thoai")
