"""Team figures of a report: teams by level and members, as at the period's end."""

from django.db.models import Count, Q

from hocvuso.core.periods import Period

from .models import Affiliation, Member, Membership, Team, TeamLevel


def _active_on(prefix: str, day) -> Q:
    return (
        Q(**{f"{prefix}active_from__isnull": True}) | Q(**{f"{prefix}active_from__lte": day})
    ) & (Q(**{f"{prefix}active_to__isnull": True}) | Q(**{f"{prefix}active_to__gte": day}))


def for_period(commune_ids, period: Period) -> dict:
    day = period.end
    teams = Team.objects.filter(_active_on("", day), commune_id__in=commune_ids)
    by_level = dict(teams.values_list("level").annotate(n=Count("pk")))
    memberships = Membership.objects.during(day, day).filter(team__in=teams)
    members = Member.objects.filter(pk__in=memberships.values("member_id"))
    labels = dict(Affiliation.choices)
    by_affiliation = [
        {
            "code": row["affiliation"],
            "name": str(labels.get(row["affiliation"], "")),
            "members": row["n"],
        }
        for row in members.values("affiliation").annotate(n=Count("pk")).order_by("-n")
    ]
    by_team = [
        {
            "name": row["name"],
            "level": row["level"],
            "village": row["unit__name"],
            "members": row["members"],
        }
        for row in teams.values("name", "level", "unit__name", "unit__code")
        .annotate(members=Count("memberships", filter=Q(memberships__in=memberships)))
        .order_by("level", "unit__code")
    ]
    return {
        "commune": by_level.get(TeamLevel.COMMUNE, 0),
        "village": by_level.get(TeamLevel.VILLAGE, 0),
        "rapid": by_level.get(TeamLevel.RAPID_RESPONSE, 0),
        "members": members.count(),
        "by_affiliation": by_affiliation,
        "by_team": by_team,
    }
