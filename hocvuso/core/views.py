import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """For load balancers and monitoring: 200 "ok" when the process answers and reaches its
    database, 503 when it cannot (one `SELECT 1`, cheap enough to be asked every few seconds);
    503 too when the background tasks' queue, a table of that database, cannot be read."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("healthz: the database cannot be reached")
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    if isinstance(task_backends["default"], DatabaseBackend):
        try:
            # One row at most, by the queue's index.
            DBTaskResult.objects.ready().exists()
        except DatabaseError:
            logger.exception("healthz: the task queue cannot be read")
            return HttpResponse("task queue unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
