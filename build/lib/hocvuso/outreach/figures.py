"""Communication figures of a report: activities by channel, Zalo groups."""

from django.db.models import Count, Sum

from hocvuso.core.figures import DatedRecords
from hocvuso.core.periods import Period

from .models import Channel, OutreachActivity, ZaloGroup


def for_period(commune_ids, period: Period) -> dict:
    activities = OutreachActivity.objects.filter(
        commune_id__in=commune_ids, held_on__gte=period.start, held_on__lte=period.end
    )
    labels = dict(Channel.choices)
    order = list(labels)
    by_channel = sorted(
        (
            {
                "code": row["channel"],
                "name": str(labels.get(row["channel"], row["channel"])),
                "activities": row["activities"],
                "times": row["times"],
                "reach": row["reach"],
            }
            for row in activities.values("channel").annotate(
                activities=Count("pk"), times=Sum("times"), reach=Sum("reach", default=0)
            )
        ),
        key=lambda row: order.index(row["code"]) if row["code"] in order else len(order),
    )
    by_village = [
        {
            "code": row["village__code"] or "",
            # Activities for the whole commune: the report names the row in its words.
            "name": row["village__name"] or "",
            "activities": row["activities"],
            "times": row["times"],
        }
        for row in activities.values("village__code", "village__name")
        .annotate(activities=Count("pk"), times=Sum("times"))
        .order_by("village__code")
    ]
    # Zalo groups are counted as they stand now: a group keeps its latest
    # member count, and an issued report keeps the figures it stated.
    groups = ZaloGroup.objects.filter(commune_id__in=commune_ids)
    zalo = groups.aggregate(
        zalo_groups=Count("pk"),
        zalo_villages=Count("village", distinct=True),
        zalo_members=Sum("member_count", default=0),
    )
    zalo_by_village = [
        {
            "code": row["village__code"],
            "name": row["village__name"],
            "groups": row["groups"],
            "members": row["members"],
        }
        for row in groups.values("village__code", "village__name")
        .annotate(groups=Count("pk"), members=Sum("member_count"))
        .order_by("village__code")
    ]
    return {
        "activities": sum(row["activities"] for row in by_channel),
        "times": sum(row["times"] for row in by_channel),
        "by_channel": by_channel,
        "by_village": by_village,
        **zalo,
        "zalo_by_village": zalo_by_village,
    }


# What the team pages count of the communication activities (registered with hocvuso.teams.activity).
team_counts = DatedRecords(OutreachActivity)
