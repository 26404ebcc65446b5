"""PDFs are made by the worker: LibreOffice takes seconds, never in the web request.

A page's "Tải PDF" link calls `start_render(user, kind, object_id, options)`, which records a
`RenderJob` and, once it is committed, enqueues `render_task`; the link then leads to the
job's page, which polls until the file is there. Each kind of file has a renderer, a function
of the job giving `(content, filename)`, registered with `register_renderer`: reports
registers "report" (a commune's report), city "submission" and "city_report" in their
`ready()`. A renderer finds its object through the job's user, at the time it runs, as the
page would: a user who no longer sees the object gets an error, not the file.

As for the exports (hocvuso.overview.jobs), a task may run more than once and produces its
file once: a finished job is left alone; the file is written to `partial/<job>.pdf`, then
renamed to the job's own name in the transaction that marks the job done, which only one run
can do; a transient database failure queues the job again, RETRIES times at most. LibreOffice
missing or failing fails the job with its Vietnamese message, shown on the job's page.
"""

import datetime
import logging
import os
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.signals import task_finished

from .models import STALLED_AFTER, RenderJob, RenderStatus
from .render.pdf import LibreOfficeMissing, PdfConversionError

log = logging.getLogger(__name__)

# Files kept for their owner to download again, then deleted.
KEEP_FOR = datetime.timedelta(days=7)

TRANSIENT = (OperationalError, InterfaceError)
RETRIES = 3
RETRY_AFTER = datetime.timedelta(seconds=30)

FINISHED = (RenderStatus.DONE, RenderStatus.FAILED)

Renderer = Callable[[RenderJob], tuple[bytes, str]]
RENDERERS: dict[str, Renderer] = {}
# Where the job's page leads back to: a function of the job giving a URL.
BACK: dict[str, Callable[[RenderJob], str]] = {}


def register_renderer(kind: str, render: Renderer, back: Callable | None = None) -> None:
    RENDERERS[kind] = render
    if back is not None:
        BACK[kind] = back


def start_render(user, kind: str, object_id: int, options: dict | None = None) -> RenderJob:
    """The user's file of `kind` for `object_id`, being made or about to be.

    Asking again while the same file is being made gives that job rather than another.
    """
    if kind not in RENDERERS:
        raise ValueError(f"No renderer for {kind!r}")
    delete_old_files()
    options = options or {}
    job = (
        RenderJob.objects.owned_by(user)
        .filter(
            kind=kind,
            object_id=object_id,
            options=options,
            status__in=(RenderStatus.PENDING, RenderStatus.RUNNING),
            created_at__gt=timezone.now() - STALLED_AFTER,
        )
        .first()
    )
    if job is not None:
        return job
    job = RenderJob.objects.create(user=user, kind=kind, object_id=object_id, options=options)
    transaction.on_commit(lambda: render_task.enqueue(job.pk))
    return job


@task()
def render_task(job_id: int, attempt: int = 1) -> str:
    """Make the file of the job `job_id` (see the module's docstring); its status at the end."""
    if not RenderJob.objects.filter(pk=job_id).exists():
        # Deleted with the old files while it waited: nothing to do.
        return "gone"
    return run_render(job_id, attempt=attempt, in_task=True).status


def run_render(job_id: int, attempt: int = 1, in_task: bool = False) -> RenderJob:
    job = RenderJob.objects.select_related("user").get(pk=job_id)
    if job.status in FINISHED:
        return job
    jobs = RenderJob.objects.filter(pk=job.pk)
    jobs.update(status=RenderStatus.RUNNING, error="")
    partial = partial_path(job)
    try:
        content, filename = RENDERERS[job.kind](job)
        partial.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(content)
        finish(job, partial, filename)
    except TRANSIENT as error:
        if attempt < RETRIES:
            log.warning("Render %s: %s; queued again (attempt %s)", job.pk, error, attempt + 1)
            jobs.update(status=RenderStatus.PENDING)
            later = render_task.using(run_after=timezone.now() + RETRY_AFTER * attempt)
            later.enqueue(job.pk, attempt=attempt + 1)
        else:
            fail(job, error, in_task, f"Cơ sở dữ liệu không trả lời sau {RETRIES} lần thử")
    except (LibreOfficeMissing, PdfConversionError) as error:
        # The officer's message says it all; the task itself has done what it could.
        fail(job, error, in_task=False)
    except Exception as error:
        fail(job, error, in_task)
    job.refresh_from_db()
    return job


def fail(job: RenderJob, error: Exception, in_task: bool, message: str = "") -> None:
    log.exception("Render %s failed", job.pk)
    RenderJob.objects.filter(pk=job.pk).exclude(status__in=FINISHED).update(
        status=RenderStatus.FAILED, error=message or str(error), finished_at=timezone.now()
    )
    partial_path(job).unlink(missing_ok=True)
    if in_task:
        raise error


def partial_path(job: RenderJob) -> Path:
    """Where the file is written before it is the job's file."""
    return Path(settings.EXPORT_ROOT) / "partial" / f"render-{job.pk}.pdf"


def file_name(job: RenderJob, filename: str) -> str:
    """The job's file, the same for every run of the job (a folder per job, never reused)."""
    day = timezone.localdate(job.created_at)
    folder = uuid.uuid5(uuid.NAMESPACE_URL, f"render/{job.pk}/{job.created_at.isoformat()}")
    return f"pdf/{day:%Y/%m}/{folder.hex}/{filename}"


def finish(job: RenderJob, partial: Path, filename: str) -> None:
    """Make the written file the job's file and mark the job done, once."""
    name = file_name(job, filename)
    with transaction.atomic():
        # The update takes the write lock first: of two runs, the second finds it done.
        marked = (
            RenderJob.objects.filter(pk=job.pk)
            .exclude(status__in=FINISHED)
            .update(
                status=RenderStatus.DONE,
                file=name,
                filename=filename,
                finished_at=timezone.now(),
            )
        )
        if not marked:
            partial.unlink(missing_ok=True)
            return
        target = Path(settings.EXPORT_ROOT) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, target)


def mark_failed_task(sender, task_result, **kwargs) -> None:
    """A render task that failed outside `run_render` (its worker lost, say) fails its job."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    if task_result.task.func is not render_task.func or not task_result.args:
        return
    RenderJob.objects.filter(pk=task_result.args[0]).exclude(status__in=FINISHED).update(
        status=RenderStatus.FAILED,
        error="Việc tạo tệp bị dừng giữa chừng nhiều lần",
        finished_at=timezone.now(),
    )


task_finished.connect(mark_failed_task, dispatch_uid="reports.jobs.mark_failed_task")


def delete_old_files() -> None:
    for job in RenderJob.objects.filter(created_at__lt=timezone.now() - KEEP_FOR):
        if job.path is not None:
            job.path.unlink(missing_ok=True)
        job.delete()
