"""A member's personal data: everything held about them, exported or erased on request.

Law 91/2025 gives a person the right to see and to have deleted the data held about them
(Decree 356/2025 Art. 5: view within 10 days, delete within 20). A commune's officer answers
for its members: `member_record` gathers what every app holds about a member and its login
(the rows that point at them, found through the models' relations, so that a new app's rows
are included without a change here); `erase_member` blanks what names or reaches them, keeps
their visits counted, and redacts the audit trail. Both leave an entry in the audit trail.
"""

import datetime
import io
import json
import re
from dataclasses import dataclass

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook

from hocvuso.core.personal_data import person_fields
from hocvuso.core.xlsx import append_row
from hocvuso.teams.models import Member

# Never exported, not even to their owner: hashes of passwords, links and tokens.
HIDDEN = {"password", "token_hash", "hashed", "secret"}
REDACTED = "[đã xóa]"


def placeholder(member: Member) -> str:
    return f"Đã xóa (mã {member.pk})"


@dataclass
class Section:
    key: str  # "support.supportvisit.member": which rows, through which field
    title: str  # the sheet's title
    headers: list[str]  # the fields' Vietnamese names
    names: list[str]  # the fields' names
    rows: list[list]


def _value(obj, field):
    if field.many_to_many:
        return "; ".join(str(o) for o in getattr(obj, field.name).all())
    value = getattr(obj, field.name)
    if field.is_relation:
        return "" if value is None else str(value)
    if field.choices and value not in (None, ""):
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    return str(value)


def _fields(model):
    return [
        f
        for f in model._meta.get_fields()
        if f.concrete and not f.auto_created and f.name not in HIDDEN
    ] + [f for f in model._meta.get_fields() if f.name == "id"]


def _section(key: str, model, objects) -> Section:
    fields = _fields(model)
    title = str(model._meta.verbose_name_plural)
    return Section(
        key=key,
        title=title[:1].upper() + title[1:],
        headers=[str(f.verbose_name) for f in fields],
        names=[f.name for f in fields],
        rows=[[_value(obj, f) for f in fields] for obj in objects],
    )


def _relations(model):
    """The one-to-many and one-to-one relations that point at `model` (hidden ones too)."""
    return [
        rel
        for rel in model._meta.get_fields(include_hidden=True)
        if rel.auto_created
        and not rel.concrete
        and (rel.one_to_many or rel.one_to_one)
        and rel.related_model is not LogEntry
    ]


def _related(owner):
    """(key, model, rows) for every kind of row that points at `owner`."""
    for rel in _relations(type(owner)):
        model = rel.related_model
        m2m = [f.name for f in model._meta.many_to_many]
        rows = model._default_manager.filter(**{rel.field.name: owner}).prefetch_related(*m2m)
        yield f"{model._meta.label_lower}.{rel.field.name}", model, rows


def _audit_entries(member: Member):
    objects = [member] + ([member.user] if member.user_id else [])
    entries = LogEntry.objects.none()
    for obj in objects:
        entries = entries | LogEntry.objects.get_for_object(obj)
    return entries.select_related("actor", "content_type").order_by("timestamp")


def member_record(member: Member) -> list[Section]:
    """Every row held about `member` and its login, section by section."""
    sections = [_section("teams.member", Member, [member])]
    owners = [member]
    if member.user_id:
        sections.append(_section("accounts.user", type(member.user), [member.user]))
        owners.append(member.user)
    for owner in owners:
        for key, model, queryset in _related(owner):
            if model is Member:
                continue
            rows = list(queryset)
            if rows:
                sections.append(_section(key, model, rows))
    entries = _audit_entries(member)
    sections.append(
        Section(
            key="auditlog.logentry",
            title="Nhật ký thay đổi",
            headers=["Thời gian", "Người thực hiện", "Đối tượng", "Hành động", "Thay đổi"],
            names=["timestamp", "actor", "object_repr", "action", "changes"],
            rows=[
                [
                    _value(e, LogEntry._meta.get_field("timestamp")),
                    str(e.actor or "hệ thống"),
                    e.object_repr,
                    e.get_action_display(),
                    json.dumps(e.changes_dict, ensure_ascii=False),
                ]
                for e in entries
            ],
        )
    )
    return sections


def _log(actor, obj, changes: dict, what: str) -> None:
    """An audit entry that says `actor` exported or erased the personal data of `obj`."""
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_pk=str(obj.pk),
        object_id=obj.pk,
        object_repr=str(obj),
        action=LogEntry.Action.ACCESS if what == "export" else LogEntry.Action.UPDATE,
        changes=changes,
        actor=actor,
        timestamp=timezone.now(),
        additional_data={"personal_data": what},
    )


def export_member(actor, member: Member) -> list[Section]:
    """`member_record`, with an audit entry naming who exported it and when."""
    sections = member_record(member)
    _log(actor, member, {}, "export")
    return sections


def as_json(member: Member, sections: list[Section]) -> bytes:
    data = {
        "exported_at": timezone.localtime().isoformat(),
        "member": member.pk,
        "sections": {
            s.key: [dict(zip(s.names, row, strict=True)) for row in s.rows] for s in sections
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def as_xlsx(sections: list[Section]) -> bytes:
    """One sheet per section; every text through the safe writer (`core.xlsx`)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for section in sections:
        # Excel's sheet titles: at most 31 characters, none of [ ] : * ? / and backslash.
        base = re.sub(r"[\[\]:*?/\\]", "-", section.title)[:28]
        title, n = base, 2
        while title in used:
            title = f"{base[:25]} {n}"
            n += 1
        used.add(title)
        sheet = workbook.create_sheet(title)
        append_row(sheet, section.headers)
        for row in section.rows:
            append_row(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _redact_text(value, secrets: list[str]):
    """`value` (a text, or a JSON list or dict of them) with every secret replaced."""
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, REDACTED)
        return value
    if isinstance(value, list):
        return [_redact_text(v, secrets) for v in value]
    if isinstance(value, dict):
        return {k: _redact_text(v, secrets) for k, v in value.items()}
    return value


def _redact_entry(entry: LogEntry, secrets: list[str], fields: list[str], repr_: str | None):
    changes = entry.changes if isinstance(entry.changes, dict) else entry.changes_dict
    changes = dict(changes or {})
    for name in fields:
        if name in changes:
            changes[name] = [REDACTED if v not in (None, "") else v for v in changes[name]]
    entry.changes = _redact_text(changes, secrets)
    entry.changes_text = _redact_text(entry.changes_text or "", secrets)
    entry.serialized_data = _redact_text(entry.serialized_data, secrets)
    entry.object_repr = repr_ if repr_ is not None else _redact_text(entry.object_repr, secrets)
    entry.save(update_fields=["changes", "changes_text", "serialized_data", "object_repr"])


def _secrets_of(member: Member, owners) -> list[str]:
    """The values that name the member, now and in the audit trail's past versions."""
    values = set()
    for owner in owners:
        label = owner._meta.label
        for name in person_fields(label):
            values.add(getattr(owner, name) or "")
        for entry in LogEntry.objects.get_for_object(owner):
            for name in person_fields(label):
                values.update(str(v) for v in entry.changes_dict.get(name, []) if v)
    # The longest first, so that a name is not half replaced by a shorter value within it.
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


def redact_audit(member: Member, secrets: list[str]) -> int:
    """Blank the member's personal values in the audit entries about it, its login and every
    row that points at them (a membership is logged as "Name — Tổ viên — Team")."""
    owners = [member] + ([member.user] if member.user_id else [])
    count = 0
    for owner in owners:
        label = owner._meta.label
        for entry in LogEntry.objects.get_for_object(owner):
            _redact_entry(entry, secrets, person_fields(label), placeholder(member))
            count += 1
        for _, model, queryset in _related(owner):
            pks = [str(pk) for pk in queryset.values_list("pk", flat=True)]
            content_type = ContentType.objects.get_for_model(model)
            for entry in LogEntry.objects.filter(content_type=content_type, object_pk__in=pks):
                _redact_entry(entry, secrets, [], None)
                count += 1
    return count


def redact_admin_log(secrets: list[str]) -> int:
    """The Django admin's own history names what it changed ("Lò Thị Lan"): redact it too."""
    query = Q()
    for secret in secrets:
        query |= Q(object_repr__contains=secret) | Q(change_message__contains=secret)
    count = 0
    for entry in AdminLogEntry.objects.filter(query) if secrets else ():
        entry.object_repr = _redact_text(entry.object_repr, secrets)
        entry.change_message = _redact_text(entry.change_message, secrets)
        entry.save(update_fields=["object_repr", "change_message"])
        count += 1
    return count


def erase_member(actor, member: Member) -> Member:
    """Blank what names or reaches `member` and close its login; its visits, classes and
    activities stay counted under a placeholder name. The audit trail is redacted, and keeps
    who erased it and when."""
    user = member.user
    owners = [member] + ([user] if user else [])
    secrets = _secrets_of(member, owners)
    today = timezone.localdate()
    with transaction.atomic(), disable_auditlog():
        for name in person_fields("teams.Member"):
            setattr(member, name, "")
        member.full_name = placeholder(member)
        member.publish_phone = False
        member.is_active = False
        member.save()
        for membership in member.memberships.open():
            membership.ended_on = max(today, membership.started_on or today)
            membership.save()
        for leave in member.leaves.exclude(reason=""):
            leave.reason = ""
            leave.save()
        for swap in member.swaps_asked.exclude(message=""):
            swap.message = ""
            swap.save()
        if hasattr(member, "calendar_feed"):
            member.calendar_feed.delete()
        if user is not None:
            for name in person_fields("accounts.User"):
                setattr(user, name, "")
            user.username = f"da-xoa-{user.pk}"
            user.is_active = False
            user.set_unusable_password()
            user.save()
            user.setup_links.all().delete()
        redact_audit(member, secrets)
        redact_admin_log(secrets)
        erased = {name: [REDACTED, ""] for name in person_fields("teams.Member")}
        erased["full_name"] = [REDACTED, member.full_name]
        _log(actor, member, erased, "erase")
        if user is not None:
            _log(actor, user, {"is_active": ["True", "False"]}, "erase")
    return member
