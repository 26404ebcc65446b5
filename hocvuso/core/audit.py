"""Who the audit trail names as the author of a change."""

import contextlib

from auditlog.cid import get_cid
from auditlog.context import set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from .bulk import insert_statements, reserve_ids


def acting_as(user):
    """Name `user` as the author of the audit entries written inside; no one if None.

    Pages get the actor from auditlog's middleware; services, commands and
    imports, which may run outside a request, say it with this.
    """
    return set_actor(user) if user is not None else contextlib.nullcontext()


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
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        links = [
            through(**{f"{source}_id": obj.pk, f"{target}_id": other.pk})
            for obj, others in zip(instances, related, strict=True)
            for other in others
        ]
        statements += insert_statements(links)
        for obj, others in zip(instances, related, strict=True):
            if others:
                change = {"type": "m2m", "operation": "add", "objects": [str(o) for o in others]}
                entries.append(_entry(obj, content_type, LogEntry.Action.UPDATE, {name: change}))
    cid = get_cid()
    for entry in entries:
        entry.cid = cid
        if user is not None:
            entry.actor = user
            entry.actor_email = getattr(user, "email", None)
    return statements + insert_statements(entries)


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
