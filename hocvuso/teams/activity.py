"""What a team did and who is active: the figures of the team pages.

Every figure is computed in the database with a fixed number of queries,
whatever the number of teams, members or records. A member's records count
for as long as the records exist: leaving a team ends a membership, it never
removes what the member logged.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Sum

from hocvuso.core.periods import Period, month_of, year_until
from hocvuso.learning.models import DigitalClass
from hocvuso.outreach.models import OutreachActivity
from hocvuso.support.models import SupportVisit

from .models import Member, Membership, Role, Team

ROLE_ORDER = {Role.LEADER: 0, Role.DEPUTY: 1, Role.MEMBER: 2}


def _visits_in(period: Period):
    lower, upper = period.bounds
    return SupportVisit.objects.filter(occurred_at__gte=lower, occurred_at__lt=upper)


def _totals(visits) -> dict:
    totals = visits.aggregate(records=Count("pk"), people=Sum("people"))
    return {"records": totals["records"], "people": totals["people"] or 0}


def members_who_logged(member_ids, period: Period) -> set[int]:
    """Which of `member_ids` logged a visit, an outreach activity or a class in `period`."""
    ids = list(member_ids)
    if not ids:
        return set()
    dates = {"held_on__gte": period.start, "held_on__lte": period.end}
    logged = set(_visits_in(period).filter(member_id__in=ids).values_list("member_id", flat=True))
    logged |= set(
        OutreachActivity.objects.filter(member_id__in=ids, **dates).values_list(
            "member_id", flat=True
        )
    )
    logged |= set(
        DigitalClass.objects.filter(member_id__in=ids, **dates).values_list("member_id", flat=True)
    )
    return logged


@dataclass
class MemberRow:
    membership: Membership
    member: Member
    month_people: int = 0
    month_records: int = 0
    logged_this_month: bool = False

    @property
    def is_active(self) -> bool:
        return self.membership.ended_on is None and self.member.is_active


@dataclass
class TeamPage:
    team: Team
    month: Period
    year: Period
    members: list[MemberRow] = field(default_factory=list)
    former: list[MemberRow] = field(default_factory=list)
    month_visits: dict = field(default_factory=dict)
    year_visits: dict = field(default_factory=dict)
    all_visits: dict = field(default_factory=dict)
    month_activities: int = 0
    month_classes: int = 0

    @property
    def active_members(self) -> list[MemberRow]:
        return [row for row in self.members if row.is_active]

    @property
    def idle(self) -> list[MemberRow]:
        """Active members with nothing logged this month."""
        return [row for row in self.active_members if not row.logged_this_month]


def team_page(team: Team, today: datetime.date) -> TeamPage:
    page = TeamPage(team, month_of(today), year_until(today))
    memberships = list(
        Membership.objects.filter(team=team)
        .select_related("member")
        .order_by("member__full_name", "-started_on", "-pk")
    )
    current = {m.member_id: m for m in memberships if m.ended_on is None}
    # The latest ended membership of each person who is no longer in the team.
    former = {}
    for m in memberships:
        if m.ended_on is not None and m.member_id not in current:
            kept = former.get(m.member_id)
            if kept is None or m.ended_on > kept.ended_on:
                former[m.member_id] = m
    month_visits = _visits_in(page.month).filter(team=team)
    by_member = {
        row["member_id"]: row
        for row in month_visits.values("member_id").annotate(
            records=Count("pk"), people=Sum("people")
        )
    }
    logged = members_who_logged(current, page.month)

    def row(m: Membership) -> MemberRow:
        counts = by_member.get(m.member_id, {})
        return MemberRow(
            m,
            m.member,
            month_people=counts.get("people") or 0,
            month_records=counts.get("records") or 0,
            logged_this_month=m.member_id in logged,
        )

    page.members = sorted(
        (row(m) for m in current.values()),
        key=lambda r: (ROLE_ORDER.get(r.membership.role, 9), r.member.full_name),
    )
    page.former = sorted(
        (row(m) for m in former.values()), key=lambda r: r.membership.ended_on, reverse=True
    )
    page.month_visits = _totals(month_visits)
    page.year_visits = _totals(_visits_in(page.year).filter(team=team))
    page.all_visits = _totals(SupportVisit.objects.filter(team=team))
    dates = {"held_on__gte": page.month.start, "held_on__lte": page.month.end}
    page.month_activities = OutreachActivity.objects.filter(team=team, **dates).count()
    page.month_classes = DigitalClass.objects.filter(team=team, **dates).count()
    return page


@dataclass
class TeamRow:
    team: Team
    leader: str = ""
    active_members: int = 0
    idle_members: int = 0
    month_people: int = 0


def team_rows(teams, today: datetime.date) -> list[TeamRow]:
    """One row per team of `teams`: its leader, active members, idle members and visits."""
    month = month_of(today)
    teams = list(teams.select_related("unit", "commune").order_by("commune__name", "level"))
    rows = {team.pk: TeamRow(team) for team in teams}
    memberships = (
        Membership.objects.open()
        .filter(team_id__in=rows, member__is_active=True)
        .values_list("team_id", "member_id", "role", "member__full_name")
    )
    members_of = {}
    for team_id, member_id, role, name in memberships:
        members_of.setdefault(team_id, set()).add(member_id)
        if role == Role.LEADER:
            rows[team_id].leader = name
    logged = members_who_logged({m for ids in members_of.values() for m in ids}, month)
    for team_id, ids in members_of.items():
        rows[team_id].active_members = len(ids)
        rows[team_id].idle_members = len(ids - logged)
    visits = (
        _visits_in(month).filter(team_id__in=rows).values("team_id").annotate(people=Sum("people"))
    )
    for visit in visits:
        rows[visit["team_id"]].month_people = visit["people"]
    # A village team under its village, in the order of the village codes.
    return sorted(
        rows.values(),
        key=lambda r: (
            r.team.commune.name,
            r.team.level != "commune",
            r.team.unit.code,
            r.team.name,
        ),
    )
