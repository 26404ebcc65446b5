"""A background task whose worker went silent is run again by another worker; one that
lost three workers fails instead (hocvuso.core.tasks)."""

import datetime

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hocvuso.core.models import TaskWorker
from hocvuso.core.tasks import requeue_orphans
from hocvuso.testing import run_tasks

LONG_AGO = datetime.timedelta(minutes=5)


def running(*worker_ids, since=LONG_AGO):
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="hocvuso.overview.jobs.export_task",
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now() - since,
        worker_ids=list(worker_ids),
    )


def status_of(result):
    result.refresh_from_db()
    return result.status


def test_a_task_of_a_silent_worker_goes_back_to_the_queue(db, settings):
    settings.TASKS_WORKER_LOST_AFTER = 60
    now = timezone.now()
    TaskWorker.objects.create(worker_id="alive", seen_at=now - datetime.timedelta(seconds=5))
    TaskWorker.objects.create(worker_id="silent", seen_at=now - datetime.timedelta(seconds=90))
    orphan = running("silent")
    unknown = running("never-seen")
    busy = running("alive")
    # Just claimed: its worker may not have beaten yet.
    fresh = running("never-seen", since=datetime.timedelta(seconds=10))
    assert requeue_orphans() == 2
    assert [status_of(r) for r in (orphan, unknown, busy, fresh)] == [
        "READY",
        "READY",
        "RUNNING",
        "RUNNING",
    ]
    orphan.refresh_from_db()
    assert orphan.started_at is None and orphan.worker_ids == ["silent"]


def test_a_task_that_lost_three_workers_fails(db):
    lost = running("a", "b", "c")
    assert requeue_orphans() == 0
    lost.refresh_from_db()
    assert lost.status == "FAILED"
    assert lost.exception_class_path == "hocvuso.core.tasks.WorkerLost"


def test_a_worker_sweeps_when_it_starts_and_leaves_when_it_stops(db):
    orphan = running("gone")
    DBTaskResult.objects.filter(pk=orphan.pk).update(task_path="hocvuso.core.tests.no_such_task")
    run_tasks()
    # The worker's sweep at start put the orphan back, and the worker ran it (it fails: the
    # task is gone from the code).
    assert status_of(orphan) == "FAILED"
    assert orphan.worker_ids[0] == "gone" and len(orphan.worker_ids) == 2
    assert not TaskWorker.objects.exists()
