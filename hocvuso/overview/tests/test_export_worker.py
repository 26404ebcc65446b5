"""An export survives the death of the worker running it, and is produced once.

Two worker processes share a SQLite file, as two servers share a database: the first is
killed (SIGKILL: no chance to tidy up) in the middle of an export; the second, started
after, finds the task of a silent worker, runs it again and finishes the export.
"""

import datetime
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.db import connection
from openpyxl import load_workbook

from hocvuso.overview.jobs import export_task
from hocvuso.overview.models import ExportJob
from hocvuso.support.models import SupportVisit

from .records import add_visit

ROWS = 24
PROGRESS = "SELECT status, rows_done, file FROM overview_exportjob WHERE id = ?"


def _worker(database, export_root, log):
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{database}",
        "EXPORT_ROOT": str(export_root),
        "TASKS_HEARTBEAT_SECONDS": "0.2",
        "TASKS_WORKER_LOST_AFTER": "1",
    }
    command = [sys.executable, "-m", "hocvuso.overview.tests.slow_worker", "--interval", "0.1"]
    command.append("--no-startup-delay")
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def _wait_for(database, job, until, timeout=30):
    deadline = time.monotonic() + timeout
    with sqlite3.connect(database, timeout=5) as db:
        while time.monotonic() < deadline:
            row = db.execute(PROGRESS, [job.pk]).fetchone()
            if until(row):
                return row
            time.sleep(0.02)
    raise AssertionError(f"still {row} after {timeout} s")


@pytest.mark.system
@pytest.mark.django_db(transaction=True)
def test_an_export_whose_worker_is_killed_is_finished_by_the_next_worker_once(world, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("two processes on a SQLite file")
    for i in range(ROWS - len(world.chiminh.visits)):
        add_visit(world.chiminh, datetime.date(2026, 4, 1 + i % 28), village=i % 2)
    visits = set(SupportVisit.objects.filter(commune=world.chiminh.commune).values_list("pk"))
    assert len(visits) == ROWS
    job = ExportJob.objects.create(user=world.commune, kind="visits", rows_total=ROWS)
    export_task.enqueue(job.pk)
    database = tmp_path / "db.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(database)])
    export_root = tmp_path / "exports"

    with open(tmp_path / "worker.log", "w") as log:
        first = _worker(database, export_root, log)
        _wait_for(database, job, lambda row: row[1] >= 3)
        first.send_signal(signal.SIGKILL)
        first.wait()
        status, rows_done, file = _wait_for(database, job, lambda row: True)
        assert status == "running" and rows_done < ROWS and file == ""
        # The killed worker leaves at most its partial workbook, written as the rows came,
        # which nobody can download and the next run writes anew: never the job's file.
        partial = export_root / "partial" / f"{job.pk}.xlsx"
        assert list(export_root.rglob("*.xlsx")) in ([], [partial])

        second = _worker(database, export_root, log)
        try:
            status, rows_done, file = _wait_for(database, job, lambda row: row[0] != "running")
        finally:
            second.terminate()
            second.wait(timeout=10)

    assert (status, rows_done) == ("done", ROWS), (tmp_path / "worker.log").read_text()
    # One file, the job's, with every visit once; nothing left half written.
    assert list(export_root.rglob("*.xlsx")) == [export_root / file]
    workbook = load_workbook(export_root / file, read_only=True)
    ids = [row[0] for row in list(workbook.active.iter_rows(values_only=True))[1:]]
    workbook.close()
    assert sorted(ids) == sorted(pk for (pk,) in visits)
    with sqlite3.connect(database) as db:
        tasks = db.execute(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
        ).fetchall()
    # One task, claimed by the killed worker then by the next one.
    assert len(tasks) == 1 and tasks[0][0] == "SUCCESSFUL"
    assert len(set(json.loads(tasks[0][1]))) == 2
