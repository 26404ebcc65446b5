"""Garbage in answers 4xx with a Vietnamese message and a field map; never a 500."""

import json
import uuid

import pytest
from django.test import Client

from hocvuso.outreach.models import OutreachActivity, ZaloGroup
from hocvuso.support.models import SupportVisit

from .conftest import ApiCaller

GARBAGE_BODIES = [
    "không phải JSON",
    "{",
    "",
    "null",
    "[]",
    "[1, 2, 3]",
    '"một chuỗi"',
    "42",
    "true",
    '{"people": NaN, "member_count": Infinity}',
    "[" * 100_000 + "]" * 100_000,
    b"\xff\xfe\x00".decode("latin-1"),
]

WRITES = [
    ("post", "/visits"),
    ("patch", "/visits/{visit}"),
    ("post", "/activities"),
    ("post", "/classes"),
    ("patch", "/zalo-groups/{group}"),
]


@pytest.fixture
def targets(world, api):
    visit = api.commune.post(
        "/visits", {"client_key": str(uuid.uuid4()), "services": ["other"], "village": "11131-01"}
    ).json()
    group = ZaloGroup.objects.filter(commune=world.chiminh.commune).first()
    return {"visit": visit["id"], "group": group.pk}


def _counts():
    return (SupportVisit.objects.count(), OutreachActivity.objects.count())


@pytest.mark.parametrize("method,path", WRITES)
def test_a_body_that_is_not_a_json_object_answers_422(world, api, targets, method, path):
    before = _counts()
    for raw in GARBAGE_BODIES:
        response = getattr(api.commune, method)(path.format(**targets), raw=raw)
        assert response.status_code == 422, (raw[:40], response.content)
        body = response.json()
        assert body["detail"] == "Dữ liệu không hợp lệ."
        assert body["errors"], raw[:40]  # a field map, in Vietnamese
    assert _counts() == before


def test_not_json_is_named_as_such(world, api):
    response = api.member.post("/visits", raw="services=qr-payment&people=1")
    assert response.json()["errors"] == {"body": "Nội dung gửi lên không phải JSON hợp lệ."}


def test_a_list_instead_of_an_object_is_named_as_such(world, api):
    response = api.member.post("/visits", raw=json.dumps([{"services": ["other"]}]))
    assert response.json()["errors"] == {"body": "Nội dung phải là một đối tượng JSON {…}."}


def test_an_empty_body_is_named(world, api):
    response = api.member.post("/activities", raw="")
    assert response.json()["errors"] == {"body": "Thiếu nội dung JSON."}


def test_a_body_too_large_answers_413(world, api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.member.post("/visits", {"note": "x" * 2000, "services": ["other"]})
    assert response.status_code == 413
    assert response.json()["detail"] == "Nội dung gửi lên quá lớn."


def visit(**fields):
    return {"client_key": str(uuid.uuid4()), "services": ["other"], **fields}


@pytest.mark.parametrize(
    "body,field,message",
    [
        ({"services": ["other"]}, "client_key", "Thiếu trường bắt buộc này."),
        (visit(client_key="abc"), "client_key", "Phải là mã UUID"),
        (visit(client_key=12345), "client_key", "Phải là mã UUID"),
        ({"client_key": str(uuid.uuid4())}, "services", "Thiếu trường bắt buộc này."),
        (visit(services="qr-payment"), "services", "Phải là một danh sách."),
        (visit(services=[1, 2]), "services.0", "Phải là chuỗi ký tự."),
        (visit(services=["x"] * 51), "services", "tối đa 50"),
        (visit(people="3"), "people", "Phải là số nguyên."),
        (visit(people=1.5), "people", "Phải là số nguyên."),
        (visit(people=True), "people", "Phải là số nguyên."),
        (visit(people=None), "people", "Phải là số nguyên."),
        (visit(people=10**30), "people", "Số người phải từ 1 đến 1000."),
        (visit(people=-(10**30)), "people", "Số người phải từ 1 đến 1000."),
        (visit(elderly="có"), "elderly", "Phải là true hoặc false."),
        (visit(elderly=1), "elderly", "Phải là true hoặc false."),
        (visit(gender="unicorn"), "gender", "Giới tính không hợp lệ."),
        (visit(age_band=60), "age_band", "Phải là chuỗi ký tự."),
        (visit(place="mặt trăng"), "place", "Nơi hỗ trợ không hợp lệ."),
        (visit(outcome="x" * 41), "outcome", "Tối đa 40 ký tự."),
        (visit(occurred_at="hôm qua"), "occurred_at", "Phải là ngày giờ ISO 8601"),
        (visit(occurred_at="0001-01-01T00:00:00"), "occurred_at", "2000–2100"),
        (visit(occurred_at="9999-12-31T23:59:59"), "occurred_at", "2000–2100"),
        (visit(occurred_at=1e300), "occurred_at", "ngày giờ"),
        (visit(team="1"), "team", "Phải là số nguyên."),
        (visit(team=0), "team", "Phải từ 1 trở lên."),
        (visit(team=10**40), "team", "Không được lớn hơn"),
        (visit(team=987654), "team", "Tổ không có hoặc nằm ngoài phạm vi của bạn."),
        (visit(village=["11131-01"]), "village", "Phải là chuỗi ký tự."),
        (visit(village="khong-co"), "village", "Không có thôn này trong xã Chí Minh."),
        (visit(note="x" * 300), "note", "Ghi chú tối đa 250 ký tự."),
        (visit(note="a\u0000b"), "note", "NUL"),
        (visit(note="a\ud800b"), "note", "Chuỗi ký tự không hợp lệ."),
        (visit(note={"text": "x"}), "note", "Phải là chuỗi ký tự."),
    ],
)
def test_each_bad_visit_field_is_named(world, api, body, field, message):
    before = SupportVisit.objects.count()
    response = api.member.post("/visits", raw=json.dumps(body))
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert field in errors and message in errors[field], errors
    assert SupportVisit.objects.count() == before


@pytest.mark.parametrize(
    "path,body,field",
    [
        ("/activities", {"title": "Phát loa"}, "channel"),
        ("/activities", {"channel": "loudspeaker"}, "title"),
        ("/activities", {"channel": "loudspeaker", "title": 5}, "title"),
        ("/activities", {"channel": "loudspeaker", "title": "x" * 300}, "title"),
        ("/activities", {"channel": "loudspeaker", "title": "Loa", "times": "ba"}, "times"),
        ("/activities", {"channel": "loudspeaker", "title": "Loa", "times": 10**20}, "times"),
        ("/activities", {"channel": "loudspeaker", "title": "Loa", "reach": 2.5}, "reach"),
        ("/activities", {"channel": "loudspeaker", "title": "Loa", "held_on": "2/3"}, "held_on"),
        ("/activities", {"channel": "loudspeaker", "title": "Loa", "team": "tổ 1"}, "team"),
        ("/classes", {"citizens": 3}, "topic"),
        ("/classes", {"topic": "Lớp", "citizens": "12"}, "citizens"),
        ("/classes", {"topic": "Lớp", "citizens": 10**30}, "citizens"),
        ("/classes", {"topic": "Lớp", "officials": -1, "citizens": 1}, "officials"),
        ("/classes", {"topic": "Lớp", "citizens": 1, "location": ["nhà"]}, "location"),
        ("/classes", {"topic": "Lớp", "citizens": 1, "held_on": "1899-01-01"}, "held_on"),
        ("/tokens", {"name": 42}, "name"),
        ("/tokens", {"name": "x" * 101}, "name"),
        ("/tokens", {}, "name"),
    ],
)
def test_each_bad_field_of_the_other_writes_is_named(world, api, path, body, field):
    caller = api.member
    if path == "/tokens":
        client = Client()
        client.force_login(world.member)
        caller = ApiCaller(client)
    response = caller.post(path, body)
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]


@pytest.mark.parametrize(
    "path",
    [
        "/visits/abc",
        "/visits/0",
        "/visits/-1",
        "/visits/99999999999999999999999999",
        "/zalo-groups/x",
        "/tokens/1.5",
    ],
)
def test_a_bad_id_in_the_path_answers_422(world, api, path):
    method = "patch" if "zalo" in path else "get" if "visits" in path else "delete"
    response = getattr(api.member, method)(path, **({"data": {}} if method == "patch" else {}))
    assert response.status_code == 422


def test_unknown_fields_are_ignored_so_that_an_older_phone_keeps_working(world, api):
    response = api.member.post("/visits", visit(local_id=17, app_version="1.0"))
    assert response.status_code == 201
