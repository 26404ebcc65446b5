"""Learning figures: digital classes held and online-course participation."""

from django.db.models import Count, Q, Sum

from hocvuso.core.figures import DatedRecords
from hocvuso.core.periods import Period
from hocvuso.units.models import Unit

from .models import CourseParticipation, DigitalClass, LearnerGroup, Platform

GROUPS = [g.value for g in LearnerGroup]


def for_period(commune_ids, period: Period) -> dict:
    classes = DigitalClass.objects.filter(
        commune_id__in=commune_ids, held_on__gte=period.start, held_on__lte=period.end
    )
    totals = classes.aggregate(
        classes=Count("pk"),
        **{g: Sum(g, default=0) for g in GROUPS},
    )
    attendees = {g: totals[g] for g in GROUPS}
    attendees["total"] = sum(attendees.values())
    # A participation row counts when its own period overlaps the report's.
    rows = CourseParticipation.objects.filter(
        commune_id__in=commune_ids,
        period_start__lte=period.end,
        period_end__gte=period.start,
    )
    labels = dict(LearnerGroup.choices)
    courses = [
        {
            "platform": row["platform__name"],
            "url": row["platform__url"],
            "group_code": row["group"],
            "group": str(labels[row["group"]]),
            "participants": row["participants"],
            "completed": row["completed"],
        }
        for row in rows.values("platform__name", "platform__url", "platform__position", "group")
        .annotate(participants=Sum("participants"), completed=Sum("completed"))
        .order_by("platform__position", "group")
    ]
    by_group = rows.aggregate(
        **{g: Sum("participants", filter=Q(group=g), default=0) for g in GROUPS}
    )
    by_group["total"] = sum(by_group.values())
    return {
        "classes": totals["classes"],
        "attendees": attendees,
        "courses": courses,
        "course_participants": by_group,
        # The national platforms and the province's own, never another province's.
        "platforms": [
            {"name": name, "url": url}
            for name, url in platforms_for(commune_ids, rows).values_list("name", "url")
        ],
    }


def platforms_for(commune_ids, participation):
    """The platforms a commune's report names: the national ones, its province's own, and any
    other its people took courses on. Another province's platform is not the commune's."""
    provinces = Unit.objects.filter(pk__in=commune_ids).values("parent_id")
    return Platform.objects.filter(
        Q(province__isnull=True)
        | Q(province_id__in=provinces)
        | Q(pk__in=participation.values("platform_id"))
    ).order_by("position", "name")


# What the team pages count of the digital classes (registered with hocvuso.teams.activity).
team_counts = DatedRecords(DigitalClass)
