"""Long exports run in the background, and say how far they have come.

`start_export` records an `ExportJob` and, once the record is committed, runs it
in a thread of the web process; the export page polls the job's progress. The
job reads the records with the scope of the user who asked, at the time it runs.

Why a thread is acceptable here: exports are rare (a commune exports a few times
a month), the work is one streaming query and openpyxl's write-only writer in
constant memory, and a job cut short by a restart costs nothing but a click on
"Xuất Excel" again — the page says when a job seems stalled. A deployment with
many exports or several servers would hand `run_export` to a worker instead: a
task queue (Celery, RQ, or Django's tasks framework with a database backend), or
a `manage.py` command under systemd that picks up pending ExportJob rows, so that
jobs survive restarts, do not compete with web requests for the workers, and a
server recycling its workers (gunicorn's --max-requests) cannot cut them short.
"""

import datetime
import logging
import tempfile
import threading
from pathlib import Path

from django.core.files import File
from django.db import close_old_connections, connections, transaction
from django.utils import timezone

from hocvuso.accounts.scoping import scope_for

from .exports import EXPORTERS, Exporter, export_filename, write_xlsx
from .models import STALLED_AFTER, ExportJob, ExportStatus

log = logging.getLogger(__name__)

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
    transaction.on_commit(lambda: launch(job.pk))
    return job


def launch(job_id: int) -> None:
    threading.Thread(
        target=_run_in_thread, args=(job_id,), name=f"export-{job_id}", daemon=True
    ).start()


def _run_in_thread(job_id: int) -> None:
    # A thread has its own database connections; it must close them when done.
    close_old_connections()
    try:
        run_export(job_id)
    finally:
        connections.close_all()


def run_export(job_id: int) -> ExportJob:
    """Write the job's workbook, recording progress as it goes; never raises."""
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    jobs = ExportJob.objects.filter(pk=job.pk)
    jobs.update(status=ExportStatus.RUNNING)
    try:
        exporter = EXPORTERS[job.kind]
        form, records = exporter.filtered(scope_for(job.user), job.filters)
        if not form.is_valid():
            raise ValueError(f"Bộ lọc không hợp lệ: {form.errors.as_text()}")
        with tempfile.TemporaryDirectory(prefix="hocvuso-export-") as folder:
            path = Path(folder) / "export.xlsx"
            written = write_xlsx(
                exporter,
                records,
                path,
                progress=lambda n: jobs.update(rows_done=n),
                user=job.user,
            )
            with path.open("rb") as file:
                job.file.save(export_filename(exporter), File(file), save=False)
    except Exception as error:
        log.exception("Export %s failed", job.pk)
        jobs.update(status=ExportStatus.FAILED, error=str(error), finished_at=timezone.now())
    else:
        jobs.update(
            status=ExportStatus.DONE,
            rows_done=written,
            # Records made or deleted since the count: what was written is the total.
            rows_total=written,
            file=job.file.name,
            finished_at=timezone.now(),
        )
    job.refresh_from_db()
    return job


def delete_old_exports() -> None:
    for job in ExportJob.objects.filter(created_at__lt=timezone.now() - KEEP_FOR):
        job.file.delete(save=False)
        job.delete()
