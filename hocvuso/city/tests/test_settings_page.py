"""The province's settings page: its facts, the Department's header, its platforms and apps."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from hocvuso.accounts.models import UserRole
from hocvuso.city.render import render_city_docx
from hocvuso.learning.models import CourseParticipation, LearnerGroup, Platform
from hocvuso.reports.models import ReportSettings
from hocvuso.reports.tests.helpers import settings_form
from hocvuso.support.models import Service
from hocvuso.support.services import VisitInput, record_visit
from hocvuso.teams.models import Team, TeamLevel
from hocvuso.testing import make_unit, make_user
from hocvuso.units.facts import province_facts
from hocvuso.units.models import Kind, Level, Unit, UnitSettings

from .requests import ask

URL = reverse("city:settings")


@pytest.fixture
def dien_bien(world):
    """Tỉnh Điện Biên with Xã Mường Phăng (bản, xóm), its city officer and a commune officer."""
    province = make_unit(Kind.TINH, "11", "Tỉnh Điện Biên")
    commune = make_unit(Kind.XA, "03160", "Xã Mường Phăng", province)
    for i, kind in enumerate((Kind.BAN, Kind.BAN, Kind.XOM), 1):
        Unit.objects.create(
            level=Level.VILLAGE,
            kind=kind,
            code=f"03160-{i:02d}",
            name=f"Bản {i}" if kind == Kind.BAN else f"Xóm {i}",
            short_name=str(i),
            parent=commune,
        )
    Team.objects.create(name="Tổ CNSCĐ xã Mường Phăng", level=TeamLevel.COMMUNE, unit=commune)
    province.officer = make_user("sokhcn-db", UserRole.CITY_OFFICER, province)
    province.muong_phang = commune
    province.commune_officer = make_user("muongphang", UserRole.COMMUNE_OFFICER, commune)
    return province


def management(prefix: str, total: int, initial: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def posted(province: Unit, platforms=(), services=(), **changes) -> dict:
    """What the page posts: the defaults of the header, and the rows given.

    `platforms` are (pk or None, name, url, delete); `services` (pk or None, name, short, active).
    """
    data = {
        "facts-department": "",
        "facts-department_short": "",
        "facts-local_apps": "",
        "facts-programmes": "Đề án 06",
        "header-parent_agency": f"UBND {province.name.upper()}",
        "header-agency": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "header-agency_short": "Sở Khoa học và Công nghệ",
        "header-place_name": province.short_name,
        "header-symbol": "BC-SKHCN",
        "header-addressee": "UBND tỉnh",
        "header-recipients": "UBND tỉnh\nLãnh đạo Sở\nLưu: VT",
        "header-signer_authority": "KT. GIÁM ĐỐC",
        "header-signer_title": "PHÓ GIÁM ĐỐC",
        "header-signer_name": "Lò Văn Minh",
    }
    initial = sum(1 for row in platforms if row[0])
    data |= management("platforms", len(platforms), initial)
    for i, (pk, name, url, delete) in enumerate(platforms):
        data |= {f"platforms-{i}-id": pk or "", f"platforms-{i}-name": name}
        data[f"platforms-{i}-url"] = url
        if delete:
            data[f"platforms-{i}-DELETE"] = "on"
    data |= management("services", len(services), sum(1 for row in services if row[0]))
    for i, (pk, name, short, active) in enumerate(services):
        data |= {f"services-{i}-id": pk or "", f"services-{i}-name": name}
        data[f"services-{i}-short_name"] = short
        if active:
            data[f"services-{i}-is_active"] = "on"
    return data | changes


def test_a_new_provinces_page_shows_its_own_defaults(client, dien_bien):
    client.force_login(dien_bien.officer)
    html = client.get(URL).content.decode()
    form = settings_form(html)
    assert "<h1>Thiết lập của tỉnh Điện Biên</h1>" in html
    assert 'placeholder="Sở Khoa học và Công nghệ tỉnh Điện Biên"' in form
    assert 'placeholder="Sở KH&amp;CN tỉnh"' in form
    assert "UBND TỈNH ĐIỆN BIÊN</textarea>" in form
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ</textarea>" in form
    assert 'value="UBND tỉnh"' in form and "UBND tỉnh\nLãnh đạo Sở\nLưu: VT</textarea>" in form
    assert "Các xã của tỉnh Điện Biên ghi lượt học" in form
    # The national platforms are named; Hải Phòng's own are not offered here.
    assert "Nền tảng Bình dân học vụ số" in form
    for word in ("Hải Phòng", "Chí Minh", "thành phố", "THÀNH PHỐ"):
        assert word not in form, word


def test_the_city_officer_saves_everything_and_the_report_reads_it(client, dien_bien):
    client.force_login(dien_bien.officer)
    data = posted(
        dien_bien,
        platforms=[
            (None, "Hệ thống học tập số Điện Biên", "https://hoctap.dienbien.gov.vn", False)
        ],
        services=[(None, "Cài đặt ứng dụng Điện Biên Smart", "Điện Biên Smart", True)],
        **{"facts-local_apps": "ứng dụng Điện Biên Smart", "header-place_name": "Điện Biên Phủ"},
    )
    response = client.post(URL, data)
    assert response.status_code == 302, response.content.decode()
    platform = Platform.objects.get(province=dien_bien)
    assert (platform.name, platform.url) == (
        "Hệ thống học tập số Điện Biên",
        "https://hoctap.dienbien.gov.vn",
    )
    service = Service.objects.get(province=dien_bien)
    assert (service.short_name, service.is_active) == ("Điện Biên Smart", True)
    assert province_facts(dien_bien).local_apps == ["ứng dụng Điện Biên Smart"]
    header = ReportSettings.objects.get(commune=dien_bien)
    for record in (header, platform, service, UnitSettings.objects.get(unit=dien_bien)):
        assert LogEntry.objects.get_for_object(record).get().actor == dien_bien.officer
    request = ask(
        dien_bien.officer,
        dien_bien,
        number=12,
        symbol="SKHCN-VP",
        issued_on=datetime.date(2026, 3, 10),
        deadline=datetime.date(2026, 3, 20),
        month=3,
    )
    doc = Document(io.BytesIO(render_city_docx(request, datetime.date(2026, 3, 30), charts=False)))
    text = "\n".join(p.text for t in doc.tables for c in t._cells for p in c.paragraphs)
    assert "Lò Văn Minh" in text and "Điện Biên Phủ, ngày 30 tháng 3 năm 2026" in text


def test_its_own_service_is_offered_to_its_communes_and_nobody_else(client, world, dien_bien):
    client.force_login(dien_bien.officer)
    data = posted(dien_bien, services=[(None, "Cài đặt Điện Biên Smart", "Điện Biên Smart", True)])
    client.post(URL, data)
    code = Service.objects.get(province=dien_bien).code
    officer = dien_bien.commune_officer
    visit, _ = record_visit(officer, VisitInput(services=[code]))
    assert visit.commune == dien_bien.muong_phang
    with pytest.raises(ValidationError) as error:
        record_visit(officer, VisitInput(services=["smart-haiphong"]))
    assert error.value.message_dict["services"] == [
        "Dịch vụ “Smart Hải Phòng” chỉ dùng ở thành phố Hải Phòng, "
        "không dùng được ở xã Mường Phăng."
    ]
    with pytest.raises(ValidationError):
        record_visit(world.commune, VisitInput(services=[code]))
    # The list of visits filters by the national services and the province's own only.
    client.force_login(officer)
    page = client.get(reverse("overview:visits")).content.decode()
    assert "Điện Biên Smart" in page and "Smart Hải Phòng" not in page


def test_a_used_platform_is_kept_and_an_unused_one_removed(client, dien_bien):
    used = Platform.objects.create(code="db-used", name="Nền tảng A", province=dien_bien)
    spare = Platform.objects.create(code="db-spare", name="Nền tảng B", province=dien_bien)
    CourseParticipation.objects.create(
        commune=dien_bien.muong_phang,
        platform=used,
        group=LearnerGroup.values[0],
        period_start=datetime.date(2026, 3, 1),
        period_end=datetime.date(2026, 3, 31),
        participants=10,
    )
    client.force_login(dien_bien.officer)
    rows = [(used.pk, used.name, "", True), (spare.pk, spare.name, "", True)]
    html = client.post(URL, posted(dien_bien, platforms=rows)).content.decode()
    assert "Nền tảng “Nền tảng A” đã có lượt học được ghi nhận, không xóa được." in html
    # All or nothing: the unused one stays too, and the header was not saved.
    assert Platform.objects.filter(province=dien_bien).count() == 2
    assert not ReportSettings.objects.filter(commune=dien_bien).exists()
    rows = [(used.pk, used.name, "", False), (spare.pk, spare.name, "", True)]
    assert client.post(URL, posted(dien_bien, platforms=rows)).status_code == 302
    assert list(Platform.objects.filter(province=dien_bien)) == [used]


def test_errors_are_in_vietnamese_and_nothing_is_saved(client, dien_bien):
    client.force_login(dien_bien.officer)
    data = posted(
        dien_bien,
        platforms=[(None, "Nền tảng Bình dân học vụ số", "không-phải-địa-chỉ", False)],
        services=[(None, "Dịch vụ mới", "", True)],
        **{"header-agency": ""},
    )
    html = client.post(URL, data).content.decode()
    assert "Hãy nhập “Tên cơ quan ban hành”." in html
    assert "Địa chỉ trang web không hợp lệ" in html
    assert "Hãy nhập tên ngắn hiện trên nút ghi lượt hỗ trợ." in html
    assert not Platform.objects.filter(province=dien_bien).exists()
    data = posted(dien_bien, platforms=[(None, "Nền tảng Bình dân học vụ số", "", False)])
    html = client.post(URL, data).content.decode()
    assert "đã có trong danh mục chung của cả nước" in html
    assert not Platform.objects.filter(province=dien_bien).exists()


def test_another_provinces_rows_cannot_be_edited_from_here(client, world, dien_bien):
    theirs = Service.objects.get(code="smart-haiphong")
    client.force_login(dien_bien.officer)
    data = posted(dien_bien, services=[(theirs.pk, "Đổi tên", "Đổi", True)])
    data["services-INITIAL_FORMS"] = "1"
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "Dịch vụ này không phải của đơn vị." in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.short_name == "Smart Hải Phòng" and theirs.province == world.haiphong
    assert not Service.objects.filter(province=dien_bien).exists()


@pytest.mark.parametrize("persona", ["commune", "leader", "member"])
def test_others_than_city_officers_are_refused(client, world, persona):
    client.force_login(getattr(world, persona))
    assert client.get(URL).status_code == 403


def test_another_provinces_officer_cannot_reach_it(client, world, dien_bien):
    client.force_login(world.city)
    url = reverse("city:settings_of", args=[dien_bien.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, posted(dien_bien)).status_code == 404
    assert not ReportSettings.objects.filter(commune=dien_bien).exists()
    html = client.get(URL).content.decode()
    assert "Thiết lập của thành phố Hải Phòng" in html


def test_an_administrator_edits_any_province(client, world, dien_bien):
    client.force_login(world.admin)
    url = reverse("city:settings_of", args=[dien_bien.pk])
    assert "Thiết lập của tỉnh Điện Biên" in client.get(url).content.decode()
    assert client.post(url, posted(dien_bien)).status_code == 302
    assert ReportSettings.objects.get(commune=dien_bien).signer_name == "Lò Văn Minh"


def test_the_requests_page_and_the_menu_link_it(client, world):
    client.force_login(world.city)
    html = client.get(reverse("city:requests")).content.decode()
    assert f'href="{URL}" id="settings-link"' in html
    assert f'href="{URL}">Thiết lập</a>' in html
