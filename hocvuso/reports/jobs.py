"""PDFs, and the city's report in every format, are made by the worker: LibreOffice takes
seconds, as the city's charts and tables do, never in the web request.

A page's "Tải PDF" link (and the city's report's DOCX and XLSX links) calls `start_render(user, kind, object_id, options)`, which records a
`RenderJob` and, once it is committed, enqueues `render_task`; the link then leads to the
job's page, which polls until the file is there. Each kind of file has a renderer, a function
of the job giving `(content, filename)`, registered with `register_renderer`: reports
registers "report" (a commune's report), city "submission" and "city_report" in their
`ready()`; a job's `options["fmt"]` names a format other than PDF ("docx", "xlsx"). A renderer finds its object through the job's user, at the time it runs, as the
page would: a user who no longer sees the object gets an error, not the file.

As every job that makes a file (hocvuso.core.jobs), a task may run more than once and makes
its file once: it is written to `partial/render-<job>.<format>`, then renamed to the job's own name in
the transaction that marks the job done; a transient database failure queues the job again.
LibreOffice missing or failing fails the job with its Vietnamese message, shown on its page.
"""

import datetime
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from hocvuso.core.jobs import (
    FINISHED,
    STALLED_AFTER,
    TRANSIENT,
    fail,
    fail_jobs_of_failed_tasks,
    finish_once,
    job_folder,
    retry_or_fail,
)

from .models import RenderJob, RenderStatus
from .render.pdf import LibreOfficeMissing, PdfConversionError

# Files kept for their owner to download again, then deleted.
KEEP_FOR = datetime.timedelta(days=7)

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
        retry_or_fail(render_task, job, error, partial, attempt, in_task)
    except (LibreOfficeMissing, PdfConversionError) as error:
        # The user's message says it all; the task itself has done what it could.
        fail(job, error, partial, in_task=False)
    except Exception as error:
        fail(job, error, partial, in_task)
    job.refresh_from_db()
    return job


def partial_path(job: RenderJob) -> Path:
    """Where the file is written before it is the job's file."""
    return Path(settings.EXPORT_ROOT) / "partial" / f"render-{job.pk}.{job.fmt}"


def finish(job: RenderJob, partial: Path, filename: str) -> None:
    """Make the written file the job's file and mark the job done, once."""
    name = f"{job.fmt}/{job_folder(job, 'render')}/{filename}"
    target = Path(settings.EXPORT_ROOT) / name
    finish_once(job, partial, target, file=name, filename=filename)


fail_jobs_of_failed_tasks(render_task, RenderJob, "Việc tạo tệp bị dừng giữa chừng nhiều lần")


def delete_old_files() -> None:
    for job in RenderJob.objects.filter(created_at__lt=timezone.now() - KEEP_FOR):
        if job.path is not None:
            job.path.unlink(missing_ok=True)
        job.delete()
