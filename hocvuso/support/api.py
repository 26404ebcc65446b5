"""Support visits: list, log (idempotent by the phone's client_key), correct, delete, today's count;
and the catalogue of services a phone offers, the most used first.

Every write goes through `hocvuso.support.services`; this module only turns
JSON into a `VisitInput` and a visit into JSON.
"""

import datetime
import uuid

from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from hocvuso.accounts.scoping import scope_for
from hocvuso.accounts.words import facts_for
from hocvuso.core.api import (
    ERRORS,
    RECORD_RELATED,
    BodyId,
    Code,
    Count,
    Flag,
    Id,
    LocalMoment,
    MemberRef,
    Moment,
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
from hocvuso.core.scoping import EVERYTHING
from hocvuso.units.facts import local_label
from hocvuso.units.models import Unit

from .models import AgeBand, Gender, Outcome, Place, Service, SupportVisit
from .services import (
    VisitInput,
    change_visit,
    delete_visit,
    may_change,
    record_visit,
    today_count,
)

router = Router(tags=["Lượt hỗ trợ"])

POPULAR_OVER = datetime.timedelta(days=90)


def _choices(choices) -> str:
    return ", ".join(f"{value} ({label})" for value, label in choices.choices)


class ServiceRef(Schema):
    code: str
    short_name: str


class VisitOut(Schema):
    id: int
    client_key: uuid.UUID | None
    occurred_at: LocalMoment
    commune: UnitRef
    village: UnitRef | None
    team: TeamRef | None
    member: MemberRef | None
    place: str
    place_label: str
    services: list[ServiceRef]
    people: int
    gender: str
    gender_label: str
    age_band: str
    age_band_label: str
    elderly: bool
    disability: bool
    outcome: str
    outcome_label: str
    note: str
    created_at: LocalMoment
    updated_at: LocalMoment

    @staticmethod
    def resolve_services(visit):
        return list(visit.services.all())

    @staticmethod
    def resolve_place_label(visit, context):
        # "Nhà văn hóa bản, xóm": the place in the words of the caller's commune.
        user = getattr(context.get("request"), "user", None)
        return local_label(visit.place, visit.get_place_display(), facts_for(user))

    @staticmethod
    def resolve_gender_label(visit):
        return visit.get_gender_display()

    @staticmethod
    def resolve_age_band_label(visit):
        return visit.get_age_band_display()

    @staticmethod
    def resolve_outcome_label(visit):
        return visit.get_outcome_display()


class VisitDetail(VisitOut):
    may_change: bool = Field(
        False,
        description="Người gọi còn sửa, xóa được lượt này (tổ viên: lượt của mình, trong ngày).",
    )


class VisitPage(RecordPage):
    items: list[VisitOut]


class VisitIn(Schema):
    client_key: uuid.UUID = Field(
        ..., description="Mã UUID do điện thoại tạo; gửi lại cùng mã không tạo bản ghi thứ hai."
    )
    occurred_at: Moment | None = Field(None, description="Mặc định: lúc nhận được.")
    services: list[Code] = Field(..., max_length=50, description="Mã dịch vụ trong danh mục.")
    place: Code = Field(Place.SERVICE_CENTRE, description=_choices(Place))
    people: Count = 1
    gender: Code = Field(Gender.UNKNOWN, description=_choices(Gender))
    age_band: Code = Field(AgeBand.UNKNOWN, description=_choices(AgeBand))
    elderly: Flag = False
    disability: Flag = False
    outcome: Code = Field(Outcome.DONE, description=_choices(Outcome))
    village: VillageCode = None
    team: TeamId = None
    note: Text(1000) = Field("", description="Không ghi họ tên, số định danh của người dân.")

    def to_input(self) -> VisitInput:
        return VisitInput(**service_values(self))


class VisitPatch(Schema):
    """Only the fields sent change; a field may not be set to null unless it says so."""

    occurred_at: Moment = None
    services: list[Code] = Field(None, max_length=50)
    place: Code = None
    people: Count = None
    gender: Code = None
    age_band: Code = None
    elderly: Flag = None
    disability: Flag = None
    outcome: Code = None
    village: Code | None = Field(None, description="null: bỏ đơn vị cấp thôn.")
    team: BodyId = None
    note: Text(1000) = None


class ServiceOut(Schema):
    code: str
    name: str
    short_name: str
    description: str
    uses: int = Field(
        ..., description="Số lượt hỗ trợ trong 90 ngày qua, ở các xã, phường của người gọi."
    )


class TodayOut(Schema):
    visits: int
    people: int


def _visits(user):
    return (
        SupportVisit.objects.visible_to(scope_for(user))
        .select_related(*RECORD_RELATED)
        .prefetch_related("services")
    )


def _detail(user, pk: int) -> SupportVisit:
    visit = get_object_or_404(_visits(user), pk=pk)
    visit.may_change = may_change(user, visit)
    return visit


@router.get("/visits", response={200: VisitPage, **ERRORS})
def list_visits(request, filters: Query[RecordFilter]):
    """Lượt hỗ trợ trong phạm vi của người gọi, mới nhất trước."""
    return newest_page(_visits(request.auth), filters, day_field="occurred_at", moment=True)


@router.post("/visits", response={200: VisitDetail, 201: VisitDetail, **ERRORS})
def create_visit(request, data: VisitIn):
    """Ghi một lượt hỗ trợ. 201: đã lưu; 200: mã client_key này đã được lưu trước đó."""
    visit, created = record_visit(request.auth, data.to_input())
    if not created:
        return Status(200, _detail(request.auth, visit.pk))
    # The new visit is answered as it was saved: its commune, village, team and member
    # are those the checks read; only its services are read back, in their usual order.
    prefetch_related_objects([visit], "services")
    visit.may_change = may_change(request.auth, visit)
    return Status(201, visit)


@router.get("/visits/today", response={200: TodayOut, **ERRORS})
def visits_today(request):
    """Số lượt và số người người gọi đã hỗ trợ hôm nay."""
    return today_count(request.auth)


@router.get("/visits/{visit_id}", response={200: VisitDetail, **ERRORS})
def get_visit(request, visit_id: Id):
    return _detail(request.auth, visit_id)


@router.patch("/visits/{visit_id}", response={200: VisitDetail, **ERRORS})
def update_visit(request, visit_id: Id, data: VisitPatch):
    """Sửa lượt hỗ trợ; tổ viên chỉ sửa được lượt của mình, trong ngày."""
    user = request.auth
    visit = get_object_or_404(_visits(user), pk=visit_id)
    current = VisitInput(
        services=[service.code for service in visit.services.all()],
        occurred_at=visit.occurred_at,
        place=visit.place,
        people=visit.people,
        gender=visit.gender,
        age_band=visit.age_band,
        elderly=visit.elderly,
        disability=visit.disability,
        outcome=visit.outcome,
        village=visit.village.code if visit.village else None,
        team_id=visit.team_id,
        note=visit.note,
    )
    changes = data.model_dump(exclude_unset=True)
    if "team" in changes:
        current.team_id = changes.pop("team")
    for name, value in changes.items():
        setattr(current, name, value)
    change_visit(user, visit, current)
    return _detail(user, visit.pk)


@router.delete("/visits/{visit_id}", response={204: None, **ERRORS})
def remove_visit(request, visit_id: Id):
    """Xóa lượt hỗ trợ; tổ viên chỉ xóa được lượt của mình, trong ngày."""
    visit = get_object_or_404(_visits(request.auth), pk=visit_id)
    delete_visit(request.auth, visit)
    return Status(204, None)


@router.get("/services", tags=["Danh mục"], response={200: list[ServiceOut], **ERRORS})
def list_services(request):
    """Danh mục dịch vụ đang dùng, dịch vụ hay dùng nhất ở xã, phường của người gọi lên trước."""
    scope = scope_for(request.auth)
    recent = Q(visits__occurred_at__gte=timezone.now() - POPULAR_OVER)
    services = Service.objects.filter(is_active=True)
    if scope.kind != EVERYTHING:
        recent &= Q(visits__commune_id__in=scope.commune_ids)
        provinces = Unit.objects.filter(pk__in=scope.commune_ids).values("parent_id")
        services = services.usable_in(provinces)
    services = services.annotate(uses=models.Count("visits", filter=recent))
    return list(services.order_by("-uses", "position", "name"))
