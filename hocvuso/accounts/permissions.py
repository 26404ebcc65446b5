"""Who may read and write what: one predicate per rule, for pages, admin, API and imports.

Reading follows the scope (`hocvuso.core.scoping`): a city officer reads its
communes, a commune officer its commune, a team leader their teams. Writing a
commune's own records (its report, its roster, its settings) is the commune's:
the city reads them and answers with its own records (requests, reviews).
"""

from django.core.exceptions import PermissionDenied

from .models import UserRole
from .scoping import scope_for


def writes_for_commune(user) -> bool:
    """The commune's officer (or an administrator) writes the commune's report and roster."""
    return user.is_superuser or user.role == UserRole.COMMUNE_OFFICER


READ_ONLY = "Cán bộ tỉnh, thành phố chỉ được xem dữ liệu của xã, phường."
MINISTRY_READS_ONLY = "Cán bộ Bộ chỉ được xem dữ liệu của tỉnh, thành phố và xã, phường."
# The officers who read the records of the units below them and change none of them.
READING_ROLES = (UserRole.CITY_OFFICER, UserRole.MINISTRY_OFFICER)


def writes_commune_records(user) -> bool:
    """Whether `user` may change any commune's records at all — its visits, documents, teams,
    roster, indicator values, reports: everyone but a province's officer, who reads its
    communes' records and changes none of them (it answers with its own: requests, reviews,
    settings), and the Ministry's officer, who reads every province's and commune's. What else a user may change follows from their scope; this rule is carried by
    the scope (`Scope.writes`), so that every door writing through `editable_by` — pages,
    admin, API, imports — obeys it."""
    return user.is_superuser or user.role not in READING_ROLES


def require_commune_writer(user) -> None:
    """Refuse a province's officer a write on a commune's records (the services' check, for
    the API and imports that reach them without a page)."""
    if not writes_commune_records(user):
        raise PermissionDenied(read_only_message(user))


def read_only_message(user) -> str:
    """Why `user`, who reads the communes' records, may change none of them."""
    return MINISTRY_READS_ONLY if user.role == UserRole.MINISTRY_OFFICER else READ_ONLY


def writes_for_province(user) -> bool:
    """The province's officer (or an administrator) writes the province's requests and settings."""
    return user.is_superuser or user.role == UserRole.CITY_OFFICER


def writes_for_nation(user) -> bool:
    """The Ministry's officer (or an administrator) writes the Ministry's requests and reviews
    the provinces' answers."""
    return user.is_superuser or user.role == UserRole.MINISTRY_OFFICER


def officer_scope(
    request, refusal: str = "Trang này dành cho cán bộ xã, phường và tỉnh, thành phố."
):
    """The scope of an officer (commune, province or administrator); anyone else is refused."""
    scope = scope_for(request.user)
    if not scope.is_officer:
        raise PermissionDenied(refusal)
    return scope


def writer_scope(request, refusal: str | None = None):
    """The scope of an officer who may change its communes' records; a province's officer or
    the Ministry's, who only read them, are refused (and so is anyone who is not an officer)."""
    refusal = refusal or read_only_message(request.user)
    scope = officer_scope(request, refusal)
    if not writes_commune_records(request.user):
        raise PermissionDenied(refusal)
    return scope


def manages_officers_of(user, province) -> bool:
    """The province's own officer (or an administrator) makes its communes' officer accounts."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (
        user.role == UserRole.CITY_OFFICER
        and user.unit_id is not None
        and user.unit_id == province.pk
    )


def makes_logins_in_commune(actor, commune_id: int) -> bool:
    """The commune's own officer (or an administrator) makes and hands over the logins of the
    commune's team leaders and members; a province's officer does not."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return False
    return actor.is_superuser or (
        actor.role == UserRole.COMMUNE_OFFICER and actor.unit_id == commune_id
    )


def may_issue_link(actor, user) -> bool:
    """Who may hand `user` a new one-time link to set a password: a city officer for a commune
    officer of its province, a commune officer for a team leader or member of its commune, an
    administrator for anyone who is not an administrator."""
    if actor is None or not actor.is_authenticated or not actor.is_active or actor.pk == user.pk:
        return False
    if user.is_superuser:
        return False
    if actor.is_superuser:
        return True
    if actor.role == UserRole.CITY_OFFICER and user.role == UserRole.COMMUNE_OFFICER:
        return user.unit is not None and actor.unit_id == user.unit.parent_id
    if actor.role == UserRole.COMMUNE_OFFICER and user.role in (
        UserRole.TEAM_LEADER,
        UserRole.TEAM_MEMBER,
    ):
        # Through the user's member record: accounts sits below teams and never imports them.
        member = getattr(user, "member", None)
        return member is not None and makes_logins_in_commune(actor, member.commune_id)
    return False


def answers_for_members_of(actor, commune_id: int) -> bool:
    """Who answers a team member's request to see or erase the data held about them: the
    commune's own officer (or an administrator), who also makes and hands over their logins."""
    return makes_logins_in_commune(actor, commune_id)
