"""Find a commune by its official code or its exact name, for commands."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from hocvuso.units.models import Level, Unit


class CommuneNotFound(ObjectDoesNotExist):
    pass


def find_commune(text: str) -> Unit:
    """ "11131", "Chí Minh" or "Xã Chí Minh" -> the commune; ambiguity is an error."""
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
