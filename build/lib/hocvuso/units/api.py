"""The communes and villages a phone offers: those of the caller's scope, valid today.

Units sit below the users and their roles, so the caller's scope comes from the request
(`request.scope`, set for the signed-in session and for the token's user alike).
"""

from typing import Literal

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from hocvuso.core.api import ERRORS, Code, UnitRef
from hocvuso.core.scoping import COMMUNES, EVERYTHING, NOTHING, Scope

from .models import Level, Unit

router = Router(tags=["Danh mục"])


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


@router.get("/units", response={200: list[UnitOut], **ERRORS})
def list_units(request, filters: Query[UnitFilter]):
    """Các xã, phường và đơn vị cấp thôn trong phạm vi của người gọi, còn hiệu lực hôm nay."""
    scope = request.scope
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
