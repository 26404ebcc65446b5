"""Find a commune by its official code or its exact name, for commands; the communes an
officer's pages offer."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils import timezone

from hocvuso.units.models import Level, Unit


class CommuneNotFound(ObjectDoesNotExist):
    pass


def find_commune(text: str) -> Unit:
    """ "03334", "Mường Phăng" or "Xã Mường Phăng" -> the commune; ambiguity is an error."""
    text = (text or "").strip()
    communes = Unit.objects.filter(level=Level.COMMUNE).select_related("parent")
    if text.isdigit():
        match = communes.filter(code=str(int(text))).first()
        if match:
            return match
    matches = list(communes.filter(Q(name__iexact=text) | Q(short_name__iexact=text)))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise CommuneNotFound(f"Không tìm thấy xã/phường “{text}” (theo mã hoặc tên chính xác).")
    listed = "; ".join(f"{c.name}, {c.parent.name} (mã {c.code})" for c in matches)
    raise CommuneNotFound(f"Có {len(matches)} đơn vị tên “{text}”: {listed}. Hãy dùng mã.")


def current_communes(scope, day=None):
    """The communes of `scope` (a `hocvuso.core.scoping.Scope`) that still exist on `day`
    (today by default): those an officer's pages offer to choose from."""
    day = day or timezone.localdate()
    return (
        Unit.objects.visible_to(scope)
        .filter(level=Level.COMMUNE)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    )
