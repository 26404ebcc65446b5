"""Writes on a team's members. The team pages, the import and the tests call these.

A member is never deleted: their visits, activities and classes stay in every
figure. Leaving a team ends the membership (`ended_on`); a person who no
longer serves in any team is also marked inactive, which closes their account's
scope. The audit log keeps who changed what, and the ended memberships keep
the history on the team page.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hocvuso.accounts.services import IssuedLink, issue_setup_link, new_team_account
from hocvuso.core.audit import acting_as, prepare_logged
from hocvuso.units.words import unit_phrase

from .models import Member, Membership, Role, Team, TeamLevel, normalize_phone


@dataclass
class MemberInput:
    full_name: str
    role: str = Role.MEMBER
    affiliation: str = ""
    phone: str = ""
    position: str = ""
    started_on: datetime.date | None = None


def _check_leader_free(team: Team, role: str, member: Member | None = None) -> None:
    if role != Role.LEADER:
        return
    leaders = Membership.objects.open().filter(team=team, role=Role.LEADER)
    if member is not None:
        leaders = leaders.exclude(member=member)
    leader = leaders.select_related("member").first()
    if leader is not None:
        raise ValidationError(
            {
                "role": f"Tổ đã có tổ trưởng ({leader.member.full_name}). Mỗi tổ chỉ có một tổ trưởng."
            }
        )


def prepare_member(commune_id: int, data: MemberInput) -> Member:
    """A new person of the commune as `data` tells, checked but not saved."""
    member = Member(
        full_name=" ".join(data.full_name.split()),
        commune_id=commune_id,
        phone=data.phone,
        affiliation=data.affiliation or Member._meta.get_field("affiliation").default,
        position=data.position,
    )
    # The commune is that of a saved team or unit; checking it again would cost a query.
    member.full_clean(exclude=["user", "commune"])
    return member


def _enrol(team: Team, member: Member, role: str, started_on, user) -> Membership:
    with acting_as(user), transaction.atomic(savepoint=False):
        if team.pk is None:
            team.save()
        if member.pk is None:
            member.save()
        return Membership.objects.create(team=team, member=member, role=role, started_on=started_on)


def enrol(
    team: Team, member: Member, role: str, started_on: datetime.date | None = None, user=None
) -> Membership:
    """Open a membership of `member` in `team`, saving either first when it is new (checked
    by `prepare_member`, or `full_clean`); a team has one leader. In the caller's transaction
    when it has one: an import saves all its rows or none."""
    if team.pk is not None:
        _check_leader_free(team, role)
    return _enrol(team, member, role, started_on, user)


def prepare_enrolments(user, enrolments: list[tuple]) -> list:
    """The statements that open the memberships `enrolments` lists (team, member, role,
    started_on), saving first the teams and members that are new, with their audit entries
    (`core.audit.prepare_logged`): for an import, which runs them in one short transaction
    (`core.bulk.run_statements`) rather than holding SQLite's write lock row after row.
    The database still refuses a second leader or a second open membership."""
    teams = list({id(team): team for team, *_ in enrolments if team.pk is None}.values())
    members = list({id(m): m for _, m, *_ in enrolments if m.pk is None}.values())
    for team in teams:
        team.commune = team.unit.commune  # as Team.save does
    for member in members:
        member.phone = normalize_phone(member.phone)  # as Member.save does
    statements = prepare_logged(user, teams) + prepare_logged(user, members)
    memberships = [
        Membership(team=team, member=member, role=role, started_on=started_on)
        for team, member, role, started_on in enrolments
    ]
    return statements + prepare_logged(user, memberships)


def add_member(team: Team, data: MemberInput, user=None) -> Membership:
    """Make a new person a member of `team`, from `started_on` (today by default)."""
    _check_leader_free(team, data.role)
    member = prepare_member(team.commune_id, data)
    with transaction.atomic():
        return _enrol(team, member, data.role, data.started_on or timezone.localdate(), user)


def change_member(membership: Membership, data: MemberInput, user=None) -> Membership:
    """Change a member's details and their role in the membership's team."""
    if membership.ended_on is not None:
        raise ValidationError("Thành viên đã ngừng hoạt động trong tổ; hãy kích hoạt lại trước.")
    _check_leader_free(membership.team, data.role, membership.member)
    member = membership.member
    member.full_name = data.full_name.strip()
    member.phone = data.phone
    member.affiliation = data.affiliation or member.affiliation
    member.position = data.position
    member.full_clean(exclude=["user"])
    with acting_as(user), transaction.atomic():
        member.save()
        if membership.role != data.role:
            membership.role = data.role
            membership.save()
    return membership


def deactivate_member(membership: Membership, user=None, on: datetime.date | None = None) -> None:
    """End the membership; a person left in no team is marked inactive.

    Nothing is deleted, so the member's past visits stay counted in every figure.
    """
    if membership.ended_on is not None:
        return
    member = membership.member
    if user is not None and member.user_id == user.pk:
        raise ValidationError("Bạn không thể tự cho mình ngừng hoạt động trong tổ.")
    day = on or timezone.localdate()
    if membership.started_on and day < membership.started_on:
        day = membership.started_on
    with acting_as(user), transaction.atomic():
        membership.ended_on = day
        membership.save()
        still_serving = Membership.objects.open().filter(member=member).exists()
        if not still_serving and member.is_active:
            member.is_active = False
            member.save()


def reactivate_member(team: Team, member: Member, user=None) -> Membership:
    """Open a new membership of `member` in `team`, in their last role when it is free."""
    open_one = Membership.objects.open().filter(team=team, member=member).first()
    if open_one is not None and member.is_active:
        return open_one
    last = (
        Membership.objects.filter(team=team, member=member, ended_on__isnull=False)
        .order_by("-ended_on", "-pk")
        .first()
    )
    role = last.role if last else Role.MEMBER
    if role == Role.LEADER and team.leader is not None:
        role = Role.MEMBER
    with acting_as(user), transaction.atomic():
        if not member.is_active:
            member.is_active = True
            member.save()
        if open_one is not None:
            return open_one
        return Membership.objects.create(
            team=team, member=member, role=role, started_on=timezone.localdate()
        )


def give_login(member: Member, username: str, role: str, email: str = "", user=None) -> IssuedLink:
    """Make `member` a login named `username` (a team leader's or member's, `role`) and a
    one-time link to set its password, which `user` hands over. A person has one login: a
    member who has one is refused. In the caller's transaction when it has one."""
    if member.user_id is not None:
        raise ValidationError(
            f"{member.full_name} đã có tài khoản “{member.user.username}”; "
            "nếu quên mật khẩu, hãy cấp liên kết mới cho tài khoản đó."
        )
    with acting_as(user), transaction.atomic():
        account = new_team_account(username, member.full_name, role, email)
        member.user = account
        member.save(update_fields=["user", "updated_at"])
        return issue_setup_link(user, account)


def village_team_name(village) -> str:
    """ "Tổ công nghệ số cộng đồng bản Na Son": a village team's name, in its village's words."""
    return f"Tổ công nghệ số cộng đồng {unit_phrase(village)}"


def ensure_village_teams(villages, user=None) -> tuple[dict[int, Team], list[Team]]:
    """The village team of each village by village id, and those created for the villages
    that had none.

    One query finds the teams there are, whatever the number of villages; a village that
    has a team keeps it as it is, so that calling this again changes nothing.
    """
    villages = list(villages)
    teams, created = {}, []
    for team in Team.objects.filter(
        level=TeamLevel.VILLAGE, unit__in=[v.pk for v in villages]
    ).order_by("pk"):
        teams.setdefault(team.unit_id, team)
    with acting_as(user), transaction.atomic():
        for village in villages:
            if village.pk not in teams:
                team = Team(name=village_team_name(village), level=TeamLevel.VILLAGE, unit=village)
                # Valid by construction (a village team of a village, a name within 150
                # characters); `full_clean` would cost a query per village.
                team.save()
                teams[village.pk] = team
                created.append(team)
    return teams, created


def rename_village_team(village, old_name: str, user=None) -> None:
    """After a village is renamed, its team is too, if it still bears its default name."""
    new_name = village_team_name(village)
    teams = Team.objects.filter(level=TeamLevel.VILLAGE, unit=village, name=old_name)
    with acting_as(user):
        for team in teams:
            team.name = new_name
            team.save(update_fields=["name", "updated_at"])


def close_village_teams(village, on: datetime.date, user=None) -> None:
    """A village that no longer exists has no team working there from that day."""
    teams = Team.objects.filter(level=TeamLevel.VILLAGE, unit=village, active_to__isnull=True)
    with acting_as(user):
        for team in teams:
            team.active_to = max(on, team.active_from) if team.active_from else on
            team.save(update_fields=["active_to", "updated_at"])


def reopen_village_teams(village, closed_on: datetime.date, user=None) -> None:
    """Undo `close_village_teams` for a village brought back: the teams closed that day."""
    teams = Team.objects.filter(level=TeamLevel.VILLAGE, unit=village, active_to=closed_on)
    with acting_as(user):
        for team in teams:
            team.active_to = None
            team.save(update_fields=["active_to", "updated_at"])
