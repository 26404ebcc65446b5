"""/healthz answers 200 when the web process reaches its database, 503 when it cannot."""

from unittest import mock

from django.db import OperationalError


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
