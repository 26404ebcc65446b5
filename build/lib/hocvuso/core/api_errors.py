"""The one error helper of the API, and the handlers that route every refusal through it.

`hocvuso/api/` installs them on the API that mounts every capability's router.

Every refusal answers JSON `{"detail": "...", "errors": {field: message}}` in
Vietnamese: 401 without a valid session or token, 403 when the user may not
do it, 404 when the record does not exist or lies outside the user's scope
(the two look the same, so that nothing about other units leaks), 422 when
the input is wrong. Bad input never reaches the database unchecked, so it
never becomes a 500.
"""

import json
from collections import defaultdict

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpResponse
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

INVALID = "Dữ liệu không hợp lệ."


def error(status: int, detail: str, errors: dict | None = None) -> HttpResponse:
    body = {"detail": detail}
    if errors:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="hocvuso"'
    return response


class NotAnObject(ValueError):
    pass


class BodyParser(Parser):
    """JSON bodies, and only objects: every endpoint takes a `{…}`."""

    def parse_body(self, request):
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise NotAnObject
        return data


class Renderer(JSONRenderer):
    # Vietnamese stays readable in curl and in logs.
    json_dumps_params = {"ensure_ascii": False}


# Pydantic's error types, in the words a volunteer's phone can show.
MESSAGES = {
    "missing": "Thiếu trường bắt buộc này.",
    "int_type": "Phải là số nguyên.",
    "int_parsing": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "bool_type": "Phải là true hoặc false.",
    "bool_parsing": "Phải là true hoặc false.",
    "string_type": "Phải là chuỗi ký tự.",
    "string_unicode": "Chuỗi ký tự không hợp lệ.",
    "list_type": "Phải là một danh sách.",
    "dict_type": "Nội dung phải là một đối tượng JSON {…}.",
    "model_type": "Nội dung phải là một đối tượng JSON {…}.",
    "model_attributes_type": "Nội dung phải là một đối tượng JSON {…}.",
    "uuid_type": "Phải là mã UUID, ví dụ 6f1c2a4e-0b7d-4c1e-9a55-2f0e8d3b7a10.",
    "uuid_parsing": "Phải là mã UUID, ví dụ 6f1c2a4e-0b7d-4c1e-9a55-2f0e8d3b7a10.",
    "uuid_version": "Phải là mã UUID, ví dụ 6f1c2a4e-0b7d-4c1e-9a55-2f0e8d3b7a10.",
    "datetime_type": "Phải là ngày giờ ISO 8601, ví dụ 2026-03-02T09:00:00+07:00.",
    "datetime_parsing": "Phải là ngày giờ ISO 8601, ví dụ 2026-03-02T09:00:00+07:00.",
    "datetime_from_date_parsing": "Phải là ngày giờ ISO 8601, ví dụ 2026-03-02T09:00:00+07:00.",
    "date_type": "Phải là ngày ISO 8601, ví dụ 2026-03-02.",
    "date_parsing": "Phải là ngày ISO 8601, ví dụ 2026-03-02.",
    "date_from_datetime_parsing": "Phải là ngày ISO 8601, ví dụ 2026-03-02.",
    "date_from_datetime_inexact": "Phải là ngày ISO 8601, ví dụ 2026-03-02.",
    "too_long": "Danh sách quá dài (tối đa {max_length} phần tử).",
    "string_too_long": "Tối đa {max_length} ký tự.",
    "string_too_short": "Không được để trống.",
    "greater_than_equal": "Phải từ {ge} trở lên.",
    "greater_than": "Phải lớn hơn {gt}.",
    "less_than_equal": "Không được lớn hơn {le}.",
    "less_than": "Phải nhỏ hơn {lt}.",
    "literal_error": "Phải là một trong các giá trị: {expected}.",
    "enum": "Phải là một trong các giá trị: {expected}.",
}


def _message(item: dict) -> str:
    kind = item.get("type", "")
    ctx = item.get("ctx") or {}
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])  # our own validators speak Vietnamese already
    template = MESSAGES.get(kind)
    if template is None:
        return "Giá trị không hợp lệ."
    values = {key: str(value).replace(" or ", " hoặc ") for key, value in ctx.items()}
    return template.format_map(defaultdict(lambda: "…", values))


def _field(loc) -> str:
    """`("body", "data", "services", 0)` → `services.0`; the whole body → `body`."""
    source, *rest = loc
    if source == "body":
        rest = rest[1:]  # the name of the view's body argument means nothing to a client
    return ".".join(str(part) for part in rest) or "body"


def field_errors(items) -> dict:
    errors = {}
    for item in items:
        field = _field(item.get("loc") or ("body",))
        missing_body = field == "body" and item.get("type") == "missing"
        message = "Thiếu nội dung JSON." if missing_body else _message(item)
        errors[field] = f"{errors[field]} {message}" if field in errors else message
    return errors


def _django_errors(exc: ValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {field: " ".join(messages) for field, messages in exc.message_dict.items()}
    return {"__all__": " ".join(exc.messages)}


def install(api) -> None:
    """Route every exception the API knows through `error`."""

    @api.exception_handler(SchemaError)
    def schema_error(request, exc):
        return error(422, INVALID, field_errors(exc.errors))

    @api.exception_handler(ValidationError)
    def service_error(request, exc):
        return error(422, INVALID, _django_errors(exc))

    @api.exception_handler(PermissionDenied)
    def denied(request, exc):
        return error(403, str(exc) or "Bạn không có quyền làm việc này.")

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return error(404, "Không tìm thấy, hoặc bản ghi nằm ngoài phạm vi của bạn.")

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        message = exc.message if exc.message != "Unauthorized" else None
        return error(
            401,
            message or "Cần đăng nhập, hoặc gửi mã truy cập: Authorization: Bearer <mã>.",
        )

    @api.exception_handler(RequestDataTooBig)
    def too_big(request, exc):
        return error(413, "Nội dung gửi lên quá lớn.")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        cause = exc.__cause__
        if isinstance(cause, RequestDataTooBig):
            return too_big(request, cause)
        if isinstance(cause, NotAnObject):
            return error(422, INVALID, {"body": MESSAGES["dict_type"]})
        if isinstance(cause, (ValueError, RecursionError)):
            # ninja could not parse the body: not JSON, or not UTF-8.
            return error(422, INVALID, {"body": "Nội dung gửi lên không phải JSON hợp lệ."})
        if exc.status_code == 403 and "CSRF" in exc.message:
            return error(
                403,
                "Thiếu hoặc sai mã CSRF: trang đã đăng nhập phải gửi kèm tiêu đề X-CSRFToken.",
            )
        return error(exc.status_code, exc.message)
