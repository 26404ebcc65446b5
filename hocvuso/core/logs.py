"""Log lines a machine can read (LOG_FORMAT=json), and the request id that ties them together.

Each request gets an id: the one the proxy sent in X-Request-ID (nginx's $request_id, see
deploy/nginx.conf), else a new one. It goes back in the response's X-Request-ID and into every
JSON log line written while the request is answered, so that an error in the log can be matched
with the proxy's access log and with what the user saw.
"""

import contextvars
import datetime
import json
import logging
import re
import uuid

request_id = contextvars.ContextVar("request_id", default="")
# What a proxy may send as an id: letters, digits and dashes, not too long (the id is written
# into the log and a header as it is).
_GOOD_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get("X-Request-ID", "")
        rid = sent if _GOOD_ID.match(sent) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request_id when the
    line was written while answering a request, and the traceback of an exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # django.request logs a 4xx or 5xx after the middleware has returned, with the request.
        rid = request_id.get() or getattr(getattr(record, "request", None), "request_id", "")
        if rid:
            entry["request_id"] = rid
        # django.request's lines about a failed request carry its status code.
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            entry["status_code"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
