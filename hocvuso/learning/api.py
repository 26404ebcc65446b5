"""Digital classes (lớp học số). Writes go through `hocvuso.learning.services`."""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from hocvuso.accounts.scoping import scope_for
from hocvuso.core.api import (
    ERRORS,
    RECORD_RELATED,
    Count,
    Day,
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

from .models import DigitalClass
from .services import ClassInput, record_class

router = Router(tags=["Lớp học số"])


class ClassOut(Schema):
    id: int
    held_on: datetime.date
    topic: str
    location: str
    officials: int
    teachers: int
    students: int
    citizens: int
    attendees: int
    commune: UnitRef
    village: UnitRef | None
    team: TeamRef | None
    member: MemberRef | None
    created_at: LocalMoment


class ClassPage(RecordPage):
    items: list[ClassOut]


class ClassIn(Schema):
    held_on: Day | None = Field(None, description="Mặc định: hôm nay.")
    topic: Text(250)
    location: Text(150) = ""
    officials: Count = Field(0, description="Cán bộ, công chức, viên chức")
    teachers: Count = Field(0, description="Giáo viên")
    students: Count = Field(0, description="Học sinh")
    citizens: Count = Field(0, description="Người dân")
    village: VillageCode = None
    team: TeamId = None


def _classes(user):
    return DigitalClass.objects.visible_to(scope_for(user)).select_related(*RECORD_RELATED)


@router.get("/classes", response={200: ClassPage, **ERRORS})
def list_classes(request, filters: Query[RecordFilter]):
    """Lớp học số trong phạm vi của người gọi, mới nhất trước."""
    return newest_page(_classes(request.auth), filters, day_field="held_on")


@router.post("/classes", response={201: ClassOut, **ERRORS})
def create_class(request, data: ClassIn):
    """Ghi một lớp học số và số người học theo nhóm."""
    digital_class = record_class(request.auth, ClassInput(**service_values(data)))
    return Status(201, get_object_or_404(_classes(request.auth), pk=digital_class.pk))
