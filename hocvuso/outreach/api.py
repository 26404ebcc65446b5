"""Communication activities and the villages' Zalo groups.

Writes go through `hocvuso.outreach.services`.
"""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from hocvuso.accounts.scoping import scope_for
from hocvuso.core.api import (
    ERRORS,
    RECORD_RELATED,
    Code,
    Count,
    Day,
    Id,
    LocalMoment,
    MemberRef,
    RecordFilter,
    RecordPage,
    TeamId,
    TeamRef,
    Text,
    UnitRef,
    VillageCode,
    newest_page,
    service_values,
)

from .models import Channel, OutreachActivity, ZaloGroup
from .services import ActivityInput, count_zalo_members, record_activity

router = Router(tags=["Tuyên truyền, nhóm Zalo"])


class ActivityOut(Schema):
    id: int
    held_on: datetime.date
    channel: str
    channel_label: str
    title: str
    times: int
    reach: int | None
    commune: UnitRef
    village: UnitRef | None
    team: TeamRef | None
    member: MemberRef | None
    created_at: LocalMoment

    @staticmethod
    def resolve_channel_label(activity):
        return activity.get_channel_display()


class ActivityPage(RecordPage):
    items: list[ActivityOut]


class ActivityIn(Schema):
    held_on: Day | None = Field(None, description="Mặc định: hôm nay.")
    channel: Code = Field(
        ..., description=", ".join(f"{value} ({label})" for value, label in Channel.choices)
    )
    title: Text(250)
    times: Count = Field(1, description="Số lần, ví dụ phát loa 3 buổi.")
    reach: Count | None = Field(None, description="Số người tiếp cận (ước tính).")
    village: VillageCode = None
    team: TeamId = None


class ZaloGroupOut(Schema):
    id: int
    name: str
    link: str
    member_count: int
    counted_on: datetime.date | None
    commune: UnitRef
    village: UnitRef
    team: TeamRef | None


class ZaloCountIn(Schema):
    member_count: Count
    counted_on: Day | None = Field(None, description="Mặc định: hôm nay.")


def _activities(user):
    return OutreachActivity.objects.visible_to(scope_for(user)).select_related(*RECORD_RELATED)


def _zalo_groups(user):
    return ZaloGroup.objects.visible_to(scope_for(user)).select_related(
        "commune", "village", "team"
    )


@router.get("/activities", response={200: ActivityPage, **ERRORS})
def list_activities(request, filters: Query[RecordFilter]):
    """Hoạt động tuyên truyền trong phạm vi của người gọi, mới nhất trước."""
    return newest_page(_activities(request.auth), filters, day_field="held_on")


@router.post("/activities", response={201: ActivityOut, **ERRORS})
def create_activity(request, data: ActivityIn):
    """Ghi một hoạt động tuyên truyền."""
    activity = record_activity(request.auth, ActivityInput(**service_values(data)))
    return Status(201, get_object_or_404(_activities(request.auth), pk=activity.pk))


@router.get("/zalo-groups", response={200: list[ZaloGroupOut], **ERRORS})
def list_zalo_groups(request):
    """Nhóm Zalo của các thôn, bản, tổ dân phố trong phạm vi của người gọi."""
    return list(_zalo_groups(request.auth))


@router.patch("/zalo-groups/{group_id}", response={200: ZaloGroupOut, **ERRORS})
def count_zalo_group(request, group_id: Id, data: ZaloCountIn):
    """Cập nhật số thành viên của một nhóm Zalo."""
    group = get_object_or_404(_zalo_groups(request.auth), pk=group_id)
    return count_zalo_members(request.auth, group, data.member_count, data.counted_on)
