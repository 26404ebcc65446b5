"""Tasks whose worker died are run again: a heartbeat per worker, and a sweep.

django-tasks-db's `db_worker` marks a task RUNNING when it claims it, and nothing ever
looks at it again: a worker killed mid-task (out of memory, a deploy's SIGKILL, a machine
lost) leaves it RUNNING for ever. `manage.py worker` (management/commands/worker.py) wraps
`db_worker` with the smallest mechanism that is sound across several machines:

- each worker keeps a `TaskWorker` row and, from a thread of its own, writes the time into it
  every TASKS_HEARTBEAT_SECONDS, whatever its task is doing;
- every worker, when it starts and after each heartbeat, sweeps: a task RUNNING for longer
  than TASKS_WORKER_LOST_AFTER whose worker (the last of its `worker_ids`) has not beaten
  for that long is put back in the queue (READY), and the next free worker runs it again.

A worker's pid cannot tell this across machines, and the time a task started cannot either
(an export may rightly run for many minutes); only silence can. The machines' clocks must
agree to within TASKS_WORKER_LOST_AFTER (NTP). A task is so run at least once, not exactly
once: its code must be idempotent (hocvuso.overview.jobs says how the exports are). A task
that has lost MAX_CLAIMS workers (say one that runs its machine out of memory each time) is
marked failed instead of being given to yet another.
"""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from .models import TaskWorker

log = logging.getLogger(__name__)

MAX_CLAIMS = 3


class WorkerLost(Exception):
    """The task's worker stopped answering MAX_CLAIMS times while running it."""


def lost_after():
    return timezone.timedelta(seconds=settings.TASKS_WORKER_LOST_AFTER)


def requeue_orphans() -> int:
    """Put back in the queue the RUNNING tasks whose worker has gone silent; how many."""
    cutoff = timezone.now() - lost_after()
    alive = set(TaskWorker.objects.filter(seen_at__gte=cutoff).values_list("pk", flat=True))
    requeued, failed = 0, []
    with exclusive_transaction(DBTaskResult.objects.db):
        running = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
        for result in running.select_for_update(skip_locked=True):
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            if len(result.worker_ids) >= MAX_CLAIMS:
                failed.append(result)
                continue
            log.warning("Task %s lost its worker %s: queued again", result.pk, result.worker_ids)
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            requeued += 1
    for result in failed:
        result.set_failed(WorkerLost(f"{len(result.worker_ids)} workers stopped running it"))
        task_finished.send(sender=DatabaseBackend, task_result=result.task_result)
    # Workers silent for a day are forgotten.
    TaskWorker.objects.filter(seen_at__lt=timezone.now() - timezone.timedelta(days=1)).delete()
    return requeued


def workers_alive() -> bool:
    """Whether a worker runs the database queue's tasks (another backend: assumed so)."""
    if not isinstance(task_backends["default"], DatabaseBackend):
        return True
    return TaskWorker.objects.filter(seen_at__gte=timezone.now() - lost_after()).exists()


class Heartbeat:
    """A worker's row in TaskWorker, kept fresh by a daemon thread that also sweeps."""

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="tasks-heartbeat", daemon=True)

    def start(self) -> None:
        TaskWorker.objects.update_or_create(
            pk=self.worker_id,
            defaults={"host": socket.gethostname(), "pid": os.getpid(), "seen_at": timezone.now()},
        )
        requeue_orphans()
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=settings.TASKS_HEARTBEAT_SECONDS + 5)
        TaskWorker.objects.filter(pk=self.worker_id).delete()

    def _run(self) -> None:
        try:
            while not self.stopped.wait(settings.TASKS_HEARTBEAT_SECONDS):
                try:
                    TaskWorker.objects.filter(pk=self.worker_id).update(seen_at=timezone.now())
                    requeue_orphans()
                except DatabaseError:
                    # SQLite busy, or the database restarting: the next beat tries again.
                    log.warning("Heartbeat of worker %s failed", self.worker_id, exc_info=True)
        finally:
            connections.close_all()
