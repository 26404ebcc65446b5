"""What a team did and who is active: the figures of the team pages.

Every figure is computed in the database with a fixed number of queries,
whatever the number of teams, members or records. A member's records count
for as long as the records exist: leaving a team ends a membership, it never
removes what the member logged.
"""

import datetime
from dataclasses import dataclass, field

from hocvuso.core.periods import Period, month_of, year_until

from .models import Member, Membership, Role, Team

ROLE_ORDER = {Role.LEADER: 0, Role.DEPUTY: 1, Role.MEMBER: 2}

# The capabilities whose records the team pages count, by name ("visits",
# "activities", "classes"). Teams sit below those capabilities and never import
# them: each registers its figures here when its app is ready (see its apps.py).
# A source gives members_who_logged(member_ids, period) -> set of ids, and
# team_totals(team_ids, period) / member_totals(team_id, period) -> {id: {"records", "people"}}.
SOURCES = {}
NOTHING = {"records": 0, "people": 0}


def register_source(name: str, source) -> None:
    SOURCES[name] = source


def members_who_logged(member_ids, period: Period) -> set[int]:
    """Which of `member_ids` logged anything (a visit, an activity, a class) in `period`."""
    ids = list(member_ids)
    logged = set()
    for source in SOURCES.values() if ids else ():
        logged |= source.members_who_logged(ids, period)
    return logged


def _team_totals(name: str, team_ids, period: Period | None) -> dict[int, dict]:
    source = SOURCES.get(name)
    return source.team_totals(team_ids, period) if source else {}


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
    visits = SOURCES.get("visits")
    by_member = visits.member_totals(team.pk, page.month) if visits else {}
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
    page.month_visits = _team_totals("visits", [team.pk], page.month).get(team.pk, NOTHING)
    page.year_visits = _team_totals("visits", [team.pk], page.year).get(team.pk, NOTHING)
    page.all_visits = _team_totals("visits", [team.pk], None).get(team.pk, NOTHING)
    for name, attribute in (("activities", "month_activities"), ("classes", "month_classes")):
        counts = _team_totals(name, [team.pk], page.month).get(team.pk, NOTHING)
        setattr(page, attribute, counts["records"])
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
    for team_id, totals in _team_totals("visits", list(rows), month).items():
        rows[team_id].month_people = totals["people"]
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
