"""A unit's facts as its reports and pages say them: its settings, or defaults from its words.

`commune_facts(commune)` and `province_facts(province)` read `UnitSettings`
(one row per unit, often none) and fill every empty field from the unit's words,
so that a commune set up this morning already gets sentences that are right for
it and name no other place.
"""

from dataclasses import asdict, dataclass, field

from .models import Level, Unit, UnitSettings, lines_of
from .words import CommuneWords, ProvinceWords, capfirst


def _settings_of(*units: Unit | None) -> dict[int, UnitSettings]:
    """The settings of `units` by unit id, in one query; a unit may have none."""
    ids = [unit.pk for unit in units if unit is not None and unit.pk is not None]
    return {own.unit_id: own for own in UnitSettings.objects.filter(unit_id__in=ids)} if ids else {}


@dataclass(frozen=True)
class ProvinceFacts:
    words: ProvinceWords
    department: str
    department_short: str
    local_apps: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["words"] = self.words.as_dict()
        return data


@dataclass(frozen=True)
class CommuneFacts:
    words: CommuneWords
    service_centre: str
    portal: str
    local_apps: list[str]
    programmes: list[str]
    department: str
    department_short: str

    def as_dict(self) -> dict:
        data = asdict(self)
        data["words"] = self.words.as_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "CommuneFacts":
        return cls(**{**data, "words": CommuneWords.from_dict(data["words"])})


def province_facts(province: Unit | None) -> ProvinceFacts:
    return _province_facts(province, _settings_of(province))


def _province_facts(province: Unit | None, settings: dict[int, UnitSettings]) -> ProvinceFacts:
    words = ProvinceWords.of(province)
    own = settings.get(province.pk) if province is not None else None
    return ProvinceFacts(
        words=words,
        department=(own and own.department) or words.department,
        department_short=(own and own.department_short) or words.department_short,
        local_apps=lines_of(own.local_apps) if own else [],
        programmes=lines_of(own.programmes) if own else ["Đề án 06"],
    )


def commune_facts(commune: Unit, words: CommuneWords | None = None) -> CommuneFacts:
    assert commune.level == Level.COMMUNE, commune
    words = words or CommuneWords.of(commune)
    parent = commune.parent if commune.parent_id else None
    settings = _settings_of(commune, parent)  # the commune's and its province's together
    own = settings.get(commune.pk)
    province = _province_facts(parent, settings)
    local_apps = lines_of(own.local_apps) if own else []
    programmes = lines_of(own.programmes) if own else []
    return CommuneFacts(
        words=words,
        service_centre=(own and own.service_centre) or words.service_centre,
        portal=(own and own.portal) or words.portal,
        local_apps=local_apps or province.local_apps,
        programmes=programmes or province.programmes,
        department=province.department,
        department_short=province.department_short,
    )


# The stored values of the choices whose label names a place of the commune
# (`support.Place`, `roster.PlaceKind`, `outreach.Channel`), and what the
# commune calls it. The models keep neutral labels ("Nhà văn hóa") for pages
# that know no commune; the stored values never change.
LOCAL_NAMES = {
    "centre": lambda facts: facts.service_centre,
    "cultural_house": lambda facts: capfirst(facts.words.cultural_house),
    "portal": lambda facts: facts.portal,
    "meeting": lambda facts: f"Họp {facts.words.villages}, khu dân cư",
    "village_officer": lambda facts: f"Cán bộ {facts.words.villages}",
}


def local_label(value: str, label: str, facts: CommuneFacts | None) -> str:
    """The label of a choice as the commune says it; the model's neutral label without one."""
    name = LOCAL_NAMES.get(value)
    return name(facts) if name and facts is not None else str(label)


def local_choices(choices, facts: CommuneFacts | None) -> list[tuple[str, str]]:
    """`Place.choices` with "Nhà văn hóa bản, xóm" and the commune's service centre named."""
    return [(value, local_label(value, label, facts)) for value, label in choices]
