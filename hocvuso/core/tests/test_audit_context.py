"""Naming the author of a change inside another context that names one (a service called
within a request, whose middleware opened the first) leaves nothing behind and loses no
author. django-auditlog's own `set_actor` does both (upstream issue #846)."""

import ast
import pathlib

from auditlog.models import LogEntry
from django.db.models.signals import pre_save

import hocvuso
from hocvuso.core.audit import acting_as, audit_context
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

    assert entry(inner).actor == world.commune
    assert entry(inner).remote_addr is None  # the inner context says only its author
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
