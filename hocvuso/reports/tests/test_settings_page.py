"""The commune's settings page: its facts and its report's header, signer and recipients."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hocvuso.accounts.models import UserRole
from hocvuso.reports.models import Report, ReportSettings
from hocvuso.reports.services import create_report, current_snapshot
from hocvuso.reports.setup import save_settings
from hocvuso.testing import make_unit, make_user
from hocvuso.units.facts import commune_facts
from hocvuso.units.models import Kind, UnitSettings

from .helpers import settings_form

URL = reverse("reports:settings")
# Words of another unit, or of a city, that a ward of a "tỉnh" must never be offered.
FOREIGN = ["Hải Phòng", "Chí Minh", "thành phố", "THÀNH PHỐ", "UBND xã", " XÃ ", "thôn"]


@pytest.fixture
def ward(world):
    """Phường Mường Thanh of Tỉnh Điện Biên, with tổ dân phố, and its officer."""
    province = make_unit(Kind.TINH, "11", "Tỉnh Điện Biên")
    ward = make_unit(Kind.PHUONG, "03127", "Phường Mường Thanh", province)
    make_unit(Kind.TO_DAN_PHO, "03127-01", "Tổ dân phố 1", ward)
    ward.officer = make_user("muongthanh", UserRole.COMMUNE_OFFICER, ward)
    return ward


def filled(**changes) -> dict:
    """What the page posts for Chí Minh, with `changes` ("header-signer_name": "…")."""
    data = {
        "facts-service_centre": "Trung tâm Dịch vụ sự nghiệp công xã",
        "facts-portal": "",
        "facts-local_apps": "",
        "facts-programmes": "",
        "header-parent_agency": "",
        "header-agency": "ỦY BAN NHÂN DÂN\nXÃ CHÍ MINH",
        "header-agency_short": "UBND xã Chí Minh",
        "header-place_name": "Chí Minh",
        "header-symbol": "BC-UBND",
        "header-addressee": "Sở Khoa học và Công nghệ thành phố Hải Phòng",
        "header-recipients": "Sở KH&CN thành phố\nLãnh đạo UBND xã\nLưu: VT",
        "header-signer_authority": "KT. CHỦ TỊCH",
        "header-signer_title": "PHÓ CHỦ TỊCH",
        "header-signer_name": "Nguyễn Văn Chung",
    }
    return data | changes


def test_a_new_ward_sees_defaults_in_its_own_words(client, ward):
    client.force_login(ward.officer)
    html = client.get(URL).content.decode()
    form = settings_form(html)
    assert "<h1>Thiết lập của phường Mường Thanh</h1>" in html
    assert 'placeholder="Trung tâm Phục vụ hành chính công phường"' in form
    assert 'placeholder="Cổng thông tin điện tử phường"' in form
    assert "ỦY BAN NHÂN DÂN\nPHƯỜNG MƯỜNG THANH</textarea>" in form
    assert 'value="UBND phường Mường Thanh"' in form
    assert 'value="Sở Khoa học và Công nghệ tỉnh Điện Biên"' in form
    assert "Sở KH&amp;CN tỉnh\nLãnh đạo UBND phường\nLưu: VT</textarea>" in form
    # Its province has no apps of its own: nothing to offer; the national programme.
    assert 'placeholder="Đề án 06"' in form
    assert "Để trống để dùng danh sách của tỉnh." in form
    for word in FOREIGN:
        assert not re.search(rf"(?<!\w){word}(?!\w)", form), word


def test_a_commune_is_offered_its_provinces_apps_until_it_names_its_own(client, world):
    UnitSettings.objects.create(
        unit=world.haiphong, local_apps="ứng dụng Công dân số Smart Hải Phòng"
    )
    client.force_login(world.commune)
    form = settings_form(client.get(URL).content.decode())
    assert 'placeholder="ứng dụng Công dân số Smart Hải Phòng"' in form
    assert "Để trống để dùng danh sách của thành phố." in form


def test_the_officer_saves_both_with_their_name_in_the_audit_log(client, world):
    commune = world.chiminh.commune
    client.force_login(world.commune)
    data = filled(**{"facts-local_apps": "ứng dụng A\nứng dụng B", "facts-programmes": "Đề án 06"})
    response = client.post(URL, data)
    assert response.status_code == 302 and response.url == URL
    facts = commune_facts(commune)
    assert facts.service_centre == "Trung tâm Dịch vụ sự nghiệp công xã"
    assert facts.local_apps == ["ứng dụng A", "ứng dụng B"]
    assert facts.portal == "Cổng thông tin điện tử xã"  # left empty: the default
    saved = ReportSettings.objects.get(commune=commune)
    assert (saved.signer_authority, saved.signer_name) == ("KT. CHỦ TỊCH", "Nguyễn Văn Chung")
    for record in (saved, UnitSettings.objects.get(unit=commune)):
        entry = LogEntry.objects.get_for_object(record).get()
        assert entry.actor == world.commune
    html = client.get(URL).content.decode()
    assert "Đã lưu thiết lập." in html
    assert "Trung tâm Dịch vụ sự nghiệp công xã" in settings_form(html)


def test_the_report_reads_the_edited_settings(client, world):
    commune = world.chiminh.commune
    report = create_report(commune, start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31))
    assert current_snapshot(report)["signature"]["name"] == ""
    client.force_login(world.commune)
    client.post(URL, filled(**{"header-signer_name": "Phạm Thị Hoa"}))
    snapshot = current_snapshot(Report.objects.get(pk=report.pk))
    assert snapshot["signature"] == {
        "authority": "KT. CHỦ TỊCH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Phạm Thị Hoa",
    }
    assert snapshot["recipients"] == ["Sở KH&CN thành phố", "Lãnh đạo UBND xã", "Lưu: VT"]


def test_errors_are_in_vietnamese_and_nothing_is_saved(client, world):
    client.force_login(world.commune)
    data = filled(**{"header-signer_name": "", "facts-portal": "x" * 151})
    html = client.post(URL, data).content.decode()
    assert "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới." in html
    assert "Hãy nhập “Họ tên người ký”." in html
    assert "“Tên cổng thông tin điện tử” tối đa 150 ký tự (đang có 151)." in html
    assert not UnitSettings.objects.filter(unit=world.chiminh.commune).exists()
    assert not ReportSettings.objects.filter(commune=world.chiminh.commune).exists()


@pytest.mark.parametrize("persona", ["leader", "member", "city"])
def test_team_leaders_members_and_the_city_are_refused(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, filled()).status_code == 403
    assert not ReportSettings.objects.exists()


def test_another_communes_officer_cannot_reach_it(client, world):
    url = reverse("reports:settings_of", args=[world.chiminh.commune.pk])
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, filled()).status_code == 404
    assert not ReportSettings.objects.filter(commune=world.chiminh.commune).exists()
    # Their own page is theirs.
    html = client.get(URL).content.decode()
    assert "Thiết lập của xã Tân Kỳ" in html and "Chí Minh" not in settings_form(html)


def test_the_service_refuses_anyone_but_the_communes_officer(world):
    with pytest.raises(PermissionDenied):
        save_settings(world.outsider, world.chiminh.commune, {}, filled())
    with pytest.raises(PermissionDenied):
        save_settings(world.city, world.chiminh.commune, {}, filled())


def test_an_administrator_edits_any_commune(client, world):
    client.force_login(world.admin)
    url = reverse("reports:settings_of", args=[world.farward.commune.pk])
    assert "Thiết lập của xã Hoàn Kiếm" in client.get(url).content.decode()
    data = filled(**{"header-agency_short": "UBND xã Hoàn Kiếm"})
    assert client.post(url, data).status_code == 302
    saved = ReportSettings.objects.get(commune=world.farward.commune)
    assert saved.agency_short == "UBND xã Hoàn Kiếm"


def test_the_report_page_and_the_menu_link_it(client, world):
    client.force_login(world.commune)
    html = client.get(reverse("reports:index")).content.decode()
    assert f'href="{URL}" id="settings-link"' in html
    assert f'href="{URL}">Thiết lập</a>' in html
