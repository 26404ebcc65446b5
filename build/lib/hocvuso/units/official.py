"""Load the official provinces and communes of the 2025 reform.

The list comes from the `vietnam-provinces` package (34 provinces, 3,321
communes, wards and special zones), never typed by hand. Loading is an upsert
by official code: running it again changes nothing, and a renamed unit in a
newer release of the package is renamed here.
"""

from django.db import transaction
from django.db.models import F
from vietnam_provinces import Province, Ward

from .models import REFORM_DATE, Kind, Level, Unit

DIVISION_KINDS = {
    "tỉnh": Kind.TINH,
    "thành phố trung ương": Kind.THANH_PHO,
    "xã": Kind.XA,
    "phường": Kind.PHUONG,
    "đặc khu": Kind.DAC_KHU,
}
PREFIXES = ("Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu ")


def short_name(name: str) -> str:
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _upsert(rows: list[Unit]) -> int:
    level = rows[0].level if rows else None
    existing = {
        u.code: u for u in Unit.objects.filter(level=level, code__in=[r.code for r in rows])
    }
    new, changed = [], []
    for row in rows:
        current = existing.get(row.code)
        if current is None:
            new.append(row)
        elif (current.name, current.kind, current.parent_id) != (row.name, row.kind, row.parent_id):
            current.name, current.short_name = row.name, row.short_name
            current.kind, current.parent_id = row.kind, row.parent_id
            changed.append(current)
    Unit.objects.bulk_create(new, batch_size=500)
    Unit.objects.bulk_update(changed, ["name", "short_name", "kind", "parent"], batch_size=500)
    return len(new) + len(changed)


@transaction.atomic
def load_official_units(province_codes: set[int] | None = None) -> dict[str, int]:
    """Create or update provinces and their communes; returns counts written."""
    provinces = [
        p for p in Province.iter_all() if province_codes is None or int(p.code) in province_codes
    ]
    written_provinces = _upsert(
        [
            Unit(
                level=Level.PROVINCE,
                kind=DIVISION_KINDS[p.division_type.value],
                code=str(int(p.code)),
                name=p.name,
                short_name=short_name(p.name),
                valid_from=REFORM_DATE,
            )
            for p in provinces
        ]
    )
    province_ids = dict(Unit.objects.filter(level=Level.PROVINCE).values_list("code", "pk"))
    wanted = {int(p.code) for p in provinces}
    communes = [
        Unit(
            level=Level.COMMUNE,
            kind=DIVISION_KINDS[w.division_type.value],
            code=str(int(w.code)),
            name=w.name,
            short_name=short_name(w.name),
            parent_id=province_ids[str(int(w.province_code))],
            valid_from=REFORM_DATE,
        )
        for w in Ward.iter_all()
        if int(w.province_code) in wanted
    ]
    written_communes = _upsert(communes)
    # A commune is its own scope; bulk_create skips Unit.save, so set it here.
    Unit.objects.filter(level=Level.COMMUNE, commune_scope__isnull=True).update(
        commune_scope_id=F("pk")
    )
    return {"provinces": written_provinces, "communes": written_communes}
