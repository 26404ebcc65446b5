"""What a phone needs to fill its forms: the caller, teams, units and the service catalogue."""

import datetime
from typing import Literal

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from hocvuso.accounts.scoping import scope_for
from hocvuso.accounts.words import facts_for
from hocvuso.core.scoping import COMMUNES, EVERYTHING, NOTHING, Scope
from hocvuso.roster.services import current_assignment
from hocvuso.support.models import Place, Service
from hocvuso.support.services import default_team, member_of
from hocvuso.teams.models import Membership, Role, Team
from hocvuso.units.facts import local_label
from hocvuso.units.models import Level, Unit

from .schemas import ERRORS, Code, TeamRef, UnitRef

router = Router(tags=["Danh mục"])

ROLE_ORDER = {Role.LEADER: 0, Role.DEPUTY: 1, Role.MEMBER: 2}
POPULAR_OVER = datetime.timedelta(days=90)


class TeamMemberOut(Schema):
    id: int
    full_name: str
    role: str
    role_label: str
    phone: str | None = Field(None, description="Chỉ khi thành viên đồng ý công khai.")


class TeamOut(Schema):
    id: int
    name: str
    level: str
    level_label: str
    unit: UnitRef
    commune: UnitRef
    members: list[TeamMemberOut]

    @staticmethod
    def resolve_level_label(team):
        return team.level_label

    @staticmethod
    def resolve_members(team):
        memberships = sorted(
            team.open_memberships, key=lambda m: (ROLE_ORDER[m.role], m.member.full_name)
        )
        return [
            {
                "id": m.member.pk,
                "full_name": m.member.full_name,
                "role": m.role,
                "role_label": m.get_role_display(),
                "phone": m.member.phone if m.member.publish_phone and m.member.phone else None,
            }
            for m in memberships
        ]


class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    level: str
    level_label: str
    kind: str
    kind_label: str
    parent: UnitRef | None

    @staticmethod
    def resolve_level_label(unit):
        return unit.get_level_display()

    @staticmethod
    def resolve_kind_label(unit):
        return unit.get_kind_display()


class UnitFilter(Schema):
    level: Literal["commune", "village"] | None = None
    commune: Code | None = Field(None, description="Mã xã, phường: chỉ các đơn vị cấp thôn của nó.")


class ServiceOut(Schema):
    code: str
    name: str
    short_name: str
    description: str
    uses: int = Field(
        ..., description="Số lượt hỗ trợ trong 90 ngày qua, ở các xã, phường của người gọi."
    )


class MyTeamOut(Schema):
    id: int
    name: str
    level: str
    role: str
    role_label: str


class MemberOut(Schema):
    id: int
    full_name: str
    commune: UnitRef


class LoggingDefaults(Schema):
    team: TeamRef | None
    village: UnitRef | None
    place: str
    place_label: str
    duty_place: str | None = Field(None, description="Nơi đang trực, nếu đã điểm danh ca trực.")


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    role: str
    role_label: str
    unit: UnitRef | None
    member: MemberOut | None
    teams: list[MyTeamOut]
    defaults: LoggingDefaults


def _open_memberships():
    today = timezone.localdate()
    return (
        Membership.objects.open()
        .filter(member__is_active=True)
        .exclude(started_on__gt=today)
        .select_related("member")
    )


@router.get("/teams", response={200: list[TeamOut], **ERRORS})
def list_teams(request):
    """Các tổ đang hoạt động trong phạm vi của người gọi, với thành viên và vai trò."""
    teams = (
        Team.objects.visible_to(scope_for(request.auth))
        .exclude(active_to__lt=timezone.localdate())
        .select_related("unit", "commune")
        .prefetch_related(
            Prefetch("memberships", queryset=_open_memberships(), to_attr="open_memberships")
        )
    )
    return list(teams)


@router.get("/units", response={200: list[UnitOut], **ERRORS})
def list_units(request, filters: Query[UnitFilter]):
    """Các xã, phường và đơn vị cấp thôn trong phạm vi của người gọi, còn hiệu lực hôm nay."""
    scope = scope_for(request.auth)
    if scope.kind not in (EVERYTHING, COMMUNES, NOTHING):
        # Team leaders and members log visits in any village of their commune
        # (the visit service accepts them), so they read its list of villages.
        scope = Scope(COMMUNES, commune_ids=scope.commune_ids)
    units = (
        Unit.objects.visible_to(scope)
        .filter(level__in=[Level.COMMUNE, Level.VILLAGE])
        .exclude(valid_to__lt=timezone.localdate())
        .select_related("parent")
    )
    if filters.level:
        units = units.filter(level=filters.level)
    if filters.commune:
        units = units.filter(level=Level.VILLAGE, parent__code=filters.commune)
    return list(units.order_by("level", "code"))


@router.get("/services", response={200: list[ServiceOut], **ERRORS})
def list_services(request):
    """Danh mục dịch vụ đang dùng, dịch vụ hay dùng nhất ở xã, phường của người gọi lên trước."""
    scope = scope_for(request.auth)
    recent = Q(visits__occurred_at__gte=timezone.now() - POPULAR_OVER)
    services = Service.objects.filter(is_active=True)
    if scope.kind != EVERYTHING:
        recent &= Q(visits__commune_id__in=scope.commune_ids)
        provinces = Unit.objects.filter(pk__in=scope.commune_ids).values("parent_id")
        services = services.usable_in(provinces)
    services = services.annotate(uses=Count("visits", filter=recent))
    return list(services.order_by("-uses", "position", "name"))


@router.get("/me", response={200: MeOut, **ERRORS})
def me(request):
    """Người gọi: vai trò, đơn vị, tổ, và nơi mặc định khi ghi lượt hỗ trợ."""
    user = request.auth
    member = member_of(user)
    memberships = (
        list(_open_memberships().filter(member=member).select_related("team")) if member else []
    )
    team = default_team(member) if member else None
    village = team.unit if team and team.unit.level == Level.VILLAGE else None
    place = Place.CULTURAL_HOUSE if village else Place.SERVICE_CENTRE
    # Where the member is on duty comes first: the shift they checked in to.
    on_duty = current_assignment(member, timezone.now()) if member else None
    duty_place = on_duty.shift.place if on_duty else None
    if duty_place is not None:
        place = duty_place.kind if duty_place.kind in Place.values else Place.OTHER
        village = duty_place.village
    unit = user.unit
    if user.is_superuser:
        role, role_label = "admin", "Quản trị hệ thống"
    else:
        role, role_label = user.role, user.role_label
    return {
        "id": user.pk,
        "username": user.username,
        "full_name": user.get_full_name() or (member.full_name if member else user.username),
        "role": role,
        "role_label": role_label,
        "unit": unit,
        "member": member,
        "teams": [
            {
                "id": m.team.pk,
                "name": m.team.name,
                "level": m.team.level,
                "role": m.role,
                "role_label": m.get_role_display(),
            }
            for m in memberships
        ],
        "defaults": {
            "team": team,
            "village": village,
            "place": place,
            "place_label": local_label(place, Place(place).label, facts_for(user)),
            "duty_place": duty_place.name if duty_place else None,
        },
    }
