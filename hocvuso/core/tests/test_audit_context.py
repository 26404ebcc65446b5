"""Naming the author of a change inside another context that names one (a service called
within a request, whose middleware opened the first) leaves nothing behind and loses no
author. django-auditlog's own `set_actor` does both (upstream issue #846)."""

import ast
import pathlib
import uuid

import pytest
from auditlog.context import auditlog_value
from auditlog.models import LogEntry
from django.db.models.signals import pre_save

import hocvuso
from hocvuso.api.services import issue_token
from hocvuso.core.audit import acting_as, audit_context
from hocvuso.support.models import SupportVisit
from hocvuso.units.models import Kind, Unit


def receivers() -> int:
    return len(pre_save.receivers)


def test_nested_contexts_leave_no_receiver_and_give_the_outer_author_back(world):
    before = receivers()
    with audit_context(actor=world.admin, remote_addr="192.0.2.1"):
        with acting_as(world.commune):
            inner = Unit.objects.create(kind=Kind.THON, code="9990001", name="Thôn Trong")
        outer = Unit.objects.create(kind=Kind.THON, code="9990002", name="Thôn Ngoài")
    after_all = Unit.objects.create(kind=Kind.THON, code="9990003", name="Thôn Sau")

    def entry(unit):
        return LogEntry.objects.get_for_object(unit).get(action=LogEntry.Action.CREATE)

    # The inner context names its author; the address is the outer's.
    assert (entry(inner).actor, entry(inner).remote_addr) == (world.commune, "192.0.2.1")
    assert (entry(outer).actor, entry(outer).remote_addr) == (world.admin, "192.0.2.1")
    assert entry(after_all).actor is None
    assert receivers() == before


def test_a_context_left_by_an_error_leaves_no_receiver(world):
    before = receivers()
    try:
        with audit_context(actor=world.admin), acting_as(world.commune):
            raise ValueError
    except ValueError:
        pass
    assert receivers() == before


def test_no_module_opens_auditlogs_own_contexts():
    """They are opened through core.audit, which can be nested."""
    root = pathlib.Path(hocvuso.__file__).parent
    found = []
    for path in root.rglob("*.py"):
        if path.name == "audit.py" and path.parent.name == "core":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "auditlog.context":
                names = {alias.name for alias in node.names}
                if names & {"set_actor", "set_extra_data"}:
                    found.append(str(path.relative_to(root)))
    assert found == []


def post_visit(client, secret, **headers):
    body = {"client_key": str(uuid.uuid4()), "services": ["vneid-activate"]}
    response = client.post(
        "/api/v1/visits",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
        REMOTE_ADDR="10.0.0.2",
        **headers,
    )
    assert response.status_code == 201
    visit = SupportVisit.objects.get(client_key=body["client_key"])
    return LogEntry.objects.get_for_object(visit).get(action=LogEntry.Action.CREATE)


@pytest.mark.parametrize(
    "proxies, forwarded, address",
    [
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy: the header is the client's word
        (1, "203.0.113.9, 198.51.100.7", "198.51.100.7"),  # what our proxy appended
    ],
)
def test_a_request_names_its_author_and_the_address_our_proxies_saw(
    client, world, settings, proxies, forwarded, address
):
    settings.TRUSTED_PROXY_COUNT = proxies
    _, secret = issue_token(world.member, "Điện thoại")
    entry = post_visit(client, secret, HTTP_X_FORWARDED_FOR=forwarded)
    assert (entry.actor, entry.remote_addr) == (world.member, address)
    # Nothing of the request's context is left for what runs after it in the thread.
    assert auditlog_value.get(None) is None
