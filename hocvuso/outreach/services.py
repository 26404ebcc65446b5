"""Writes on communication activities and Zalo groups. Pages, the API and tests call these.

As for support visits, validation, the scope check and the audit trail happen
here once: every mistake is collected and named in Vietnamese before anything
is saved, and every change names its author in the audit log.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from hocvuso.accounts.permissions import require_commune_writer
from hocvuso.accounts.scoping import scope_for
from hocvuso.core.audit import acting_as
from hocvuso.core.citizen_data import citizen_data_problem
from hocvuso.core.scoping import EVERYTHING, MEMBER, TEAMS
from hocvuso.support.services import default_team, member_of
from hocvuso.teams.models import Member, Team
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import capfirst, unit_phrase, unknown_village

from .models import Channel, OutreachActivity, ZaloGroup

EARLIEST_DAY = datetime.date(2000, 1, 1)
MAX_TIMES = 1000
MAX_REACH = 10_000_000
MAX_ZALO_MEMBERS = 1_000_000


@dataclass
class Where:
    """Where a record belongs: its commune, village, team and the member who logs it."""

    commune: Unit | None
    village: Unit | None
    team: Team | None
    member: Member | None

    def fields(self) -> dict:
        """The record's fields it gives, to create the record with."""
        return {
            "commune": self.commune,
            "village": self.village,
            "team": self.team,
            "member": self.member,
        }


def locate(user, team_id: int | None, village_code: str | None, errors: dict) -> Where:
    """Resolve the team and village a user logs for, by the rules of support visits.

    A member or team leader logs for their own team (their village team by
    default) and any village of its commune; an officer logs for any team or
    village of their communes. Problems are added to `errors`. A province's officer, who
    only reads its communes' records, is refused.
    """
    require_commune_writer(user)
    scope = scope_for(user)
    member = member_of(user)
    team = None
    if team_id is not None:
        team = Team.objects.visible_to(scope).filter(pk=team_id).first()
        if team is None:
            errors["team"] = "Tổ không có hoặc nằm ngoài phạm vi của bạn."
    elif member is not None:
        team = default_team(member)
    if scope.kind in (TEAMS, MEMBER) and "team" not in errors:
        if team is None:
            errors["team"] = "Bạn chưa thuộc tổ nào đang hoạt động."
        elif team.pk not in scope.team_ids:
            errors["team"] = "Bạn chỉ ghi được cho tổ của mình."

    commune = team.commune if team else None
    if commune is None and scope.kind != EVERYTHING and len(scope.commune_ids) == 1:
        commune = Unit.objects.get(pk=next(iter(scope.commune_ids)))
    village = None
    if village_code:
        village = Unit.objects.filter(level=Level.VILLAGE, code=village_code).first()
        if village is None or (commune and village.parent_id != commune.pk):
            errors["village"] = unknown_village(commune)
            village = None
        elif commune is None:
            commune = village.commune
    elif team is not None and team.unit.level == Level.VILLAGE:
        village = team.unit
    if commune is None and "team" not in errors and "village" not in errors:
        errors["commune"] = "Không xác định được xã, phường: hãy chọn tổ hoặc địa bàn."
    if commune is not None and scope.kind != EVERYTHING and commune.pk not in scope.commune_ids:
        errors["commune"] = f"{capfirst(unit_phrase(commune))} nằm ngoài phạm vi của bạn."
    return Where(commune, village, team, member if scope.kind in (TEAMS, MEMBER) else None)


def check_day(day: datetime.date, field: str, errors: dict) -> None:
    """A day of work: not in the future, nor before the movement's records could start."""
    if not isinstance(day, datetime.date):
        errors[field] = "Ngày không hợp lệ."
    elif day > timezone.localdate():
        errors[field] = "Ngày không được ở tương lai."
    elif day < EARLIEST_DAY:
        errors[field] = "Ngày không hợp lệ."


def check_count(value, field: str, errors: dict, *, low: int, high: int, label: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        highest = f"{high:,}".replace(",", ".")  # 10.000.000, as Vietnamese writes it
        errors[field] = f"{label} phải là số nguyên từ {low} đến {highest}."


@dataclass
class ActivityInput:
    """One communication activity, in codes: what a phone or a form sends."""

    channel: str
    title: str
    held_on: datetime.date | None = None  # today when not given
    times: int = 1
    reach: int | None = None
    village: str | None = None  # village code
    team_id: int | None = None


def record_activity(user, data: ActivityInput) -> OutreachActivity:
    errors = {}
    held_on = data.held_on or timezone.localdate()
    check_day(held_on, "held_on", errors)
    if data.channel not in Channel.values:
        errors["channel"] = "Hình thức tuyên truyền không hợp lệ."
    title = (data.title or "").strip()
    if not title:
        errors["title"] = "Hãy nhập nội dung tuyên truyền."
    elif len(title) > 250:
        errors["title"] = "Nội dung tối đa 250 ký tự."
    elif problem := citizen_data_problem(title, "Nội dung"):
        errors["title"] = problem
    check_count(data.times, "times", errors, low=1, high=MAX_TIMES, label="Số lần")
    if data.reach is not None:
        check_count(data.reach, "reach", errors, low=0, high=MAX_REACH, label="Số người tiếp cận")
    where = locate(user, data.team_id, data.village, errors)
    if errors:
        raise ValidationError(errors)
    activity = OutreachActivity(
        **where.fields(),
        held_on=held_on,
        channel=data.channel,
        title=title,
        times=data.times,
        reach=data.reach,
    )
    with acting_as(user):
        activity.save()
    return activity


def count_zalo_members(
    user, group: ZaloGroup, member_count: int, counted_on: datetime.date | None = None
) -> ZaloGroup:
    """Record how many members a village's Zalo group has; counted today unless a day is given."""
    if not ZaloGroup.objects.editable_by(scope_for(user)).filter(pk=group.pk).exists():
        raise PermissionDenied("Bạn không cập nhật được nhóm Zalo này.")
    errors = {}
    check_count(
        member_count,
        "member_count",
        errors,
        low=0,
        high=MAX_ZALO_MEMBERS,
        label="Số thành viên",
    )
    counted_on = counted_on or timezone.localdate()
    check_day(counted_on, "counted_on", errors)
    if errors:
        raise ValidationError(errors)
    group.member_count = member_count
    group.counted_on = counted_on
    with acting_as(user):
        group.save(update_fields=["member_count", "counted_on", "updated_at"])
    return group


def zalo_group_name(village: Unit) -> str:
    """ "Zalo Bản Na Son"."""
    return f"Zalo {village.name}"


def ensure_zalo_groups(villages, teams: dict[int, Team] | None = None, user=None) -> list:
    """A Zalo group record for each village without one, kept by its village team; its
    members are counted later (`count_zalo_members`). Calling this again changes nothing."""
    villages = list(villages)
    teams = teams or {}
    having = set(
        ZaloGroup.objects.filter(village__in=[v.pk for v in villages]).values_list(
            "village_id", flat=True
        )
    )
    created = []
    with acting_as(user), transaction.atomic():
        for village in villages:
            if village.pk in having:
                continue
            group = ZaloGroup(
                village=village, team=teams.get(village.pk), name=zalo_group_name(village)
            )
            group.save()
            created.append(group)
    return created


def rename_zalo_groups(village: Unit, old_village_name: str, user=None) -> None:
    """After a village is renamed, its Zalo group is too, if it still bears its default name."""
    groups = ZaloGroup.objects.filter(village=village, name=f"Zalo {old_village_name}")
    with acting_as(user):
        for group in groups:
            group.name = zalo_group_name(village)
            group.save(update_fields=["name", "updated_at"])
