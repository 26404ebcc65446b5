"""Large imports run in the worker: the page sends the file, then follows its import.

The upload page checks the file from the outside (`files.check_xlsx`) and reads how many rows
its sheet has (`files.sheet_rows`); a file of more than IMPORT_DIRECT_LIMIT rows is
kept in PRIVATE_MEDIA_ROOT/imports/ and `start_import` records an `ImportJob` and, once it is
committed, enqueues `import_task` with the job's id only. The worker runs the kind's import
(`ImportKind.run`, the same service functions and messages as an import in the request)
with the job as its `Progress`: the rows read, then checked, then the one transaction
that saves them, which also marks the job done. The job's page (views.job) polls it.

A task may run more than once (hocvuso.core.tasks: its worker lost; hocvuso.core.jobs: a
transient database failure puts it back in the queue): the records are saved once, since
only the run whose saving transaction marks the job done commits (`JobProgress.saved`); a
run that finds the job finished rolls its own saving back. The uploaded file, holding
people's names and phones, is deleted once the job is finished.

The logins the member import makes get their one-time links in the worker, as in the request,
but their tokens are dropped there: the job keeps the accounts' ids, and its page gives its
owner, once, new links for them (views.job_links), made in that request and handed over as
the direct import's are (accounts.handover). No token is in a task's arguments, a log or a row.
"""

import datetime
import logging
import os

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from hocvuso.core.formatting import vn_number
from hocvuso.core.jobs import FINISHED, TRANSIENT, fail, fail_jobs_of_failed_tasks, job_folder
from hocvuso.core.jobs import retry_or_fail as retry_or_fail_job

from .base import ImportResult, Progress
from .files import sheet_rows
from .kinds import KINDS, ImportKind
from .models import ImportJob, ImportStatus

log = logging.getLogger(__name__)

# Imports kept for their owner to read again, then deleted.
KEEP_FOR = datetime.timedelta(days=7)
# The first problems of a refused file kept for its page (which shows the first 200).
KEEP_ERRORS = 1000


def in_background(data: bytes) -> bool:
    """Whether a checked file is imported by the worker: more data rows than
    IMPORT_DIRECT_LIMIT (the header row aside)."""
    return sheet_rows(data) - 1 > settings.IMPORT_DIRECT_LIMIT


def start_import(user, kind: ImportKind, data: bytes, filename: str) -> ImportJob:
    """The user's import of `data` (a file `check_xlsx` passed), about to run in the worker."""
    delete_old_imports()
    job = ImportJob.objects.create(user=user, kind=kind.slug, filename=filename[-200:])
    job.upload = f"imports/{job_folder(job, 'import')}.xlsx"
    path = job.upload_path
    path.parent.mkdir(parents=True, exist_ok=True)
    # Readable by the server's user only: the file holds people's names and phones.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
    job.save(update_fields=["upload"])
    transaction.on_commit(lambda: import_task.enqueue(job.pk))
    return job


class AlreadyImported(Exception):
    """Another run of the job saved its records first: this run's are rolled back."""


class JobProgress(Progress):
    """The job's row, told how far its import has come."""

    def __init__(self, job: ImportJob):
        self.jobs = ImportJob.objects.filter(pk=job.pk)

    def read(self, rows: int) -> None:
        self.jobs.update(rows_total=rows)

    def checked(self, rows: int) -> None:
        self.jobs.update(rows_checked=rows)

    def saving(self) -> None:
        self.jobs.update(status=ImportStatus.SAVING)

    def saved(self, result: ImportResult) -> None:
        # In the saving transaction: the update takes the write lock first, and of two runs
        # the second finds the job done and rolls its records back.
        marked = self.jobs.exclude(status__in=FINISHED).update(
            status=ImportStatus.DONE,
            finished_at=timezone.now(),
            rows_checked=result.rows,
            rows_saved=result.rows,
            created=result.created,
            logins=[link.user.pk for link in result.links],
        )
        if not marked:
            raise AlreadyImported


@task()
def import_task(job_id: int, attempt: int = 1) -> str:
    """Run the import job `job_id` (see the module's docstring); its status at the end."""
    if not ImportJob.objects.filter(pk=job_id).exists():
        # Deleted with the old imports while it waited: nothing to do.
        return "gone"
    return run_job(job_id, attempt=attempt, in_task=True).status


def run_job(job_id: int, attempt: int = 1, in_task: bool = False) -> ImportJob:
    """Import the job's file, all or nothing; a refused file or a failure is recorded on the
    job (and, for a failure in a task, raised again for the task's result)."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status in FINISHED:
        return job
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING, rows_checked=0, error=""
    )
    try:
        kind = KINDS[job.kind]
        with job.upload_path.open("rb") as upload:
            file = File(upload, name=job.upload_path.name)
            result = kind.run(job.user, file, progress=JobProgress(job))
        if not result.ok:
            refuse(job, result)
    except AlreadyImported:
        log.info("ImportJob %s was imported by another run", job.pk)
    except FileNotFoundError as error:
        # Deleted with the old imports, or PRIVATE_MEDIA_ROOT not shared with this worker.
        fail(job, error, None, in_task, "Không còn tệp đã tải lên; hãy nhập lại.")
    except PermissionDenied as error:
        # The officer lost the right to import while the file waited: nothing to fix in code.
        fail(job, error, None, False, "Bạn không còn quyền nhập dữ liệu.")
    except TRANSIENT as error:
        retry_or_fail_job(import_task, job, error, None, attempt, in_task)
    except Exception as error:
        fail(job, error, None, in_task)
    finally:
        job.refresh_from_db()
        if job.is_finished:
            delete_upload(job)
    return job


def refuse(job: ImportJob, result: ImportResult) -> None:
    """The file has errors: nothing was saved; the job keeps the first ones for its page."""
    ImportJob.objects.filter(pk=job.pk).exclude(status__in=FINISHED).update(
        status=ImportStatus.FAILED,
        finished_at=timezone.now(),
        rows_total=result.rows,
        errors=[str(error) for error in result.errors[:KEEP_ERRORS]],
        error_count=len(result.errors),
        error=f"File có {vn_number(len(result.errors))} lỗi, chưa có dữ liệu nào được lưu.",
    )


fail_jobs_of_failed_tasks(import_task, ImportJob, "Việc nhập bị dừng giữa chừng nhiều lần")


def delete_upload(job: ImportJob) -> None:
    if job.upload_path is not None:
        job.upload_path.unlink(missing_ok=True)


def delete_old_imports() -> None:
    for job in ImportJob.objects.filter(created_at__lt=timezone.now() - KEEP_FOR):
        delete_upload(job)
        job.delete()
