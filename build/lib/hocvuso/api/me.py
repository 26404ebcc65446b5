"""The caller: their role, unit and teams, and where they log a visit by default."""

from django.utils import timezone
from ninja import Field, Router, Schema

from hocvuso.accounts.words import facts_for
from hocvuso.core.api import ERRORS, TeamRef, UnitRef
from hocvuso.roster.services import current_assignment
from hocvuso.support.models import Place
from hocvuso.support.services import default_team, member_of
from hocvuso.teams.api import serving_memberships
from hocvuso.units.facts import local_label
from hocvuso.units.models import Level

router = Router(tags=["Danh mục"])


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


@router.get("/me", response={200: MeOut, **ERRORS})
def me(request):
    """Người gọi: vai trò, đơn vị, tổ, và nơi mặc định khi ghi lượt hỗ trợ."""
    user = request.auth
    member = member_of(user)
    memberships = (
        list(serving_memberships().filter(member=member).select_related("team")) if member else []
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
