"""What the background jobs share: the Excel exports (hocvuso.overview.jobs), the PDFs and the
city's report (hocvuso.reports.jobs), which make a file, and the large imports
(hocvuso.imports.jobs), which read one.

A job is a row with a `status` (pending, running, done, failed), an `error`, a `created_at`
and a `finished_at`; its task may run more than once (hocvuso.core.tasks) and must make its
file once:
- a job already done or failed is left as it is (FINISHED);
- the file is written to a name of its own, the same for every run of the job, then moved to
  the job's name, also the same for every run, in the transaction that marks the job done,
  which only one run can do (`finish_once`);
- a transient database failure (OperationalError: the database restarting, SQLite busy) puts
  the job back in the queue, RETRIES times at most, a little later each time (`queue_again`);
- a task that fails outside the job's code (its workers lost, say) fails its job
  (`fail_jobs_of_failed_tasks`).
A failure shows on the job's page (its error) and in the admin's task results (its traceback).
"""

import datetime
import logging
import os
import uuid
from pathlib import Path

from django.db import InterfaceError, OperationalError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

log = logging.getLogger(__name__)

PENDING, DONE, FAILED = "pending", "done", "failed"
FINISHED = (DONE, FAILED)

TRANSIENT = (OperationalError, InterfaceError)
RETRIES = 3
RETRY_AFTER = datetime.timedelta(seconds=30)
GAVE_UP = f"Cơ sở dữ liệu không trả lời sau {RETRIES} lần thử"


class OwnedQuerySet(models.QuerySet):
    def owned_by(self, user):
        """A job belongs to the user who asked for it, and to nobody else."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


# A job not finished after this long was most likely cut short by a restart: asked again, its
# file is made anew.
STALLED_AFTER = datetime.timedelta(hours=1)


class FileJob(models.Model):
    """What every file job's row holds beside its own: its error, when it was asked for and
    finished, and who may see it (`owned_by`). A job adds its `user`, its `kind` and its
    `status` (with its own words for running: "Đang xuất", "Đang tạo")."""

    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def looks_stalled(self) -> bool:
        return not self.is_finished and timezone.now() - self.created_at > STALLED_AFTER


def job_folder(job, kind: str) -> str:
    """A folder of the job's own: the same for every run of the job, never another job's."""
    day = timezone.localdate(job.created_at)
    folder = uuid.uuid5(uuid.NAMESPACE_URL, f"{kind}/{job.pk}/{job.created_at.isoformat()}")
    return f"{day:%Y/%m}/{folder.hex}"


def finish_once(job, partial: Path, target: Path, **done) -> bool:
    """Mark the job done (with the fields `done`) and make `partial` its file `target`,
    unless another run has; whether this run did."""
    with transaction.atomic():
        # The update takes the write lock first: of two runs, the second finds it done.
        marked = (
            type(job)
            .objects.filter(pk=job.pk)
            .exclude(status__in=FINISHED)
            .update(status=DONE, finished_at=timezone.now(), **done)
        )
        if not marked:
            partial.unlink(missing_ok=True)
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, target)
    return True


def fail(job, error: Exception, partial: Path | None, in_task: bool, message: str = "") -> None:
    """Record the failure on the job (and delete its `partial` file, if it has one); in a
    task, raise it again, for the task's result."""
    log.exception("%s %s failed", type(job).__name__, job.pk)
    type(job).objects.filter(pk=job.pk).exclude(status__in=FINISHED).update(
        status=FAILED, error=message or str(error), finished_at=timezone.now()
    )
    if partial is not None:
        partial.unlink(missing_ok=True)
    if in_task:
        raise error


def retry_or_fail(task, job, error: Exception, partial: Path | None, attempt: int, in_task: bool):
    """After a transient failure: the job's task queued again a little later, or, after
    RETRIES attempts, the job failed."""
    if attempt >= RETRIES:
        fail(job, error, partial, in_task, GAVE_UP)
        return
    log.warning(
        "%s %s: %s; queued again (attempt %s)", type(job).__name__, job.pk, error, attempt + 1
    )
    type(job).objects.filter(pk=job.pk).update(status=PENDING)
    later = task.using(run_after=timezone.now() + RETRY_AFTER * attempt)
    later.enqueue(job.pk, attempt=attempt + 1)


def fail_jobs_of_failed_tasks(task, model, message: str) -> None:
    """A `task` (taking a job's id first) that failed outside the job's code fails the job
    with `message`."""

    def mark_failed(sender, task_result, **kwargs) -> None:
        if task_result.status != TaskResultStatus.FAILED:
            return
        if task_result.task.func is not task.func or not task_result.args:
            return
        model.objects.filter(pk=task_result.args[0]).exclude(status__in=FINISHED).update(
            status=FAILED, error=message, finished_at=timezone.now()
        )

    task_finished.connect(mark_failed, weak=False, dispatch_uid=f"{model._meta.label}.failed")
