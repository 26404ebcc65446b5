"""Long exports run as background tasks, and say how far they have come.

`start_export` records an `ExportJob` and, once the record is committed, enqueues
`export_task` on Django's Tasks API (the database queue by default, settings.TASKS);
`manage.py worker` runs it, away from the web process, and the export page polls the
job's progress. The job reads the records with the scope of the user who asked, at the
time it runs. Being in the database, a queued or half-done export outlives a restart of
the web server or of the worker (hocvuso.core.tasks runs again a task whose worker died).

A task may so run more than once, and makes its file once, as every job that makes a file
does (hocvuso.core.jobs): the workbook is written to `partial/<job>.xlsx`, then renamed to the
job's file name in the transaction that marks the job done; a transient database failure
queues the job again. A failure is shown on the export page (the job's error) and in the
admin's task results (with its traceback).
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from hocvuso.accounts.scoping import scope_for
from hocvuso.core.jobs import (
    FINISHED,
    STALLED_AFTER,
    TRANSIENT,
    fail_jobs_of_failed_tasks,
    finish_once,
    job_folder,
    retry_or_fail,
)
from hocvuso.core.jobs import fail as fail_job

from .exports import EXPORTERS, Exporter, export_filename, write_xlsx
from .models import ExportJob, ExportStatus

# Exports kept for their owner to download again, then deleted with their files.
KEEP_FOR = datetime.timedelta(days=7)


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
        retry_or_fail(export_task, job, error, partial_path(job), attempt, in_task)
    except Exception as error:
        fail_job(job, error, partial_path(job), in_task)
    job.refresh_from_db()
    return job


def partial_path(job: ExportJob) -> Path:
    """Where the job's workbook is written before it is the job's file."""
    return Path(settings.EXPORT_ROOT) / "partial" / f"{job.pk}.xlsx"


def file_name(job: ExportJob, exporter: Exporter) -> str:
    """The job's file, the same for every run of the job."""
    day = timezone.localdate(job.created_at)
    return f"{job_folder(job, 'export')}/{export_filename(exporter, day)}"


def finish(job: ExportJob, exporter: Exporter, partial: Path, written: int) -> None:
    """Make the workbook the job's file and mark the job done, once."""
    name = file_name(job, exporter)
    finish_once(
        job,
        partial,
        Path(job.file.storage.path(name)),
        rows_done=written,
        # Records made or deleted since the count: what was written is the total.
        rows_total=written,
        file=name,
    )


fail_jobs_of_failed_tasks(export_task, ExportJob, "Việc xuất bị dừng giữa chừng nhiều lần")


def delete_old_exports() -> None:
    for job in ExportJob.objects.filter(created_at__lt=timezone.now() - KEEP_FOR):
        job.file.delete(save=False)
        job.delete()
