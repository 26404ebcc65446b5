"""PDFs are made by the worker: the link starts a job, its page waits, then gives the file
to the user who asked and to nobody else."""

import datetime

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from hocvuso.core import jobs as core_jobs
from hocvuso.core.models import TaskWorker
from hocvuso.reports import jobs, output
from hocvuso.reports.models import RenderJob, RenderStatus
from hocvuso.reports.services import create_report
from hocvuso.testing import make_file, run_tasks

JUNE = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def export_root(settings, tmp_path):
    settings.EXPORT_ROOT = tmp_path / "exports"
    return settings.EXPORT_ROOT


@pytest.fixture
def fake_libreoffice(monkeypatch):
    """A converter that answers at once (test_render_pdf runs the real one)."""
    converted = []

    def convert(docx: bytes) -> bytes:
        converted.append(docx)
        return b"%PDF-1.7 fake"

    monkeypatch.setattr(output, "docx_to_pdf", convert)
    return converted


@pytest.fixture
def report(world):
    return create_report(world.chiminh.commune, start=JUNE, end=JUNE, report_date=JUNE)


def pdf_url(report, charts=False):
    url = reverse("reports:download", args=[report.pk, "pdf"])
    return url + "?charts=1" if charts else url


def test_the_report_pdf_is_made_by_the_worker_and_downloaded(
    client, world, report, fake_libreoffice
):
    client.force_login(world.commune)
    page = make_file(client, pdf_url(report, charts=True))
    job = RenderJob.objects.get()
    assert (job.kind, job.object_id, job.options, job.user) == (
        "report",
        report.pk,
        {"charts": True},
        world.commune,
    )
    assert job.status == RenderStatus.DONE and len(fake_libreoffice) == 1
    text = page.content.decode()
    download = reverse("reports:render_download", args=[job.pk])
    assert "Đã tạo xong tệp PDF" in text and f'href="{download}"' in text
    assert 'src="/static/js/poll.js"' in text and "<script>" not in text
    response = client.get(download)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(f'filename="{job.filename}"')
    assert job.filename.startswith("DuThao_") and job.filename.endswith(".pdf")
    assert b"".join(response.streaming_content) == b"%PDF-1.7 fake"


def test_the_page_waits_for_the_pdf_and_says_when_no_worker_runs(client, world, report):
    client.force_login(world.commune)
    response = client.get(pdf_url(report))
    job = RenderJob.objects.get()
    assert response.url == reverse("reports:render_status", args=[job.pk])
    text = client.get(response.url).content.decode()
    assert "Đang tạo tệp PDF…" in text and "chưa chạy tiến trình nền" in text
    TaskWorker.objects.create(pk="w1", host="may", pid=1, seen_at=timezone.now())
    part = client.get(response.url + "?phan=1").content.decode()
    assert "Đang tạo tệp PDF…" in part and "chưa chạy tiến trình nền" not in part
    assert "<h1>" not in part and 'data-finished="0"' in part


def test_asking_again_while_it_is_made_gives_the_same_job(client, world, report):
    client.force_login(world.commune)
    first = client.get(pdf_url(report)).url
    assert client.get(pdf_url(report)).url == first
    assert client.get(pdf_url(report, charts=True)).url != first
    assert RenderJob.objects.count() == 2


def test_without_libreoffice_the_job_fails_with_the_message_in_vietnamese(
    client, world, report, monkeypatch, tmp_path
):
    # A server without LibreOffice: nothing on its PATH.
    monkeypatch.setenv("PATH", str(tmp_path))
    client.force_login(world.commune)
    text = make_file(client, pdf_url(report)).content.decode()
    job = RenderJob.objects.get()
    assert job.status == RenderStatus.FAILED and "Không tìm thấy LibreOffice" in job.error
    assert "Chưa tạo được tệp PDF" in text and "Hãy tải bản Word (.docx)" in text
    assert 'data-finished="1"' in text
    assert client.get(reverse("reports:render_download", args=[job.pk])).status_code == 404


def test_someone_elses_pdf_is_not_found(client, world, report, fake_libreoffice):
    client.force_login(world.commune)
    make_file(client, pdf_url(report))
    job = RenderJob.objects.get()
    for other in (world.city, world.outsider):
        client.force_login(other)
        assert client.get(reverse("reports:render_status", args=[job.pk])).status_code == 404
        assert client.get(reverse("reports:render_download", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("reports:render_download", args=[job.pk])).status_code == 302


def test_a_report_the_user_no_longer_sees_fails_its_job(world, report, fake_libreoffice):
    job = RenderJob.objects.create(user=world.outsider, kind="report", object_id=report.pk)
    jobs.run_render(job.pk)
    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED and "Không tìm thấy báo cáo" in job.error
    assert fake_libreoffice == []


def test_a_done_job_is_left_alone_and_its_file_made_once(world, report, fake_libreoffice):
    job = RenderJob.objects.create(user=world.commune, kind="report", object_id=report.pk)
    jobs.run_render(job.pk)
    jobs.run_render(job.pk)
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE and len(fake_libreoffice) == 1
    assert job.path.read_bytes() == b"%PDF-1.7 fake"
    assert not jobs.partial_path(job).exists()


def test_a_busy_database_puts_the_job_back_in_the_queue(
    world, report, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []

    def busy(job):
        calls.append(job.pk)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return b"%PDF", "a.pdf"

    monkeypatch.setitem(jobs.RENDERERS, "report", busy)
    job = RenderJob.objects.create(user=world.commune, kind="report", object_id=report.pk)
    jobs.render_task.enqueue(job.pk)
    monkeypatch.setattr(core_jobs, "RETRY_AFTER", datetime.timedelta(0))
    run_tasks()
    job.refresh_from_db()
    assert job.status == RenderStatus.DONE and len(calls) == 2
