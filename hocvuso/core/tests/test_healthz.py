"""/healthz answers 200 when the web process reaches its database and its task queue, 503
when it cannot."""

from unittest import mock

from django.db import OperationalError, connection


def test_it_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_when_the_database_is_gone(client, db):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute") as execute:
        execute.side_effect = OperationalError("unable to open database file")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database unavailable"
    assert execute.call_args.args[0] == "SELECT 1"


def test_it_answers_503_when_the_task_queue_cannot_be_read(client, db):
    # The table gone (a migration not run, say); the test's transaction puts it back.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE django_tasks_database_dbtaskresult RENAME TO dbtaskresult_away")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"task queue unavailable"
