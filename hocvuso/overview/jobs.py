"""Long exports run as background tasks, and say how far they have come.

`start_export` records an `ExportJob` and, once the record is committed, enqueues
`export_task` on Django's Tasks API (the database queue by default, settings.TASKS);
`manage.py worker` runs it, away from the web process, and the export page polls the
job's progress. The job reads the records with the scope of the user who asked, at the
time it runs. Being in the database, a queued or half-done export outlives a restart of
the web server or of the worker (hocvuso.core.tasks runs again a task whose worker died).

A task may so run more than once, and must produce its file once:
- a job already done (or failed) is left as it is;
- the workbook is written to a name of its own (`partial/<job>.xlsx`, the same for every
  run of the job), then renamed to the job's file name, also the same for every run, in
  the transaction that marks the job done, which only one run can do;
- a transient database failure (OperationalError: the database restarting, SQLite busy)
  puts the job back in the queue, RETRIES times at most, a little later each time.
A failure is shown on the export page (the job's error) and in the admin's task results
(with its traceback).
"""

import datetime
import logging
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished

from hocvuso.accounts.scoping import scope_for

from .exports import EXPORTERS, Exporter, export_filename, write_xlsx
from .models import STALLED_AFTER, ExportJob, ExportStatus

log = logging.getLogger(__name__)

# Exports kept for their owner to download again, then deleted with their files.
KEEP_FOR = datetime.timedelta(days=7)

TRANSIENT = (OperationalError, InterfaceError)
RETRIES = 3
RETRY_AFTER = datetime.timedelta(seconds=30)

FINISHED = (ExportStatus.DONE, ExportStatus.FAILED)


def start_export(user, exporter: Exporter, filters: dict, rows_total: int) -> ExportJob:
    """The user's export of `exporter` with `filters`, running or about to run.

    A second click while the same export is under way shows that one again
    rather than starting another.
    """
    delete_old_exports()
    running = ExportJob.objects.owned_by(user).filter(
        kind=exporter.identifier,
        filters=filters,
        status__in=(ExportStatus.PENDING, ExportStatus.RUNNING),
        created_at__gt=timezone.now() - STALLED_AFTER,
    )
    job = running.first()
    if job is not None:
        return job
    job = ExportJob.objects.create(
        user=user, kind=exporter.identifier, filters=filters, rows_total=rows_total
    )
    transaction.on_commit(lambda: export_task.enqueue(job.pk))
    return job


@task()
def export_task(job_id: int, attempt: int = 1) -> str:
    """Run the export job `job_id` (see the module's docstring); its status at the end."""
    if not ExportJob.objects.filter(pk=job_id).exists():
        # Deleted with the old exports while it waited: nothing to do.
        return "gone"
    return run_export(job_id, attempt=attempt, in_task=True).status


def run_export(job_id: int, attempt: int = 1, in_task: bool = False) -> ExportJob:
    """Write the job's workbook, recording progress as it goes.

    A failure is recorded on the job; in a task it is raised again too, so that the task's
    result says so.
    """
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    if job.status in FINISHED:
        return job
    jobs = ExportJob.objects.filter(pk=job.pk)
    jobs.update(status=ExportStatus.RUNNING, rows_done=0, error="")
    try:
        exporter = EXPORTERS[job.kind]
        form, records = exporter.filtered(scope_for(job.user), job.filters)
        if not form.is_valid():
            raise ValueError(f"Bộ lọc không hợp lệ: {form.errors.as_text()}")
        partial = partial_path(job)
        partial.parent.mkdir(parents=True, exist_ok=True)
        written = write_xlsx(
            exporter, records, partial, progress=lambda n: jobs.update(rows_done=n), user=job.user
        )
        finish(job, exporter, partial, written)
    except TRANSIENT as error:
        if attempt < RETRIES:
            log.warning("Export %s: %s; queued again (attempt %s)", job.pk, error, attempt + 1)
            jobs.update(status=ExportStatus.PENDING)
            later = export_task.using(run_after=timezone.now() + RETRY_AFTER * attempt)
            later.enqueue(job.pk, attempt=attempt + 1)
        else:
            fail(job, error, in_task, f"Cơ sở dữ liệu không trả lời sau {RETRIES} lần thử")
    except Exception as error:
        fail(job, error, in_task)
    job.refresh_from_db()
    return job


def fail(job: ExportJob, error: Exception, in_task: bool, message: str = "") -> None:
    log.exception("Export %s failed", job.pk)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.FAILED, error=message or str(error), finished_at=timezone.now()
    )
    partial_path(job).unlink(missing_ok=True)
    if in_task:
        raise error


def partial_path(job: ExportJob) -> Path:
    """Where the job's workbook is written before it is the job's file."""
    return Path(settings.EXPORT_ROOT) / "partial" / f"{job.pk}.xlsx"


def file_name(job: ExportJob, exporter: Exporter) -> str:
    """The job's file, the same for every run of the job (a folder per job, never reused)."""
    day = timezone.localdate(job.created_at)
    folder = uuid.uuid5(uuid.NAMESPACE_URL, f"export/{job.pk}/{job.created_at.isoformat()}")
    return f"{day:%Y/%m}/{folder.hex}/{export_filename(exporter, day)}"


def finish(job: ExportJob, exporter: Exporter, partial: Path, written: int) -> None:
    """Make the workbook the job's file and mark the job done, once."""
    name = file_name(job, exporter)
    with transaction.atomic():
        # The update takes the write lock first: of two runs, the second finds it done.
        marked = (
            ExportJob.objects.filter(pk=job.pk)
            .exclude(status__in=FINISHED)
            .update(
                status=ExportStatus.DONE,
                rows_done=written,
                # Records made or deleted since the count: what was written is the total.
                rows_total=written,
                file=name,
                finished_at=timezone.now(),
            )
        )
        if not marked:
            partial.unlink(missing_ok=True)
            return
        target = Path(job.file.storage.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, target)


def mark_failed_task(sender, task_result, **kwargs) -> None:
    """An export task that failed outside `run_export` (its worker lost, say) fails its job."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    if task_result.task.func is not export_task.func or not task_result.args:
        return
    ExportJob.objects.filter(pk=task_result.args[0]).exclude(status__in=FINISHED).update(
        status=ExportStatus.FAILED,
        error="Việc xuất bị dừng giữa chừng nhiều lần",
        finished_at=timezone.now(),
    )


task_finished.connect(mark_failed_task, dispatch_uid="overview.jobs.mark_failed_task")


def delete_old_exports() -> None:
    for job in ExportJob.objects.filter(created_at__lt=timezone.now() - KEEP_FOR):
        job.file.delete(save=False)
        job.delete()
