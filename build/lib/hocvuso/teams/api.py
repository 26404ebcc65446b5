"""The teams a phone shows: those of the caller's scope, with their members and roles."""

from django.db.models import Prefetch
from django.utils import timezone
from ninja import Field, Router, Schema

from hocvuso.accounts.scoping import scope_for
from hocvuso.core.api import ERRORS, UnitRef

from .activity import ROLE_ORDER
from .models import Membership, Team

router = Router(tags=["Danh mục"])


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


def serving_memberships():
    """The memberships open today, of active members, with the member."""
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
            Prefetch("memberships", queryset=serving_memberships(), to_attr="open_memberships")
        )
    )
    return list(teams)
