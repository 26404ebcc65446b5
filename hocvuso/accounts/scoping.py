"""Build the `Scope` of a signed-in user from their role."""

from django.utils import timezone

from hocvuso.core.scoping import COMMUNES, EVERYTHING, MEMBER, TEAMS, Scope
from hocvuso.units.models import Level

from .models import Role, UserRole

LEADING_ROLES = (Role.LEADER, Role.DEPUTY)
# The officer who keeps the settings of a unit of each level.
SETTINGS_OFFICER = {Level.COMMUNE: UserRole.COMMUNE_OFFICER, Level.PROVINCE: UserRole.CITY_OFFICER}


def _open_memberships(member):
    today = timezone.localdate()
    # Through the member's relation: accounts sits below teams and never imports them.
    # Unordered: the memberships' own order (by team, its commune…) would join three
    # tables to sort what only becomes a set of ids, on every request a member makes.
    return member.memberships.open().exclude(started_on__gt=today).order_by()


def scope_for(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope.nothing()
    cached = getattr(user, "_hocvuso_scope", None)
    if cached is not None:
        return cached
    scope = _build_scope(user)
    user._hocvuso_scope = scope
    return scope


def _build_scope(user) -> Scope:
    # permissions.py reads scopes; imported here to keep the two modules' imports one-way.
    from .permissions import writes_commune_records

    if user.is_superuser:
        return Scope.everything()
    if user.role == UserRole.MINISTRY_OFFICER:
        # Every province and commune, read-only: the Ministry answers with its own records
        # (its requests, its reviews), never a commune's or a province's.
        return Scope(EVERYTHING, writes=False)
    if user.role in (UserRole.CITY_OFFICER, UserRole.COMMUNE_OFFICER):
        if user.unit is None:
            return Scope.nothing()
        ids = frozenset(user.unit.communes().values_list("pk", flat=True))
        return Scope(COMMUNES, commune_ids=ids, writes=writes_commune_records(user))
    member = getattr(user, "member", None)
    if member is None or not member.is_active:
        return Scope.nothing()
    memberships = _open_memberships(member)
    commune_ids = frozenset({member.commune_id})
    if user.role == UserRole.TEAM_LEADER:
        team_ids = frozenset(
            memberships.filter(role__in=LEADING_ROLES).values_list("team_id", flat=True)
        )
        return Scope(TEAMS, commune_ids=commune_ids, team_ids=team_ids, member_id=member.pk)
    team_ids = frozenset(memberships.values_list("team_id", flat=True))
    return Scope(MEMBER, commune_ids=commune_ids, team_ids=team_ids, member_id=member.pk)


def may_edit_settings(user, unit) -> bool:
    """A unit's settings (its facts, its report's header and signer) are edited by its own
    officer — a commune's by its commune officer, a province's by its city officer — and by
    an administrator; nobody else, not even the province's officer for a commune."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    officer = SETTINGS_OFFICER.get(unit.level)
    return officer is not None and user.role == officer and user.unit_id == unit.pk
