"""Excel exports of the lists: the rows equal the records, filters and scope apply, and
long exports run as jobs that only their owner can see and download."""

import datetime
import io
import os

import pytest
import time_machine
from django.conf import settings
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from hocvuso.accounts.scoping import scope_for
from hocvuso.core.models import TaskWorker
from hocvuso.core.tasks import requeue_orphans
from hocvuso.outreach.models import Channel
from hocvuso.overview import exports, jobs
from hocvuso.overview.exports import EXPORTERS, write_xlsx
from hocvuso.overview.models import ExportJob, ExportStatus
from hocvuso.support.models import Place, Service, SupportVisit
from hocvuso.testing import run_tasks

from .records import add_activity, add_class, add_visit

EXPORT = reverse("overview:export")
D = datetime.date


@pytest.fixture(autouse=True)
def export_root(settings, tmp_path):
    settings.EXPORT_ROOT = tmp_path / "exports"
    return settings.EXPORT_ROOT


@pytest.fixture
def post_job(client, monkeypatch, django_capture_on_commit_callbacks):
    """Post an export that goes to a job, enqueue its task when the request commits, and
    run the queued tasks as the worker does.

    The test's transaction never commits; the captured callbacks stand in for it.
    """
    monkeypatch.setattr(settings, "EXPORT_DIRECT_LIMIT", 0)

    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(EXPORT, data)
        run_tasks()
        return response

    return post


def read_rows(data) -> list[tuple]:
    """The rows of every sheet after its heading, from bytes or a path."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    workbook = load_workbook(source, read_only=True)
    rows = [
        row for sheet in workbook.worksheets for row in list(sheet.iter_rows(values_only=True))[1:]
    ]
    workbook.close()
    return rows


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_export_of_many_visits_matches_the_records(world, tmp_path):
    cm = world.chiminh
    for i in range(37):
        add_visit(
            cm,
            D(2026, 4, 1) + datetime.timedelta(days=i % 9),
            village=i % 2,
            people=1 + i % 4,
            services=("dvc-filing", "dvc-payment") if i % 3 else ("health-book",),
            place=Place.HOME if i % 5 == 0 else Place.CULTURAL_HOUSE,
        )
    exporter = EXPORTERS["visits"]
    _, records = exporter.filtered(scope_for(world.commune), {})
    path = tmp_path / "visits.xlsx"
    assert write_xlsx(exporter, records, path) == 41
    rows = read_rows(path)
    assert len(rows) == 41
    visits = SupportVisit.objects.filter(commune=cm.commune).order_by("occurred_at", "pk")
    for row, visit in zip(rows, visits, strict=True):
        services = ", ".join(visit.services.order_by("pk").values_list("name", flat=True))
        assert row[0] == visit.pk
        assert row[1] == timezone.localtime(visit.occurred_at).replace(tzinfo=None)
        assert row[2:7] == (
            "Xã Chí Minh",
            visit.village.name,
            visit.team.name,
            visit.member.full_name,
            services,
        )
        assert row[7] == visit.get_place_display()
        assert row[8] == visit.people
        assert row[13] == "Hoàn thành"
    assert sum(row[8] for row in rows) == sum(v.people for v in visits)


def test_the_officer_downloads_a_small_export_at_once_with_its_filters(client, world):
    cm = world.chiminh
    home = add_visit(cm, D(2026, 4, 2), village=1, place=Place.HOME, people=3)
    add_visit(cm, D(2026, 4, 3), village=1, place=Place.CULTURAL_HOUSE)
    client.force_login(world.commune)
    response = client.post(EXPORT, {"kind": "visits", "start": "2026-04-01", "place": Place.HOME})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="luot-ho-tro-')
    rows = read_rows(body(response))
    assert [(row[0], row[8]) for row in rows] == [(home.pk, 3)]
    assert not ExportJob.objects.exists()


def test_the_list_page_hands_its_filters_to_the_export(client, world):
    client.force_login(world.commune)
    service = Service.objects.get(code="dvc-filing")
    html = client.get(reverse("overview:visits"), {"service": service.pk, "trang": 2}).content
    html = html.decode()
    assert '<input type="hidden" name="kind" value="visits">' in html
    assert f'<input type="hidden" name="service" value="{service.pk}">' in html
    assert 'name="trang"' not in html.split('id="export-form"')[1].split("</form>")[0]


def test_activities_and_classes_export_their_rows(client, world):
    cm = world.chiminh
    zalo = add_activity(cm, D(2026, 3, 5), channel=Channel.ZALO, times=2)
    lesson = add_class(cm, D(2026, 3, 6), citizens=10, students=4)
    client.force_login(world.commune)
    activities = read_rows(body(client.post(EXPORT, {"kind": "activities", "channel": "zalo"})))
    assert activities == [
        (
            zalo.pk,
            datetime.datetime(2026, 3, 5),
            "Xã Chí Minh",
            "Thôn 1",
            "Tổ CNSCĐ Thôn 1",
            cm.members[0].full_name,
            "Nhóm Zalo",
            "Tuyên truyền zalo",
            2,
            40,
        )
    ]
    classes = read_rows(body(client.post(EXPORT, {"kind": "classes"})))
    assert [(row[0], row[8:]) for row in classes] == [(lesson.pk, (0, 0, 4, 10, 14))]


def test_a_leader_of_village_1_exports_nothing_of_village_2(client, world):
    cm = world.chiminh
    add_visit(cm, D(2026, 4, 2), village=1)
    client.force_login(world.leader)
    rows = read_rows(body(client.post(EXPORT, {"kind": "visits"})))
    team = cm.village_teams[0]
    assert {row[0] for row in rows} == {v.pk for v in cm.visits if v.team == team}
    assert {row[3] for row in rows} == {"Thôn 1"}
    # Asking for village 2 by name gives an empty sheet, and another team is refused.
    assert (
        read_rows(body(client.post(EXPORT, {"kind": "visits", "village": cm.villages[1].pk}))) == []
    )
    refused = client.post(EXPORT, {"kind": "visits", "team": cm.village_teams[1].pk})
    assert refused.status_code == 302 and refused.url == reverse("overview:visits")


def test_a_team_member_cannot_export(client, world):
    client.force_login(world.member)
    assert client.post(EXPORT, {"kind": "visits"}).status_code == 403


def test_an_unknown_export_is_not_found(client, world):
    client.force_login(world.commune)
    assert client.post(EXPORT, {"kind": "members"}).status_code == 404


def test_a_long_export_runs_as_a_job_and_its_owner_downloads_it(
    client, world, post_job, export_root
):
    client.force_login(world.commune)
    response = post_job({"kind": "visits", "end": "2026-03-31"})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("overview:export_status", args=[job.pk])
    assert job.user == world.commune and job.kind == "visits"
    assert job.filters == {"end": "2026-03-31"}
    assert job.status == ExportStatus.DONE
    assert (job.rows_done, job.rows_total) == (4, 4)
    # The file lives outside MEDIA_ROOT, where only the download view reaches it.
    assert export_root in (export_root / job.file.name).parents
    page = client.get(response.url).content.decode()
    assert "Đã xuất xong 4 dòng." in page
    download = client.get(reverse("overview:export_download", args=[job.pk]))
    assert download["Content-Disposition"].startswith('attachment; filename="luot-ho-tro-')
    assert len(read_rows(body(download))) == 4


def test_a_second_click_shows_the_export_under_way(client, world, monkeypatch):
    monkeypatch.setattr(settings, "EXPORT_DIRECT_LIMIT", 0)
    client.force_login(world.commune)
    first = client.post(EXPORT, {"kind": "visits"})
    second = client.post(EXPORT, {"kind": "visits"})
    assert first.url == second.url
    assert ExportJob.objects.count() == 1


def test_the_progress_is_shown_until_the_file_is_ready(client, world):
    job = ExportJob.objects.create(
        user=world.commune,
        kind="visits",
        status=ExportStatus.RUNNING,
        rows_done=120_000,
        rows_total=1_000_000,
    )
    client.force_login(world.commune)
    url = reverse("overview:export_status", args=[job.pk])
    page = client.get(url).content.decode()
    assert "Đã xuất 120.000 / 1.000.000 dòng" in page
    assert '<progress max="1000000" value="120000">' in page
    assert "js/poll.js" in page
    fragment = client.get(url, {"phan": 1}).content.decode()
    assert fragment.startswith('<div id="export-progress"')
    assert 'data-finished="0"' in fragment
    assert client.get(reverse("overview:export_download", args=[job.pk])).status_code == 404


def test_nobody_else_sees_or_downloads_an_export(client, world, post_job):
    client.force_login(world.commune)
    post_job({"kind": "visits"})
    job = ExportJob.objects.get()
    for other in (world.outsider, world.city, world.leader, world.admin):
        client.force_login(other)
        assert client.get(reverse("overview:export_status", args=[job.pk])).status_code == 404
        assert client.get(reverse("overview:export_download", args=[job.pk])).status_code == 404


def test_a_job_reads_with_its_owners_scope(world):
    add_visit(world.chiminh, D(2026, 4, 2), village=1)
    job = ExportJob.objects.create(user=world.leader, kind="visits", filters={})
    job = jobs.run_export(job.pk)
    assert job.status == ExportStatus.DONE
    rows = read_rows(job.file.path)
    assert {row[3] for row in rows} == {"Thôn 1"}


def test_a_job_with_a_filter_outside_the_scope_fails(world):
    other_team = world.chiminh.village_teams[1].pk
    job = ExportJob.objects.create(user=world.leader, kind="visits", filters={"team": other_team})
    job = jobs.run_export(job.pk)
    assert job.status == ExportStatus.FAILED
    assert "Bộ lọc không hợp lệ" in job.error and not job.file


def test_an_export_waits_in_the_queue_until_a_worker_runs_it(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(settings, "EXPORT_DIRECT_LIMIT", 0)
    client.force_login(world.commune)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EXPORT, {"kind": "visits"})
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.PENDING
    assert DBTaskResult.objects.get().task_path == "hocvuso.overview.jobs.export_task"
    run_tasks()
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.rows_done == 4
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.SUCCESSFUL and task.return_value == "done"


def test_progress_is_recorded_as_the_rows_are_written(world, monkeypatch):
    for i in range(9):
        add_visit(world.chiminh, D(2026, 4, 1) + datetime.timedelta(days=i))
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 5)
    seen = []
    real_update = ExportJob.objects.none().update

    def spy(self, **values):
        if "rows_done" in values and len(values) == 1:
            seen.append(values["rows_done"])
        return real_update.__func__(self, **values)

    monkeypatch.setattr(type(ExportJob.objects.none()), "update", spy)
    job = ExportJob.objects.create(user=world.commune, kind="visits", filters={})
    job = jobs.run_export(job.pk)
    assert seen == [5, 10]
    assert (job.rows_done, job.rows_total) == (13, 13)


def test_a_sheet_that_reaches_excels_limit_is_followed_by_another(world, monkeypatch, tmp_path):
    monkeypatch.setattr(exports, "SHEET_ROWS", 3)
    exporter = EXPORTERS["visits"]
    _, records = exporter.filtered(scope_for(world.city), {})
    write_xlsx(exporter, records, tmp_path / "x.xlsx")
    workbook = load_workbook(tmp_path / "x.xlsx", read_only=True)
    assert workbook.sheetnames == ["Lượt hỗ trợ", "Lượt hỗ trợ (2)", "Lượt hỗ trợ (3)"]
    assert len(read_rows(tmp_path / "x.xlsx")) == 8


def test_a_note_that_looks_like_a_formula_stays_text(client, world):
    add_visit(world.chiminh, D(2026, 4, 2), note='=HYPERLINK("http://x","y")')
    client.force_login(world.commune)
    rows = read_rows(body(client.post(EXPORT, {"kind": "visits", "start": "2026-04-01"})))
    assert rows[0][14] == '=HYPERLINK("http://x","y")'
    workbook = load_workbook(io.BytesIO(body(client.post(EXPORT, {"kind": "visits"}))))
    assert all(cell.data_type != "f" for row in workbook.active.iter_rows() for cell in row)


def test_old_exports_are_deleted_with_their_files(world, post_job, client):
    client.force_login(world.commune)
    post_job({"kind": "visits"})
    old = ExportJob.objects.get()
    path = old.file.path
    ExportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    post_job({"kind": "classes"})
    assert not ExportJob.objects.filter(pk=old.pk).exists()
    assert not os.path.exists(path)


def queue_export(user, **filters) -> ExportJob:
    job = ExportJob.objects.create(user=user, kind="visits", filters=filters)
    jobs.export_task.enqueue(job.pk)
    return job


def test_a_transient_database_failure_queues_the_export_again_then_fails_it(
    client, world, monkeypatch
):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(jobs, "write_xlsx", locked)
    job = queue_export(world.commune)
    run_tasks()
    job.refresh_from_db()
    assert job.status == ExportStatus.PENDING
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs == {"args": [job.pk], "kwargs": {"attempt": 2}}
    # Not before its time, then again a little later, then it fails.
    run_tasks()
    assert DBTaskResult.objects.get(pk=retry.pk).status == "READY"
    for later in (31, 31 + 61):
        with time_machine.travel(timezone.now() + datetime.timedelta(seconds=later)):
            run_tasks()
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.error == "Cơ sở dữ liệu không trả lời sau 3 lần thử"
    assert DBTaskResult.objects.count() == 3
    last = DBTaskResult.objects.get(status="FAILED")
    assert last.exception_class_path == "django.db.utils.OperationalError"
    # The officer reads it on the export's page; the administrator sees the task's traceback.
    client.force_login(world.commune)
    page = client.get(reverse("overview:export_status", args=[job.pk])).content.decode()
    assert "Xuất Excel bị lỗi: Cơ sở dữ liệu không trả lời sau 3 lần thử" in page
    client.force_login(world.admin)
    url = reverse("admin:django_tasks_database_dbtaskresult_change", args=[last.pk])
    assert "database is locked" in client.get(url).content.decode()


def test_an_export_run_again_after_it_is_done_writes_nothing(world, export_root):
    job = queue_export(world.commune)
    run_tasks()
    job.refresh_from_db()
    files = list(export_root.rglob("*.xlsx"))
    assert job.status == ExportStatus.DONE and files == [export_root / job.file.name]
    written = files[0].stat().st_mtime_ns
    jobs.export_task.enqueue(job.pk)
    run_tasks()
    assert list(export_root.rglob("*.xlsx")) == files
    assert files[0].stat().st_mtime_ns == written
    assert ExportJob.objects.get(pk=job.pk).file.name == job.file.name


def test_of_two_runs_of_one_export_only_the_first_to_finish_keeps_its_file(world, export_root):
    job = queue_export(world.commune)
    slower = jobs.partial_path(job)
    slower.parent.mkdir(parents=True)
    run_tasks()
    # A second run, started before the first finished, wrote its workbook meanwhile.
    slower.write_bytes(b"a second workbook")
    jobs.finish(job, EXPORTERS["visits"], slower, 4)
    job.refresh_from_db()
    assert not slower.exists()
    assert list(export_root.rglob("*.xlsx")) == [export_root / job.file.name]
    assert len(read_rows(job.file.path)) == 4


def test_an_export_whose_workers_all_died_fails_on_its_page(client, world):
    job = queue_export(world.commune)
    DBTaskResult.objects.update(
        status="RUNNING",
        started_at=timezone.now() - datetime.timedelta(hours=1),
        worker_ids=["a", "b", "c"],
    )
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING)
    requeue_orphans()
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    client.force_login(world.commune)
    page = client.get(reverse("overview:export_status", args=[job.pk])).content.decode()
    assert "Xuất Excel bị lỗi: Việc xuất bị dừng giữa chừng nhiều lần" in page


def test_an_export_waiting_without_a_worker_says_so(client, world):
    job = ExportJob.objects.create(user=world.commune, kind="visits", rows_total=10)
    client.force_login(world.commune)
    url = reverse("overview:export_status", args=[job.pk])
    waiting = "Máy chủ chưa chạy tiến trình xuất dữ liệu nền"
    assert waiting in client.get(url, {"phan": 1}).content.decode()
    TaskWorker.objects.create(worker_id="w", seen_at=timezone.now())
    page = client.get(url, {"phan": 1}).content.decode()
    assert waiting not in page and "Trang tự cập nhật" in page


def test_an_export_deleted_while_it_waited_is_not_run(world):
    job = queue_export(world.commune)
    job.delete()
    run_tasks()
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.SUCCESSFUL and task.return_value == "gone"


def test_the_visits_sheet_keeps_its_widths_frozen_heading_and_time_format(world, tmp_path):
    add_visit(world.chiminh, D(2026, 4, 2))
    exporter = EXPORTERS["visits"]
    _, records = exporter.filtered(scope_for(world.commune), {})
    write_xlsx(exporter, records, tmp_path / "x.xlsx")
    sheet = load_workbook(tmp_path / "x.xlsx").active
    assert sheet.freeze_panes == "A2" and all(c.font.b for c in sheet[1])
    widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
    assert widths == list(exporter.widths)
    assert {c.number_format for c in sheet["B"][1:]} == {"dd/mm/yyyy hh:mm"}


@pytest.mark.parametrize(
    "zone, day",
    [
        ("Asia/Ho_Chi_Minh", D(2026, 3, 28)),
        ("Europe/Paris", D(2026, 3, 28)),
        # Lord Howe Island moves half an hour, at 15:30 UTC: the change falls within an hour.
        ("Australia/Lord_Howe", D(2026, 10, 3)),
    ],
)
def test_the_time_is_the_local_time_across_a_change_of_summer_time(zone, day):
    import zoneinfo

    from openpyxl.utils.datetime import from_excel

    serial = exports.LocalSerial(zoneinfo.ZoneInfo(zone))
    start = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
    for minutes in range(0, 3 * 24 * 60, 7):
        at = start + datetime.timedelta(minutes=minutes, seconds=30)
        local = at.astimezone(zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)
        assert from_excel(serial(at.timestamp())) == local


@pytest.mark.parametrize("count", [0, 2, 9, 10])
def test_rows_read_ahead_come_in_order_once_each(count):
    assert list(exports.read_ahead(iter(range(count)), size=3)) == list(range(count))


def test_an_error_reading_ahead_reaches_the_writer():
    def rows():
        yield from range(7)
        raise OperationalError("the server closed the connection")

    with pytest.raises(OperationalError):
        list(exports.read_ahead(rows(), size=3))


def test_a_writer_that_stops_early_stops_the_reader():
    import threading

    rows = exports.read_ahead(iter(range(1000)), size=3)
    assert next(rows) == 0
    rows.close()
    assert "export-read-ahead" not in {t.name for t in threading.enumerate()}


def test_an_export_read_ahead_in_small_batches_writes_the_same_rows(world, tmp_path, monkeypatch):
    for i in range(11):
        add_visit(world.chiminh, D(2026, 4, 1) + datetime.timedelta(days=i % 5), village=i % 2)
    exporter = EXPORTERS["visits"]
    _, records = exporter.filtered(scope_for(world.commune), {})
    write_xlsx(exporter, records, tmp_path / "at-once.xlsx")
    monkeypatch.setattr(exports, "CHUNK", 4)
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 5)
    # Progress is written to the database while the reader fetches on the same connection.
    job = ExportJob.objects.create(user=world.commune, kind="visits", filters={})
    jobs = ExportJob.objects.filter(pk=job.pk)
    seen = []

    def progress(rows):
        jobs.update(rows_done=rows)
        seen.append(jobs.get().rows_done)

    assert write_xlsx(exporter, records, tmp_path / "ahead.xlsx", progress=progress) == 15
    assert read_rows(tmp_path / "ahead.xlsx") == read_rows(tmp_path / "at-once.xlsx")
    assert seen == [5, 10, 15]
