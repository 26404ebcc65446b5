"""Who the audit trail names as the author of a change."""

import contextlib
import itertools
from functools import partial

from auditlog.cid import get_cid, set_cid
from auditlog.context import _set_extra_data, auditlog_value, disable_auditlog
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import pre_save

from .bulk import insert_statements, reserve_ids, run_statements
from .clients import client_ip

_contexts = itertools.count()


@contextlib.contextmanager
def audit_context(**data):
    """What the audit entries written inside say besides the change: `actor` (a user),
    `additional_data`, `remote_addr`…, as auditlog's `set_actor` and `set_extra_data`.

    Those two cannot be nested (django-auditlog 3.4.1, upstream issue #846): the inner
    one replaces the outer's context and never gives it back, so the entries written
    after it lose the outer's actor, and the outer's receiver is never disconnected — one
    more `pre_save` receiver for the life of the process, run on every audit entry, each
    time a service names its actor inside a request (whose middleware opened one). This
    one gives the outer context back and disconnects its own receiver, whatever happens
    inside; the same receiver of auditlog fills the entries.
    """
    uid = ("hocvuso-audit", next(_contexts))
    # Within another context (a request's), what this one does not say is the outer's: a
    # service names its author, the request's address stays.
    token = auditlog_value.set({**auditlog_value.get({}), **data, "signal_duid": uid})
    receiver = partial(_set_extra_data, signal_duid=uid)
    pre_save.connect(receiver, sender=LogEntry, dispatch_uid=uid, weak=False)
    try:
        yield
    finally:
        pre_save.disconnect(sender=LogEntry, dispatch_uid=uid)
        auditlog_value.reset(token)


class AuditMiddleware:
    """Names the signed-in user and the client's address (`core.clients.client_ip`: only
    what the proxies we run appended to X-Forwarded-For, where auditlog's own middleware
    believes the first entry, which the client writes) in the audit entries of a request,
    through `audit_context`, which a service's `acting_as` may nest in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        set_cid(request)
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        with audit_context(actor=actor, remote_addr=client_ip(request)):
            return self.get_response(request)


def acting_as(user, **data):
    """Name `user` as the author of the audit entries written inside (with `data`, as
    `audit_context`); no one if None.

    Pages get the actor from `AuditMiddleware`; services, commands and imports, which
    may run outside a request, say it with this.
    """
    if user is not None:
        data["actor"] = user
    return audit_context(**data) if data else contextlib.nullcontext()


def prepare_logged(user, instances: list, m2m: dict[str, list[list]] | None = None) -> list:
    """The INSERT statements of new `instances` of one model, of their many-to-many links
    (`m2m`: field name → one list of related objects per instance) and of the audit entries
    that saving each one and adding its links would have written; run them with
    `core.bulk.run_statements`, in one transaction.

    For imports: saving 5,000 visits one by one held SQLite's write lock for half a minute,
    and a volunteer logging a visit meanwhile got "database is locked". Everything here is
    prepared before the transaction (`core/bulk.py`), which then only runs the statements.
    """
    if not instances:
        return []
    model = type(instances[0])
    for obj, pk in zip(instances, reserve_ids(model, len(instances)), strict=True):
        obj.pk = pk
    statements = insert_statements(instances)  # sets the creation times the diffs show
    for links in _links(model, instances, m2m):
        statements += insert_statements(links)
    return statements + insert_statements(_created_entries(user, model, instances, m2m))


def save_logged(user, obj, m2m: dict[str, list] | None = None):
    """Save a new `obj`, its many-to-many links (`m2m`: field name → related objects) and the
    audit entries that saving it and adding the links writes (its creation, then the links
    added), in three INSERTs, in one transaction (the caller's, when it has one).

    `obj.save()` then `obj.field.add(*others)` write the same rows and entries in six queries
    (auditlog reads the new links back to name them), and a visit logged from a phone is the
    most frequent write there is (bench/api_load.py).
    """
    model = type(obj)
    m2m = {name: [others] for name, others in (m2m or {}).items()}
    with transaction.atomic(savepoint=False):
        with disable_auditlog():
            obj.save()
        _insert_logged(user, model, obj, m2m)
    return obj


def _insert_logged(user, model, obj, m2m: dict[str, list[list]]) -> None:
    """Insert the links and the audit entries of `obj`, just saved."""
    statements = []
    for links in _links(model, [obj], m2m):
        statements += insert_statements(links)
    entries = _created_entries(user, model, [obj], m2m)
    run_statements(statements + insert_statements(entries))


def _links(model, instances: list, m2m: dict[str, list[list]] | None) -> list[list]:
    """The through table's rows of each many-to-many field in `m2m`, one list a field."""
    tables = []
    for name, related in (m2m or {}).items():
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = [
            through(**{f"{source}_id": obj.pk, f"{target}_id": other.pk})
            for obj, others in zip(instances, related, strict=True)
            for other in others
        ]
        if links:
            tables.append(links)
    return tables


def _created_entries(user, model, instances: list, m2m: dict[str, list[list]] | None) -> list:
    """The audit entries auditlog writes when `instances` are saved anew and their related
    objects added: a creation with every field, then an "add" for each field with some."""
    content_type = ContentType.objects.get_for_model(model)
    use_json = settings.AUDITLOG_STORE_JSON_CHANGES
    entries = [
        _entry(
            obj,
            content_type,
            LogEntry.Action.CREATE,
            model_instance_diff(None, obj, use_json_for_changes=use_json),
        )
        for obj in instances
    ]
    for name, related in (m2m or {}).items():
        for obj, others in zip(instances, related, strict=True):
            if others:
                change = {"type": "m2m", "operation": "add", "objects": [str(o) for o in others]}
                entries.append(_entry(obj, content_type, LogEntry.Action.UPDATE, {name: change}))
    cid = get_cid()
    # What auditlog's context adds to the entries saved within it (the request's address,
    # when its middleware set it; its author, when `user` is None), as its receiver would.
    context = auditlog_value.get({})
    user = context.get("actor") if user is None else user
    extra = {
        key: value() if callable(value) else value
        for key, value in context.items()
        if key not in ("actor", "signal_duid") and hasattr(LogEntry, key)
    }
    for entry in entries:
        entry.cid = cid
        for key, value in extra.items():
            setattr(entry, key, value)
        if user is not None:
            entry.actor = user
            entry.actor_email = getattr(user, "email", None)
    return entries


def _entry(obj, content_type, action, changes) -> LogEntry:
    return LogEntry(
        content_type=content_type,
        object_pk=str(obj.pk),
        object_id=obj.pk if isinstance(obj.pk, int) else None,
        object_repr=str(obj),
        action=action,
        changes=changes,
        serialized_data=LogEntry.objects._get_serialized_data_or_none(obj),
    )
