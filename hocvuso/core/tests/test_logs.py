"""LOG_FORMAT=json writes one JSON object a line, with the id of the request being answered."""

import json
import logging
import sys

import pytest

from hocvuso.core.logs import JsonFormatter, request_id


def record(message="Đã gửi %s báo cáo", args=(3,), **extra) -> logging.LogRecord:
    made = logging.LogRecord("hocvuso.reports", logging.WARNING, __file__, 1, message, args, None)
    made.created = 1_800_000_000.25
    for name, value in extra.items():
        setattr(made, name, value)
    return made


def test_a_line_is_one_json_object_with_time_level_logger_and_message():
    line = JsonFormatter().format(record())
    assert "\n" not in line
    assert json.loads(line) == {
        "time": "2027-01-15T08:00:00.250+00:00",
        "level": "WARNING",
        "logger": "hocvuso.reports",
        "message": "Đã gửi 3 báo cáo",
    }


def test_a_line_written_while_answering_a_request_carries_its_id():
    token = request_id.set("0f3c9a7e2b")
    try:
        line = json.loads(JsonFormatter().format(record(status_code=500)))
    finally:
        request_id.reset(token)
    assert line["request_id"] == "0f3c9a7e2b"
    assert line["status_code"] == 500


def test_an_exception_keeps_its_traceback_inside_the_one_line():
    try:
        raise ValueError("hỏng")
    except ValueError:
        failed = record(exc_info=sys.exc_info())
    line = JsonFormatter().format(failed)
    assert "\n" not in line
    assert "ValueError: hỏng" in json.loads(line)["exception"]


@pytest.mark.django_db
def test_every_response_says_its_request_id_and_keeps_the_proxys(client):
    made_up = client.get("/healthz")
    assert len(made_up["X-Request-ID"]) == 32
    assert client.get("/healthz", headers={"X-Request-ID": "abc123-def456"})["X-Request-ID"] == (
        "abc123-def456"
    )


@pytest.mark.django_db
def test_a_request_id_that_could_forge_a_log_line_is_replaced(client):
    response = client.get("/healthz", headers={"X-Request-ID": 'x"}\n{"level": "INFO'})
    assert response["X-Request-ID"] != 'x"}\n{"level": "INFO'
    assert len(response["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_django_logs_a_missing_page_with_the_id_of_its_request(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/khong-co-trang-nay/", headers={"X-Request-ID": "abc123-def456"})
    assert response.status_code == 404
    (logged,) = [r for r in caplog.records if r.name == "django.request"]
    assert json.loads(JsonFormatter().format(logged))["request_id"] == "abc123-def456"
