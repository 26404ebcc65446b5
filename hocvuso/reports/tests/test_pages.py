"""The commune officer's report pages."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from docx import Document as Docx

from hocvuso.accounts.models import UserRole
from hocvuso.reports.models import Report, ReportStatus
from hocvuso.testing import make_user
from hocvuso.units.models import Kind, Level, Unit

from .helpers import END, START, ask_for_report


@pytest.fixture
def request_1885(world):
    request = ask_for_report(world.haiphong, deadline=datetime.date(2099, 6, 10))
    # The city's request goes to every commune of the city.
    request.communes.set(world.haiphong.communes())
    return request


def create(client, **data):
    return client.post(reverse("reports:index"), {"report_date": "2026-06-05", **data})


def test_it_shows_the_waiting_request_with_the_days_left(client, world, request_1885):
    client.force_login(world.commune)
    text = client.get(reverse("reports:index")).content.decode()
    assert "1885/SKHCN-TTTT" in text and "còn" in text


def test_it_creates_a_draft_that_answers_a_request(client, world, request_1885):
    client.force_login(world.commune)
    response = create(client, commune=world.chiminh.commune.pk, request=request_1885.pk)
    report = Report.objects.get()
    assert response.url == reverse("reports:detail", args=[report.pk])
    assert (report.period_start, report.period_end, report.request) == (START, END, request_1885)
    assert report.created_by == world.commune


def test_a_ward_whose_id_has_four_digits_makes_its_report(client, world):
    # In production the communes' ids run into the thousands: the form must post back
    # "1234", never the localized "1.234", which names no commune.
    ward = Unit.objects.create(
        pk=1234,
        level=Level.COMMUNE,
        kind=Kind.PHUONG,
        code="11311",
        name="Phường Hồng Bàng",
        short_name="Hồng Bàng",
        parent=world.haiphong,
    )
    client.force_login(make_user("honghbang", UserRole.COMMUNE_OFFICER, ward))
    text = client.get(reverse("reports:index")).content.decode()
    commune = re.search(r'name="commune" value="([^"]*)"', text).group(1)
    assert commune == "1234"
    create(client, commune=commune, period_start="2026-01-01", period_end="2026-05-31")
    assert Report.objects.get().commune == ward


def test_it_explains_in_vietnamese_what_is_missing(client, world):
    client.force_login(world.commune)
    response = create(client, commune=world.chiminh.commune.pk, period_start="2026-01-01")
    assert "Hãy chọn yêu cầu báo cáo" in response.content.decode()
    response = create(
        client, commune=world.chiminh.commune.pk, period_start="2026-05-01", period_end="2026-01-01"
    )
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert not Report.objects.exists()


def test_it_refuses_a_report_for_another_commune(client, world):
    client.force_login(world.commune)
    response = create(
        client, commune=world.tanky.commune.pk, period_start="2026-01-01", period_end="2026-05-31"
    )
    assert response.status_code == 200
    assert not Report.objects.exists()


def test_the_preview_shows_the_figures_of_the_records(client, world):
    client.force_login(world.commune)
    create(
        client, commune=world.chiminh.commune.pk, period_start="2026-01-01", period_end="2026-05-31"
    )
    response = client.get(reverse("reports:detail", args=[Report.objects.get().pk]))
    assert response.context["figures"]["visits"]["people"] == 4
    text = response.content.decode()
    assert "1. Kết quả tổ chức truyền thông" in text
    assert "Kế hoạch số 41/KH-UBND ngày 19/8/2025" in text


def test_the_officers_text_is_saved_and_appears_in_the_docx(client, world):
    client.force_login(world.commune)
    create(
        client, commune=world.chiminh.commune.pk, period_start="2026-01-01", period_end="2026-05-31"
    )
    report = Report.objects.get()
    client.post(
        reverse("reports:detail", args=[report.pk]),
        {"community__addition": "Ra mắt mô hình “Gia đình số” tại thôn 1."},
    )
    report.refresh_from_db()
    assert report.narrative["community"]["addition"] == "Ra mắt mô hình “Gia đình số” tại thôn 1."
    response = client.get(reverse("reports:download", args=[report.pk, "docx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Docx(io.BytesIO(response.content)).paragraphs)
    assert "Ra mắt mô hình “Gia đình số” tại thôn 1." in text


def test_issuing_numbers_the_report_and_locks_its_text(client, world):
    client.force_login(world.commune)
    create(
        client, commune=world.chiminh.commune.pk, period_start="2026-01-01", period_end="2026-05-31"
    )
    report = Report.objects.get()
    client.post(reverse("reports:issue", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED and report.number == 1
    response = client.post(
        reverse("reports:detail", args=[report.pk]), {"community__addition": "Sửa sau khi ban hành"}
    )
    assert response.status_code == 403
    client.post(reverse("reports:send", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT


def test_the_xlsx_appendix_downloads(client, world):
    client.force_login(world.commune)
    create(
        client, commune=world.chiminh.commune.pk, period_start="2026-01-01", period_end="2026-05-31"
    )
    report = Report.objects.get()
    response = client.get(reverse("reports:download", args=[report.pk, "xlsx"]))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def test_another_commune_cannot_see_or_issue_the_report(client, world):
    client.force_login(world.commune)
    create(
        client, commune=world.chiminh.commune.pk, period_start="2026-01-01", period_end="2026-05-31"
    )
    report = Report.objects.get()
    client.force_login(world.outsider)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:download", args=[report.pk, "docx"])).status_code == 404
    assert client.post(reverse("reports:issue", args=[report.pk])).status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_the_city_officer_reads_but_a_team_leader_cannot(client, world):
    client.force_login(world.commune)
    create(
        client, commune=world.chiminh.commune.pk, period_start="2026-01-01", period_end="2026-05-31"
    )
    report = Report.objects.get()
    client.force_login(world.city)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    assert client.post(reverse("reports:issue", args=[report.pk])).status_code == 403
    client.force_login(world.leader)
    assert client.get(reverse("reports:index")).status_code == 403
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 403


def test_a_commune_uploads_its_own_template_and_a_broken_one_is_refused(
    client, world, tmp_path, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hocvuso.reports.render.docx import DEFAULT_TEMPLATE

    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.commune)
    url = reverse("admin:reports_reportsettings_add")
    fields = {
        "commune": world.chiminh.commune.pk,
        "agency": "ỦY BAN NHÂN DÂN\nXÃ CHÍ MINH",
        "agency_short": "UBND xã Chí Minh",
        "place_name": "Chí Minh",
        "symbol": "BC-UBND",
        "addressee": "Sở Khoa học và Công nghệ thành phố",
        "recipients": "Lưu: VT",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn A",
    }
    broken = SimpleUploadedFile("mau.docx", b"not a docx at all")
    response = client.post(url, {**fields, "template": broken})
    assert response.status_code == 200
    assert "Mẫu báo cáo không hợp lệ" in response.content.decode()
    good = SimpleUploadedFile("mau.docx", DEFAULT_TEMPLATE.read_bytes())
    response = client.post(url, {**fields, "template": good})
    assert response.status_code == 302
    create(
        client, commune=world.chiminh.commune.pk, period_start="2026-01-01", period_end="2026-05-31"
    )
    report = Report.objects.get()
    response = client.get(reverse("reports:download", args=[report.pk, "docx"]))
    cells = [c.text for t in Docx(io.BytesIO(response.content)).tables for c in t._cells]
    assert any("Nguyễn Văn A" in c for c in cells)


def test_a_commune_of_a_tinh_sees_its_provinces_words(client, world):
    from hocvuso.accounts.models import UserRole
    from hocvuso.reports.services import create_report, issue_report
    from hocvuso.testing import make_commune, make_user
    from hocvuso.units.models import Kind, Level, Unit

    province = Unit.objects.create(
        level=Level.PROVINCE,
        kind=Kind.TINH,
        code="12",
        name="Tỉnh Điện Biên",
        short_name="Điện Biên",
    )
    commune = make_commune(province, "12001", "Mường Phăng").commune
    officer = make_user("muongphang", UserRole.COMMUNE_OFFICER, commune)
    # No issuer given: the request is the province's Department's.
    request = ask_for_report(province, number=12, deadline=datetime.date(2099, 6, 10))
    request.communes.set([commune])
    assert request.issuer == "Sở Khoa học và Công nghệ tỉnh Điện Biên"
    client.force_login(officer)
    text = client.get(reverse("reports:index")).content.decode()
    assert "Yêu cầu báo cáo của tỉnh" in text
    assert "của Sở Khoa học và Công nghệ tỉnh Điện Biên" in text
    report = issue_report(create_report(commune, request=request, report_date=END))
    text = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Gửi tỉnh</button>" in text
    assert "để Sở Khoa học và Công nghệ tỉnh Điện Biên được biết./." in text
