"""A file of more than IMPORT_DIRECT_LIMIT rows is imported by the worker: its page follows
the import, then says what it saved or lists why it saved nothing, to its owner only."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.db import OperationalError
from django.test import TestCase
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from hocvuso.core import jobs as core_jobs
from hocvuso.imports import files, jobs
from hocvuso.imports.models import ImportJob, ImportStatus
from hocvuso.teams import imports as team_imports
from hocvuso.teams.models import Member, Membership
from hocvuso.testing import run_tasks

from .sheets import members_file

UPLOAD = reverse("imports:upload")
THREE = ({"Họ và tên": "Lê Văn An"}, {"Thôn": "Thôn 1", "Họ và tên": "Bình"}, {"Họ và tên": "Chi"})


@pytest.fixture(autouse=True)
def small_limit(settings, tmp_path):
    settings.IMPORT_DIRECT_LIMIT = 2
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def upload(client, *records):
    """Send a members file; the task it queues is queued as the commit would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(UPLOAD, {"kind": "thanh-vien", "file": members_file(*records)})


def page(client, job, part=False):
    url = reverse("imports:job", args=[job.pk]) + ("?phan=1" if part else "")
    return client.get(url).content.decode()


def test_a_large_file_is_imported_by_the_worker_and_its_page_says_what_it_saved(
    client, world, settings
):
    client.force_login(world.commune)
    before = Membership.objects.count()
    response = upload(client, *THREE)
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:job", args=[job.pk])
    assert (job.user, job.kind, job.status, job.filename) == (
        world.commune,
        "thanh-vien",
        ImportStatus.PENDING,
        "du-lieu.xlsx",
    )
    # Kept privately, readable by the server's user only, until the worker has read it.
    assert job.upload_path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert job.upload_path.stat().st_mode & 0o777 == 0o600
    # The task is given the job's id, nothing else.
    assert [result.args_kwargs for result in DBTaskResult.objects.all()] == [
        {"args": [job.pk], "kwargs": {}}
    ]
    waiting = page(client, job)
    assert "Đang chờ nhập…" in waiting and "chưa chạy tiến trình nền" in waiting
    assert 'src="/static/js/poll.js"' in waiting and 'data-finished="0"' in waiting
    assert Membership.objects.count() == before

    run_tasks()
    job.refresh_from_db()
    assert (job.status, job.rows_total, job.rows_checked, job.rows_saved) == ("done", 3, 3, 3)
    assert Membership.objects.count() == before + 3
    assert not job.upload_path.exists()
    part = page(client, job, part=True)
    assert "Đã nhập 3 dòng: 0 tổ mới, 3 thành viên mới, 3 lượt phân công vào tổ." in part
    assert 'data-finished="1"' in part and "<h1" not in part
    index = client.get(reverse("imports:index")).content.decode()
    assert reverse("imports:job", args=[job.pk]) in index and "Đã nhập" in index


def test_a_file_within_the_limit_is_still_imported_in_the_request(client, world):
    client.force_login(world.commune)
    response = upload(client, *THREE[:2])
    assert response.url == reverse("imports:index")
    assert not ImportJob.objects.exists() and not DBTaskResult.objects.exists()


def test_a_file_refused_by_its_checks_is_neither_kept_nor_queued(client, world, settings):
    client.force_login(world.commune)
    settings.IMPORT_DIRECT_LIMIT = 0
    bad = io.BytesIO(b"PK\x03\x04 not really a zip")
    bad.name = "du-lieu.xlsx"
    response = client.post(UPLOAD, {"kind": "thanh-vien", "file": bad})
    assert response.status_code == 200
    assert "file phải là bảng tính Excel .xlsx" in response.content.decode()
    assert not ImportJob.objects.exists() and not DBTaskResult.objects.exists()
    assert not settings.PRIVATE_MEDIA_ROOT.exists()


def test_a_file_with_errors_lists_them_on_its_page_and_saves_nothing(client, world):
    client.force_login(world.commune)
    before = Member.objects.count()
    upload(
        client,
        {"Họ và tên": "Lê Văn An"},
        {"Thôn": "Thôn 9", "Họ và tên": "Lê Văn Bình"},
        {"Xã": "Tân Kỳ", "Họ và tên": "Lê Văn Cường"},
    )
    run_tasks()
    job = ImportJob.objects.get()
    assert (job.status, job.error_count, job.rows_saved) == (ImportStatus.FAILED, 2, 0)
    text = page(client, job)
    assert "File có 2 lỗi, chưa có dữ liệu nào được lưu." in text
    # The messages of an import in the request, row and column.
    assert "Dòng 3, cột “Thôn”: Không tìm thấy thôn “Thôn 9” trong Xã Chí Minh." in text
    assert "Dòng 4, cột “Xã”: Xã Tân Kỳ không thuộc phạm vi của bạn." in text
    assert Member.objects.count() == before
    assert not job.upload_path.exists()
    # The administrators see it too, with its errors.
    client.force_login(world.admin)
    listing = client.get(reverse("admin:imports_importjob_changelist")).content.decode()
    assert "du-lieu.xlsx" in listing and "File có 2 lỗi" in listing
    detail = reverse("admin:imports_importjob_change", args=[job.pk])
    assert "Dòng 3, cột “Thôn”" in client.get(detail).content.decode()


def test_an_import_is_seen_by_its_owner_only(client, world):
    client.force_login(world.commune)
    upload(client, *THREE)
    job = ImportJob.objects.get()
    for other in (world.outsider, world.city, world.leader):
        client.force_login(other)
        assert client.get(reverse("imports:job", args=[job.pk])).status_code == 404
        assert client.get(reverse("imports:job", args=[job.pk]) + "?phan=1").status_code == 404
        assert client.post(reverse("imports:job_links", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("imports:job", args=[job.pk])).status_code == 302


def test_a_busy_database_puts_the_import_back_in_the_queue_and_it_saves_once(
    client, world, monkeypatch
):
    save, calls = team_imports._save, []

    def busy_after_writing(user, prepared):
        saved = save(user, prepared)
        calls.append(user)
        if len(calls) == 1:
            # The records are written, then the database fails: they are rolled back.
            raise OperationalError("database is locked")
        return saved

    monkeypatch.setattr(team_imports, "_save", busy_after_writing)
    monkeypatch.setattr(core_jobs, "RETRY_AFTER", datetime.timedelta(0))
    client.force_login(world.commune)
    before = Membership.objects.count()
    upload(client, *THREE)
    run_tasks()
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE and len(calls) == 2
    assert Membership.objects.count() == before + 3
    assert DBTaskResult.objects.count() == 2


def test_a_database_busy_every_time_fails_the_import_visibly(client, world, monkeypatch):
    def busy(user, prepared):
        raise OperationalError("database is locked")

    monkeypatch.setattr(team_imports, "_save", busy)
    monkeypatch.setattr(core_jobs, "RETRY_AFTER", datetime.timedelta(0))
    client.force_login(world.commune)
    upload(client, *THREE)
    run_tasks()
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED and job.error == core_jobs.GAVE_UP
    assert f"chưa có dữ liệu nào được lưu: {core_jobs.GAVE_UP}" in page(client, job)
    assert not job.upload_path.exists()


def test_an_upload_gone_missing_fails_the_import_without_naming_the_servers_folders(client, world):
    client.force_login(world.commune)
    upload(client, *THREE)
    job = ImportJob.objects.get()
    job.upload_path.unlink()
    run_tasks()
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "Không còn tệp đã tải lên; hãy nhập lại.")
    assert DBTaskResult.objects.get().status == "FAILED"


def test_a_run_that_finds_its_job_finished_by_another_rolls_its_records_back(
    client, world, monkeypatch
):
    client.force_login(world.commune)
    upload(client, *THREE)
    job = ImportJob.objects.get()
    saving = jobs.JobProgress.saving

    def another_run_finishes_first(progress):
        # While this run checked the rows, another (its worker thought lost) saved them.
        saving(progress)
        progress.jobs.update(status=ImportStatus.DONE)

    monkeypatch.setattr(jobs.JobProgress, "saving", another_run_finishes_first)
    before = Membership.objects.count()
    assert jobs.run_job(job.pk).status == ImportStatus.DONE
    assert Membership.objects.count() == before
    # A finished job is left as it is.
    monkeypatch.setattr(jobs.JobProgress, "saving", saving)
    jobs.run_job(job.pk)
    assert Membership.objects.count() == before


@pytest.mark.parametrize("chunk", [7, 64, 1024 * 1024])
def test_the_rows_of_a_sheet_that_declares_no_range_are_counted(monkeypatch, chunk):
    monkeypatch.setattr(files, "CHUNK", chunk)
    # openpyxl's streaming writer (as our own exports) declares no <dimension>.
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for n in range(37):
        sheet.append([f"Người {n}", "<row>", n])
    buffer = io.BytesIO()
    book.save(buffer)
    data = files.check_xlsx(buffer.getvalue(), "du-lieu.xlsx")
    assert b"<dimension" not in zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml")
    assert files.sheet_rows(data) == 37
    assert files.sheet_rows(members_file(*THREE).read()) == 4
