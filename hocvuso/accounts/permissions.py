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


def writes_for_province(user) -> bool:
    """The province's officer (or an administrator) writes the province's requests and settings."""
    return user.is_superuser or user.role == UserRole.CITY_OFFICER


def officer_scope(
    request, refusal: str = "Trang này dành cho cán bộ xã, phường và tỉnh, thành phố."
):
    """The scope of an officer (commune, province or administrator); anyone else is refused."""
    scope = scope_for(request.user)
    if not scope.is_officer:
        raise PermissionDenied(refusal)
    return scope
