"""`manage.py worker`: runs the background tasks (django-tasks-db's `db_worker`), and runs
again those of a worker that died (hocvuso.core.tasks explains how).

Same options as `db_worker` (`--batch` runs what is queued and stops, `--interval`…),
except that it does not reload on code changes unless asked (`--reload`): the heartbeat
belongs to the process that runs the tasks.
"""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands import db_worker

from hocvuso.core.tasks import Heartbeat


class Command(db_worker.Command):
    help = "Chạy các việc nền (xuất Excel…); chạy lại việc của tiến trình đã chết."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # db_worker draws its default id once, when its module is imported.
        parser.set_defaults(reload=False, worker_id=None)

    def handle(self, *args, reload=False, worker_id=None, **options):
        worker_id = worker_id or get_random_string(32)
        runs_tasks = not reload or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true"
        heartbeat = Heartbeat(worker_id) if runs_tasks else None
        if heartbeat:
            heartbeat.start()
        try:
            super().handle(*args, reload=reload, worker_id=worker_id, **options)
        finally:
            if heartbeat:
                heartbeat.stop()
