"""The national pages: the Ministry's requests, completeness by province, a province's
answer and its review, the Ministry's report; the province officer's answer pages."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hocvuso.city.models import Submission, SubmissionStatus
from hocvuso.city.tests.requests import at
from hocvuso.reports.models import RenderJob, Report, ReportRequest, ReportStatus
from hocvuso.testing import make_file, make_unit
from hocvuso.testing_units import foreign_words
from hocvuso.units.models import Kind

from .. import views
from .country import country_once, haiphong_answers, national_request


@pytest.fixture(scope="module")
def country(django_db_setup, django_db_blocker):
    with country_once(django_db_blocker) as built:
        yield built


def page(client, user, url, status=200) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_the_ministry_creates_a_request_to_every_province(db, client, country):
    client.force_login(country.ministry)
    form = client.get(reverse("nation:new_request")).content.decode()
    assert "Tất cả các tỉnh, thành phố (3)" in form
    response = client.post(
        reverse("nation:new_request"),
        {
            "number_symbol": "130/BKHCN-CĐS",
            "issued_on": "2026-06-16",
            "subject": "về việc báo cáo quý II",
            "period_kind": "quarter",
            "year": "2026",
            "quarter": "2",
            "deadline": "2026-06-25",
            "to_all": "1",
        },
    )
    req = ReportRequest.objects.national().get(number=130)
    assert response.status_code == 302 and response.url == reverse("nation:request", args=[req.pk])
    assert req.symbol == "BKHCN-CĐS" and req.recipients.count() == 3
    assert (req.period_start, req.period_end) == (
        datetime.date(2026, 3, 15),
        datetime.date(2026, 6, 14),
    )
    listing = page(client, country.ministry, reverse("nation:requests"))
    assert "130/BKHCN-CĐS" in listing and "125/BKHCN-CĐS" in listing


def test_the_completeness_page_shows_each_province_and_its_state(db, client, country):
    haiphong_answers(country)
    url = reverse("nation:request", args=[country.national.pk])
    text = page(client, country.ministry, url)
    assert 'data-state="missing"' in text and 'data-state="late"' in text
    assert 'data-state="waiting"' in text
    assert "Thành phố Hà Nội" in text and "Tỉnh Điện Biên" in text
    late = page(client, country.ministry, f"{url}?trang-thai=muon")
    assert "Tỉnh Điện Biên" in late and "Thành phố Hà Nội" not in late
    xlsx = client.get(reverse("nation:completeness_xlsx", args=[country.national.pk]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd")


def test_the_completeness_page_reads_the_same_queries_for_more_provinces(
    db, client, country, django_assert_num_queries
):
    client.force_login(country.ministry)
    url = reverse("nation:request", args=[country.national.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    # Hải Phòng answers, and two more provinces are asked.
    haiphong_answers(country)
    for code, name in (("12", "Tỉnh Lai Châu"), ("14", "Tỉnh Sơn La")):
        country.national.communes.add(make_unit(Kind.TINH, code, name))
    with django_assert_num_queries(len(before)):
        text = client.get(url).content.decode()
    assert "Tỉnh Sơn La" in text and "Thành phố Hải Phòng" in text


def test_the_drill_down_page_shows_the_communes_of_the_province(db, client, country):
    url = reverse("nation:province", args=[country.national.pk, country.world.haiphong.pk])
    text = page(client, country.ministry, url)
    assert "1885/SKHCN-TTTT" in text
    assert "Xã Chí Minh" in text and "Xã Tân Kỳ" in text
    assert 'id="commune-expected">2<' in text and 'id="commune-sent">1<' in text
    hanoi = reverse("nation:province", args=[country.national.pk, country.world.hanoi.pk])
    assert "chưa có yêu cầu báo cáo nào" in page(client, country.ministry, hanoi)


def test_the_ministry_returns_then_accepts_on_the_answer_page(db, client, country):
    submission = haiphong_answers(country)
    url = reverse("nation:answer", args=[submission.pk])
    client.force_login(country.ministry)
    assert 'id="return"' in client.get(url).content.decode()
    empty = client.post(url, {"decision": "return", "reason": ""})
    assert empty.status_code == 200 and "Hãy ghi lý do trả lại" in empty.content.decode()
    client.post(url, {"decision": "return", "reason": "Thiếu số liệu."})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    # The province reads the reason on its page, makes a new report, issues and sends it.
    answer_page = reverse("nation:answer_request", args=[country.national.pk])
    client.force_login(country.world.city)
    assert "Thiếu số liệu." in client.get(answer_page).content.decode()
    client.post(
        answer_page,
        {"action": "draft", "source": country.haiphong_request.pk, "report_date": "2026-05-24"},
    )
    draft = Report.objects.get(commune=country.world.haiphong, status=ReportStatus.DRAFT)
    client.post(answer_page, {"action": "issue", "report": draft.pk})
    with time_machine.travel(at(datetime.date(2026, 5, 24))):
        client.post(answer_page, {"action": "send", "report": draft.pk})
    submission.refresh_from_db()
    assert submission.report == draft and submission.status == SubmissionStatus.SUBMITTED
    client.force_login(country.ministry)
    client.post(url, {"decision": "accept"})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.ACCEPTED
    docx = client.get(reverse("nation:answer_download", args=[submission.pk, "docx"]))
    assert docx.status_code == 200 and docx["Content-Disposition"].endswith('.docx"')


def test_the_province_makes_issues_and_sends_its_report_on_its_pages(db, client, country):
    client.force_login(country.world.city)
    listing = client.get(reverse("nation:answers")).content.decode()
    assert "125/BKHCN-CĐS" in listing and "Chưa gửi" in listing
    url = reverse("nation:answer_request", args=[country.national.pk])
    text = client.get(url).content.decode()
    assert "1885/SKHCN-TTTT" in text and 'id="draft"' in text
    client.post(
        url, {"action": "draft", "source": country.haiphong_request.pk, "report_date": "2026-05-21"}
    )
    report = Report.objects.get(commune=country.world.haiphong)
    assert report.status == ReportStatus.DRAFT and report.snapshot is None
    assert f'id="issue-{report.pk}"' in client.get(url).content.decode()
    draft_docx = client.get(
        reverse("nation:answer_draft_download", args=[country.national.pk, report.pk])
    )
    assert draft_docx.status_code == 200
    client.post(url, {"action": "issue", "report": report.pk})
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED and report.snapshot is not None
    client.post(url, {"action": "send", "report": report.pk})
    sent = Submission.objects.get(request=country.national, commune=country.world.haiphong)
    assert sent.report == report and sent.status == SubmissionStatus.SUBMITTED
    # The province reads its own answer, without the Ministry's review buttons.
    own = page(client, country.world.city, reverse("nation:answer", args=[sent.pk]))
    assert 'id="accept"' not in own
    refused = client.post(reverse("nation:answer", args=[sent.pk]), {"decision": "accept"})
    assert refused.status_code == 403


def test_a_province_officer_cannot_see_another_provinces_answer(db, client, country):
    theirs = Submission.objects.get(request=country.national, commune=country.dienbien)
    for name in ("nation:answer",):
        page(client, country.world.city, reverse(name, args=[theirs.pk]), status=404)
    page(
        client,
        country.world.city,
        reverse("nation:answer_download", args=[theirs.pk, "docx"]),
        status=404,
    )
    # Their own report, by its number, is not found from another province either.
    report = theirs.report
    page(
        client,
        country.world.city,
        reverse("nation:answer_draft_download", args=[country.national.pk, report.pk]),
        status=404,
    )
    # And the Ministry's pages are the Ministry's.
    for url in (
        reverse("nation:requests"),
        reverse("nation:request", args=[country.national.pk]),
        reverse("nation:report", args=[country.national.pk]),
        reverse("nation:province", args=[country.national.pk, country.dienbien.pk]),
    ):
        page(client, country.world.city, url, status=403)
        page(client, country.world.commune, url, status=403)


def test_a_commune_officer_and_the_ministry_have_no_answer_pages(db, client, country):
    page(client, country.world.commune, reverse("nation:answers"), status=403)
    page(client, country.ministry, reverse("nation:answers"), status=403)


def test_the_ministrys_report_page_and_files(db, client, country, settings, tmp_path):
    settings.EXPORT_ROOT = tmp_path
    text = page(client, country.ministry, reverse("nation:report", args=[country.national.pk]))
    assert 'id="download-nation-docx"' in text
    # Hà Nội has not answered: named as such, its row without figures.
    assert "Chưa có trong số liệu của cả nước" in text and "Thành phố Hà Nội" in text
    for fmt in ("docx", "xlsx"):
        # Made by the worker, as every file of a synthesized report is.
        made = make_file(client, reverse("nation:report_download", args=[country.national.pk, fmt]))
        job = RenderJob.objects.latest("pk")
        assert job.kind == "nation_report" and job.fmt == fmt, job.error
        download = client.get(reverse("reports:render_download", args=[job.pk]))
        assert f"Đã tạo xong {job.file_label}" in made.content.decode()
        assert download["Content-Disposition"].endswith(f'.{fmt}"')
    odt = reverse("nation:report_download", args=[country.national.pk, "odt"])
    assert client.get(odt).status_code == 404


def test_the_menus_lead_the_ministry_and_the_province_to_their_pages(db, client, country):
    assert reverse("nation:requests") in page(client, country.ministry, reverse("nation:requests"))
    city_page = page(client, country.world.city, reverse("nation:answers"))
    assert f'href="{reverse("nation:answers")}"' in city_page
    # The commune's report pages do not list the province's report to the Ministry.
    haiphong_answers(country)
    reports = page(client, country.ministry, reverse("reports:index"))
    assert "Xã Chí Minh" in reports and "BC-SKHCN" not in reports


def test_the_ministry_reads_the_pages_of_every_commune(db, client, country):
    client.force_login(country.ministry)
    for name in ("home", "overview:index", "overview:visits", "reports:index", "admin:index"):
        response = client.get(reverse(name), follow=True)
        assert response.status_code == 200, name
    # It lands on its own page.
    assert client.get(reverse("home")).url == reverse("nation:requests")


def test_a_provinces_answer_pages_speak_its_own_words(db, client, country):
    officer = country.dienbien_officer
    answer = Submission.objects.get(request=country.national, commune=country.dienbien)
    to_answer = national_request(country.ministry)
    form = page(client, officer, reverse("nation:answer_request", args=[to_answer.pk]))
    assert "Tổng hợp từ yêu cầu của tỉnh gửi các xã" in form
    for url in (
        reverse("nation:answers"),
        reverse("nation:answer_request", args=[country.national.pk]),
        reverse("nation:answer", args=[answer.pk]),
        reverse("nation:answer_request", args=[to_answer.pk]),
    ):
        text = page(client, officer, url)
        assert foreign_words(text, ["Hải Phòng", "Chí Minh", r"\bthành phố\b"]) == {}, url
    form = page(client, country.hanoi_officer, reverse("nation:answers"))
    assert "Thành phố Hà Nội" in form


def test_a_provinces_answer_pdf_is_made_by_the_worker_for_the_ministry_only(
    db, client, country, settings, tmp_path, monkeypatch
):
    settings.EXPORT_ROOT = tmp_path
    # A converter that answers at once (the Ministry's report's test runs LibreOffice).
    monkeypatch.setattr(views, "docx_to_pdf", lambda docx: b"%PDF-1.7 fake")
    answer = Submission.objects.get(request=country.national, commune=country.dienbien)
    client.force_login(country.ministry)
    page_ = make_file(client, reverse("nation:answer_download", args=[answer.pk, "pdf"]))
    assert page_.status_code == 200
    job = RenderJob.objects.get()
    assert (job.kind, job.object_id, job.status) == ("province_report", answer.pk, "done")
    download = client.get(reverse("reports:render_download", args=[job.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.7 fake"
    # Another province's officer does not get it.
    client.force_login(country.world.city)
    assert client.get(reverse("reports:render_download", args=[job.pk])).status_code == 404


def test_the_provinces_pages_do_not_list_the_ministrys_requests(db, client, country):
    text = page(client, country.world.admin, reverse("city:requests"))
    assert "1885/SKHCN-TTTT" in text and "125/BKHCN" not in text


def test_a_province_cannot_issue_or_send_another_provinces_report(db, client, country):
    theirs = Submission.objects.get(request=country.national, commune=country.dienbien).report
    url = reverse("nation:answer_request", args=[country.national.pk])
    client.force_login(country.world.city)
    for report in (str(theirs.pk), "x"):
        response = client.post(url, {"action": "send", "report": report}, follow=True)
        assert "Không rõ việc cần làm" in response.content.decode()
    assert not Submission.objects.filter(request=country.national, commune=country.world.haiphong)
