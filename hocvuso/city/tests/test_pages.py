"""The city officer's pages: requests, completeness, reminders, review, the city's report."""

import datetime
import io
import subprocess

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document as Docx
from openpyxl import load_workbook

from hocvuso.accounts.models import UserRole
from hocvuso.city.models import EventAction, Reminder, SubmissionStatus
from hocvuso.city.services import review, submit_report
from hocvuso.core.periods import PeriodKind
from hocvuso.reports import output
from hocvuso.reports.models import RenderJob, RenderStatus, ReportRequest, ReportStatus
from hocvuso.reports.services import cancel_report, create_report, issue_report
from hocvuso.test_tools import require_tool
from hocvuso.testing import make_commune, make_file, make_user

from .requests import DEADLINE, ISSUED, ask, at


@pytest.fixture(autouse=True)
def may_20():
    with time_machine.travel(at(datetime.date(2026, 5, 20)), tick=False):
        yield


@pytest.fixture
def request_q2(world):
    return ask(world.city, world.haiphong, quarter=2)


def issued_report(commune, request):
    return issue_report(create_report(commune, request=request, report_date=ISSUED))


def send(world, request, commune=None, officer=None):
    commune = commune or world.chiminh.commune
    return submit_report(officer or world.commune, request, issued_report(commune, request))


def form_data(**changes):
    data = {
        "number_symbol": "1885/SKHCN-TTTT",
        "issued_on": "2026-05-15",
        "subject": "về việc báo cáo kết quả triển khai phong trào “Bình dân học vụ số”",
        "period_kind": "quarter",
        "year": "2026",
        "quarter": "2",
        "deadline": "2026-05-25",
        "to_all": "1",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# The requests and the new request form


def test_it_lists_the_citys_requests_with_what_came_in(client, world, request_q2):
    send(world, request_q2)
    client.force_login(world.city)
    response = client.get(reverse("city:requests"))
    text = response.content.decode()
    assert "1885/SKHCN-TTTT" in text and "1/2 đơn vị" in text
    assert "15/03/2026 – 14/06/2026" in text


def test_the_list_takes_the_same_queries_for_many_requests(
    client, world, request_q2, django_assert_max_num_queries
):
    client.force_login(world.city)
    client.get(reverse("city:requests"))
    for number in range(1886, 1896):
        ask(world.city, world.haiphong, number=number, month=5)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("city:requests"))
    assert response.content.decode().count("SKHCN-TTTT") >= 11


def test_it_creates_a_quarterly_request_to_every_commune_of_the_city(client, world):
    client.force_login(world.city)
    response = client.post(reverse("city:new_request"), form_data())
    request = ReportRequest.objects.get()
    assert response.url == reverse("city:request", args=[request.pk])
    assert (request.number, request.symbol) == (1885, "SKHCN-TTTT")
    assert (request.period_start, request.period_end) == (
        datetime.date(2026, 3, 15),
        datetime.date(2026, 6, 14),
    )
    assert (request.period_kind, request.period_number) == (PeriodKind.QUARTER, 2)
    assert set(request.communes.all()) == {world.chiminh.commune, world.tanky.commune}
    assert request.province == world.haiphong


def test_it_shows_the_period_before_saving(client, world):
    client.force_login(world.city)
    response = client.post(reverse("city:new_request"), form_data(preview="1"))
    assert response.status_code == 200
    assert "Kỳ báo cáo: 15/03/2026 – 14/06/2026" in response.content.decode()
    assert not ReportRequest.objects.exists()
    # The fragment that the page's script swaps in as the officer changes the period.
    fragment = client.get(
        reverse("city:period_preview"), {"period_kind": "month", "year": "2026", "month": "1"}
    ).content.decode()
    assert "Kỳ báo cáo: 15/12/2025 – 14/01/2026" in fragment and "tháng 1/2026" in fragment
    fragment = client.get(
        reverse("city:period_preview"), {"period_kind": "month", "year": "2026"}
    ).content.decode()
    assert "Hãy chọn tháng" in fragment


def test_the_form_opens_on_the_current_quarter(client, world):
    client.force_login(world.city)
    text = client.get(reverse("city:new_request")).content.decode()
    assert "Kỳ báo cáo: 15/03/2026 – 14/06/2026" in text


def test_it_sends_a_request_to_the_chosen_communes_only(client, world):
    client.force_login(world.city)
    client.post(
        reverse("city:new_request"),
        form_data(to_all="0", communes=[world.tanky.commune.pk], period_kind="custom",
                  period_start="2026-01-01", period_end="2026-04-30"),
    )  # fmt: skip
    request = ReportRequest.objects.get()
    assert list(request.communes.all()) == [world.tanky.commune]
    assert (request.period_start, request.period_end) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 4, 30),
    )


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"number_symbol": "SKHCN-TTTT"}, "không đúng dạng số/ký hiệu"),
        ({"deadline": "2026-05-01"}, "Hạn gửi báo cáo phải sau ngày ban hành"),
        ({"quarter": ""}, "Hãy chọn quý"),
        ({"period_kind": "custom", "quarter": None}, "Hãy nhập đủ “Từ ngày” và “Đến ngày”"),
        ({"to_all": "0"}, "Hãy chọn ít nhất một đơn vị"),
        ({"deadline": ""}, "bắt buộc"),
    ],
)
def test_it_explains_what_is_wrong_in_vietnamese_and_saves_nothing(client, world, changes, message):
    client.force_login(world.city)
    response = client.post(reverse("city:new_request"), form_data(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReportRequest.objects.exists()


def test_a_commune_of_another_city_is_refused(client, world):
    client.force_login(world.city)
    response = client.post(
        reverse("city:new_request"), form_data(to_all="0", communes=[world.farward.commune.pk])
    )
    assert response.status_code == 200
    assert not ReportRequest.objects.exists()


# The completeness page


def test_the_completeness_page_shows_the_totals_and_the_missing_first(client, world, request_q2):
    third = make_commune(world.haiphong, "11133", "Quang Phục")
    request_q2.communes.add(third.commune)
    send(world, request_q2)
    with time_machine.travel(at(DEADLINE + datetime.timedelta(days=2)), tick=False):
        send(world, request_q2, world.tanky.commune, world.outsider)
    client.force_login(world.city)
    response = client.get(reverse("city:request", args=[request_q2.pk]))
    result = response.context["result"]
    assert (result.expected, result.sent, result.on_time) == (3, 2, 1)
    names = [row.commune.name for row in response.context["rows"]]
    assert names == ["Xã Quang Phục", "Xã Tân Kỳ", "Xã Chí Minh"]
    text = response.content.decode()
    assert "66,7%" in text and "33,3%" in text
    assert "Muộn" in text and "Đúng hạn" in text and "Chưa gửi" in text


def test_the_completeness_page_takes_the_same_queries_for_more_communes(
    client, world, request_q2, django_assert_max_num_queries
):
    send(world, request_q2)
    client.force_login(world.city)
    url = reverse("city:request", args=[request_q2.pk])
    client.get(url)
    with django_assert_max_num_queries(20) as before:
        client.get(url)
    for i in range(5):
        commune = make_commune(world.haiphong, f"1120{i}", f"Xã thử {i}", villages=1).commune
        request_q2.communes.add(commune)
        Reminder.objects.create(
            request=request_q2, commune=commune, sent_at=timezone.now(), message="Nhắc"
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert len(client.get(url).context["rows"]) == 7


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("name", ["Xã Chí Minh", "Xã Quang Phục", "Xã Tân Kỳ"]),
        ("-name", ["Xã Tân Kỳ", "Xã Quang Phục", "Xã Chí Minh"]),
        ("code", ["Xã Chí Minh", "Xã Tân Kỳ", "Xã Quang Phục"]),
        ("-sent", ["Xã Tân Kỳ", "Xã Chí Minh", "Xã Quang Phục"]),
        ("on_time", ["Xã Quang Phục", "Xã Tân Kỳ", "Xã Chí Minh"]),
        ("-status", ["Xã Chí Minh", "Xã Tân Kỳ", "Xã Quang Phục"]),
        ("-reminders", ["Xã Quang Phục", "Xã Tân Kỳ", "Xã Chí Minh"]),
        ("nonsense", ["Xã Quang Phục", "Xã Tân Kỳ", "Xã Chí Minh"]),
    ],
)
def test_the_table_sorts_by_each_column(client, world, request_q2, sort, expected):
    third = make_commune(world.haiphong, "11133", "Quang Phục")
    request_q2.communes.add(third.commune)
    review(world.city, send(world, request_q2), accept=True)
    Reminder.objects.create(
        request=request_q2, commune=third.commune, sent_at=timezone.now(), message="Nhắc"
    )
    with time_machine.travel(at(DEADLINE + datetime.timedelta(days=2)), tick=False):
        send(world, request_q2, world.tanky.commune, world.outsider)
    client.force_login(world.city)
    response = client.get(reverse("city:request", args=[request_q2.pk]), {"sort": sort})
    assert [row.commune.name for row in response.context["rows"]] == expected


@pytest.fixture
def four_answers(world, request_q2):
    """Chí Minh accepted, Tân Kỳ sent late and waiting, Quang Phục returned, Yên Hưng silent."""
    review(world.city, send(world, request_q2), accept=True)
    with time_machine.travel(at(DEADLINE + datetime.timedelta(days=2)), tick=False):
        send(world, request_q2, world.tanky.commune, world.outsider)
    third = make_commune(world.haiphong, "11133", "Quang Phục")
    fourth = make_commune(world.haiphong, "11134", "Yên Hưng")
    request_q2.communes.add(third.commune, fourth.commune)
    officer = make_user("xaquangphuc", UserRole.COMMUNE_OFFICER, third.commune)
    review(
        world.city, send(world, request_q2, third.commune, officer), accept=False, reason="Sai số"
    )
    return request_q2


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "quang phuc"}, ["Xã Quang Phục"]),  # without tones, as typed on a phone
        ({"q": "Tân"}, ["Xã Tân Kỳ"]),
        ({"q": "1113"}, ["Xã Yên Hưng", "Xã Tân Kỳ", "Xã Chí Minh", "Xã Quang Phục"]),
        ({"q": "11134"}, ["Xã Yên Hưng"]),
        ({"trang-thai": "chua-gui"}, ["Xã Yên Hưng"]),
        ({"trang-thai": "cho-duyet"}, ["Xã Tân Kỳ"]),
        ({"trang-thai": "tra-lai"}, ["Xã Quang Phục"]),
        ({"trang-thai": "da-tiep-nhan"}, ["Xã Chí Minh"]),
        ({"trang-thai": "muon"}, ["Xã Tân Kỳ"]),
        ({"trang-thai": "muon", "q": "chi minh"}, []),
        ({"trang-thai": "nonsense"}, ["Xã Yên Hưng", "Xã Tân Kỳ", "Xã Chí Minh", "Xã Quang Phục"]),
        ({"q": "", "sort": "name"}, ["Xã Chí Minh", "Xã Quang Phục", "Xã Tân Kỳ", "Xã Yên Hưng"]),
    ],
)
def test_the_table_finds_communes_by_name_code_and_state(
    client, world, four_answers, params, expected
):
    client.force_login(world.city)
    response = client.get(reverse("city:request", args=[four_answers.pk]), params)
    assert [row.commune.name for row in response.context["rows"]] == expected
    # The totals stay those of the whole request.
    assert response.context["result"].expected == 4


def test_the_filters_say_how_many_and_keep_the_search_when_sorting(client, world, four_answers):
    client.force_login(world.city)
    url = reverse("city:request", args=[four_answers.pk])
    text = client.get(url, {"q": "xa", "trang-thai": "chua-gui"}).content.decode()
    assert "Đang hiện 1/4 đơn vị." in text
    assert '<option value="chua-gui" selected>Chưa gửi (1)</option>' in text
    assert "Trả lại để sửa (1)" in text and "Gửi muộn (1)" in text
    assert 'href="?q=xa&amp;trang-thai=chua-gui&amp;sort=name"' in text
    text = client.get(url, {"q": "không có xã này"}).content.decode()
    assert "Không có đơn vị nào khớp với điều kiện tìm." in text


def test_the_completeness_table_downloads_as_xlsx(client, world, request_q2):
    send(world, request_q2)
    client.force_login(world.city)
    response = client.get(reverse("city:completeness_xlsx", args=[request_q2.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    cells = {str(c.value) for sheet in book for row in sheet.iter_rows() for c in row}
    assert {"Xã Chí Minh", "Xã Tân Kỳ"} <= cells


def test_a_reminder_goes_to_the_late_communes_and_is_recorded(client, world, request_q2):
    send(world, request_q2)
    client.force_login(world.city)
    response = client.post(
        reverse("city:remind", args=[request_q2.pk]), {"message": "Đề nghị gửi trước 25/5."}
    )
    assert response.url == reverse("city:request", args=[request_q2.pk])
    reminder = Reminder.objects.get()
    assert (reminder.commune, reminder.sent_by, reminder.message) == (
        world.tanky.commune,
        world.city,
        "Đề nghị gửi trước 25/5.",
    )
    text = client.get(response.url).content.decode()
    assert "Đã nhắc 1 đơn vị chưa gửi báo cáo." in text


# Review


def test_the_city_reads_the_report_and_its_history(client, world, request_q2):
    submission = send(world, request_q2)
    client.force_login(world.city)
    response = client.get(reverse("city:submission", args=[submission.pk]))
    text = response.content.decode()
    assert "Xã Chí Minh" in text and "Gửi báo cáo" in text and "xachiminh" in text
    assert "Tiếp nhận" in text and "Trả lại" in text
    response = client.get(reverse("city:submission_download", args=[submission.pk, "docx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Docx(io.BytesIO(response.content)).paragraphs)
    assert "1885/SKHCN-TTTT" in text


def test_a_return_needs_a_reason_and_is_recorded(client, world, request_q2):
    submission = send(world, request_q2)
    client.force_login(world.city)
    url = reverse("city:submission", args=[submission.pk])
    response = client.post(url, {"decision": "return", "reason": "  "})
    assert "Hãy ghi lý do trả lại" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    client.post(url, {"decision": "return", "reason": "Thiếu số liệu lớp học số."})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    event = submission.events.last()
    assert (event.action, event.by, event.reason) == (
        EventAction.RETURNED,
        world.city,
        "Thiếu số liệu lớp học số.",
    )
    assert "Thiếu số liệu lớp học số." in client.get(url).content.decode()


def test_the_city_accepts_a_report(client, world, request_q2):
    submission = send(world, request_q2)
    client.force_login(world.city)
    url = reverse("city:submission", args=[submission.pk])
    response = client.post(url, {"decision": "accept"})
    assert response.url == url
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED and submission.reviewed_by == world.city
    text = client.get(url).content.decode()
    assert "Đã tiếp nhận báo cáo của Xã Chí Minh." in text
    assert 'id="accept"' not in text
    # A second decision on an accepted report is refused, and said so.
    response = client.post(url, {"decision": "return", "reason": "Muộn"}, follow=True)
    assert "Chỉ duyệt được báo cáo đang chờ duyệt." in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED


# The city's report


def test_the_city_report_page_shows_the_accepted_figures_and_the_missing(client, world, request_q2):
    review(world.city, send(world, request_q2), accept=True)
    client.force_login(world.city)
    response = client.get(reverse("city:city_report", args=[request_q2.pk]))
    text = response.content.decode()
    assert response.context["figures"]["reported"] == 1
    assert "1/2" in text and "Chưa gửi báo cáo" in text and "Xã Tân Kỳ" in text


def made_file(client, page, content_type: str) -> bytes:
    """The file of a job's page, once the worker has made it."""
    job = RenderJob.objects.latest("pk")
    download = reverse("reports:render_download", args=[job.pk])
    assert job.status == RenderStatus.DONE, job.error
    assert f"Đã tạo xong {job.file_label}" in page.content.decode()
    assert f'href="{download}"' in page.content.decode()
    response = client.get(download)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].endswith(f'.{job.fmt}"')
    return b"".join(response.streaming_content)


def test_the_city_report_docx_and_xlsx_are_made_by_the_worker(
    client, world, request_q2, settings, tmp_path
):
    settings.EXPORT_ROOT = tmp_path
    review(world.city, send(world, request_q2), accept=True)
    client.force_login(world.city)
    page = make_file(client, reverse("city:city_report_download", args=[request_q2.pk, "docx"]))
    assert "Đã tạo xong tệp Word" in page.content.decode()
    document = Docx(io.BytesIO(made_file(client, page, output.CONTENT_TYPES["docx"])))
    text = "\n".join(
        [p.text for p in document.paragraphs] + [c.text for t in document.tables for c in t._cells]
    )
    assert "Chí Minh" in text
    page = make_file(client, reverse("city:city_report_download", args=[request_q2.pk, "xlsx"]))
    assert "Đã tạo xong tệp Excel" in page.content.decode()
    book = load_workbook(io.BytesIO(made_file(client, page, output.CONTENT_TYPES["xlsx"])))
    cells = {str(c.value) for sheet in book for row in sheet.iter_rows() for c in row}
    assert "Xã Chí Minh" in cells
    jobs = RenderJob.objects.order_by("pk")
    assert [(job.kind, job.options, job.user) for job in jobs] == [
        ("city_report", {"charts": True, "fmt": "docx"}, world.city),
        ("city_report", {"fmt": "xlsx"}, world.city),
    ]
    assert (
        client.get(reverse("city:city_report_download", args=[request_q2.pk, "odt"])).status_code
        == 404
    )


def pdf_file(client, page) -> bytes:
    return made_file(client, page, "application/pdf")


@pytest.mark.system
def test_the_city_report_pdf_is_made_by_the_worker(client, world, request_q2, settings, tmp_path):
    require_tool("soffice", "libreoffice")
    require_tool("pdftotext")
    settings.EXPORT_ROOT = tmp_path
    review(world.city, send(world, request_q2), accept=True)
    client.force_login(world.city)
    page = client.get(reverse("city:city_report", args=[request_q2.pk])).content.decode()
    url = reverse("city:city_report_download", args=[request_q2.pk, "pdf"])
    assert f'href="{url}"' in page
    page = make_file(client, url)
    assert f'href="{reverse("city:city_report", args=[request_q2.pk])}"' in page.content.decode()
    content = pdf_file(client, page)
    assert content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    assert "Chí Minh" in text and "Tân Kỳ" in text
    job = RenderJob.objects.get()
    assert (job.kind, job.object_id, job.options) == (
        "city_report",
        request_q2.pk,
        {"charts": True},
    )


def test_a_submission_pdf_is_made_by_the_worker(
    client, world, request_q2, settings, tmp_path, monkeypatch
):
    settings.EXPORT_ROOT = tmp_path
    # A converter that answers at once (the city report's test runs LibreOffice).
    monkeypatch.setattr(output, "docx_to_pdf", lambda docx: b"%PDF-1.7 fake")
    submission = send(world, request_q2)
    client.force_login(world.city)
    url = reverse("city:submission_download", args=[submission.pk, "pdf"])
    assert (
        f'href="{url}"'
        in client.get(reverse("city:submission", args=[submission.pk])).content.decode()
    )
    page = make_file(client, url)
    assert pdf_file(client, page) == b"%PDF-1.7 fake"
    job = RenderJob.objects.get()
    assert (job.kind, job.object_id, job.user) == ("submission", submission.pk, world.city)
    # The commune's officer, who sent it, does not get the city's file.
    client.force_login(world.commune)
    assert client.get(reverse("reports:render_download", args=[job.pk])).status_code == 404


def test_without_libreoffice_the_city_report_page_says_so_in_vietnamese(
    client, world, request_q2, monkeypatch, tmp_path, settings
):
    settings.EXPORT_ROOT = tmp_path / "exports"
    # A server without LibreOffice: nothing on its PATH.
    monkeypatch.setenv("PATH", str(tmp_path))
    client.force_login(world.city)
    page = make_file(client, reverse("city:city_report_download", args=[request_q2.pk, "pdf"]))
    text = page.content.decode()
    assert "Chưa tạo được tệp PDF" in text
    assert "Không tìm thấy LibreOffice" in text and "Hãy tải bản Word (.docx)" in text
    assert RenderJob.objects.get().status == RenderStatus.FAILED


# Who may see what


def city_urls(request, submission):
    return [
        reverse("city:request", args=[request.pk]),
        reverse("city:completeness_xlsx", args=[request.pk]),
        reverse("city:city_report", args=[request.pk]),
        reverse("city:city_report_download", args=[request.pk, "xlsx"]),
        reverse("city:submission", args=[submission.pk]),
        reverse("city:submission_download", args=[submission.pk, "docx"]),
    ]


def test_a_city_officer_of_another_city_sees_nothing_of_hai_phong(client, world, request_q2):
    submission = send(world, request_q2)
    hanoi = make_user("sokhcnhanoi", UserRole.CITY_OFFICER, world.hanoi)
    client.force_login(hanoi)
    assert "1885/SKHCN-TTTT" not in client.get(reverse("city:requests")).content.decode()
    for url in city_urls(request_q2, submission):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("city:remind", args=[request_q2.pk])).status_code == 404
    response = client.post(reverse("city:submission", args=[submission.pk]), {"decision": "accept"})
    assert response.status_code == 404
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert not Reminder.objects.exists()


@pytest.mark.parametrize("persona", ["commune", "leader", "member", "outsider"])
def test_only_city_officers_come_in(client, world, request_q2, persona):
    submission = send(world, request_q2)
    client.force_login(getattr(world, persona))
    urls = [reverse("city:requests"), reverse("city:new_request"), reverse("city:period_preview")]
    for url in urls + city_urls(request_q2, submission):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("city:submission", args=[submission.pk]), {"decision": "accept"})
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_a_superuser_sees_every_city(client, world, request_q2):
    client.force_login(world.admin)
    assert "1885/SKHCN-TTTT" in client.get(reverse("city:requests")).content.decode()
    assert client.get(reverse("city:request", args=[request_q2.pk])).status_code == 200
    response = client.post(
        reverse("city:new_request"), form_data(province=world.hanoi.pk, number_symbol="7/SKHCN")
    )
    request = ReportRequest.objects.get(number=7)
    assert response.url == reverse("city:request", args=[request.pk])
    assert list(request.communes.all()) == [world.farward.commune]


def test_the_navigation_links_the_city_pages_for_city_officers_only(client, world):
    client.force_login(world.city)
    assert reverse("city:requests") in client.get(reverse("reports:index")).content.decode()
    client.force_login(world.commune)
    assert reverse("city:requests") not in client.get(reverse("reports:index")).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("city:requests"))
    assert response.status_code == 302 and "/dang-nhap/" in response.url


# A cancelled report


def test_an_accepted_report_is_not_cancelled_until_the_city_returns_it(client, world, request_q2):
    submission = send(world, request_q2)
    review(world.city, submission, accept=True)
    client.force_login(world.commune)
    url = reverse("reports:cancel", args=[submission.report_id])
    response = client.post(url, {"reason": "Sai số liệu"}, follow=True)
    text = response.content.decode()
    assert "tiếp nhận nên không hủy được" in text and "trả lại báo cáo trước khi hủy" in text
    submission.report.refresh_from_db()
    assert submission.report.status == ReportStatus.SENT


def test_a_returned_report_is_cancelled_and_another_one_sent(world, request_q2):
    submission = send(world, request_q2)
    review(world.city, submission, accept=False, reason="Sai kỳ báo cáo")
    cancel_report(submission.report, world.commune, "Lập lại báo cáo đúng kỳ")
    with pytest.raises(ValidationError, match="đã hủy"):
        submit_report(world.commune, request_q2, submission.report)
    assert send(world, request_q2).status == SubmissionStatus.SUBMITTED


def test_the_city_sees_a_cancelled_report_and_does_not_accept_it(client, world, request_q2):
    submission = send(world, request_q2)
    cancel_report(submission.report, world.commune, "Nhầm kỳ báo cáo")
    client.force_login(world.city)
    url = reverse("city:submission", args=[submission.pk])
    text = client.get(url).content.decode()
    assert "Đơn vị đã hủy báo cáo này" in text and "Nhầm kỳ báo cáo" in text
    assert 'id="accept"' not in text
    response = client.post(url, {"decision": "accept"}, follow=True)
    assert "không tiếp nhận được" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    text = client.get(reverse("city:request", args=[request_q2.pk])).content.decode()
    assert "Đơn vị đã hủy báo cáo" in text
    # The commune sees the request to answer again, with its report cancelled.
    client.force_login(world.commune)
    text = client.get(reverse("reports:index")).content.decode()
    assert "Báo cáo đã hủy" in text
