"""The unit's own words: what a sentence calls a commune, its villages and its province.

A ward says "UBND phường", "Đảng ủy phường" and "tổ dân phố"; a mountain commune
"bản"; a southern one "ấp"; a province "tỉnh Điện Biên", a centrally-run city
"thành phố Cần Thơ". Every page, report and spreadsheet takes these words from
here, built from the unit's kind and its villages' kinds, never from a literal.

`CommuneWords` and `ProvinceWords` are plain values (no database access once
built), so that a report's snapshot can keep them (`as_dict`) and a renderer can
rebuild them (`from_dict`) without reading the records again.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from hocvuso.core.formatting import vn_count

from .models import Kind, Level, Unit

# The word a sentence uses for each kind, in lower case.
KIND_WORDS = {
    Kind.TINH: "tỉnh",
    Kind.THANH_PHO: "thành phố",
    Kind.XA: "xã",
    Kind.PHUONG: "phường",
    Kind.DAC_KHU: "đặc khu",
    Kind.THON: "thôn",
    Kind.TO_DAN_PHO: "tổ dân phố",
    Kind.XOM: "xóm",
    Kind.AP: "ấp",
    Kind.BAN: "bản",
    Kind.BUON: "buôn",
    Kind.KHU_PHO: "khu phố",
}
VILLAGE_KINDS = [
    Kind.THON,
    Kind.TO_DAN_PHO,
    Kind.XOM,
    Kind.AP,
    Kind.BAN,
    Kind.BUON,
    Kind.KHU_PHO,
]
# What a label says where no unit is known (an administrator, a page of all communes).
NEUTRAL_COMMUNES = "xã, phường"
NEUTRAL_VILLAGES = "thôn, tổ dân phố"
# What a commune calls its villages before it has any on record.
DEFAULT_VILLAGE_KIND = {Kind.XA: Kind.THON, Kind.PHUONG: Kind.TO_DAN_PHO, Kind.DAC_KHU: Kind.THON}


def kind_word(kind: str) -> str:
    """ "xã", "phường", "bản", "tỉnh" … for a unit's kind."""
    return KIND_WORDS.get(kind, "")


def unit_phrase(unit: Unit) -> str:
    """ "xã Mường Phăng", "phường Hồng Bàng", "bản Na Son", "tỉnh Điện Biên"."""
    word = kind_word(unit.kind)
    return f"{word} {unit.short_name}" if word else unit.name


def village_kinds_of(commune: Unit) -> list[tuple[str, int]]:
    """The kinds of the commune's current villages with their numbers, most common first."""
    counts = Counter(
        Unit.objects.filter(level=Level.VILLAGE, parent=commune, valid_to__isnull=True)
        .values_list("kind", flat=True)
        .order_by()
    )
    return ordered_kinds(counts)


def ordered_kinds(counts: Counter | dict) -> list[tuple[str, int]]:
    order = {k: i for i, k in enumerate(VILLAGE_KINDS)}
    rows = [(k, n) for k, n in counts.items() if n and k in order]
    rows.sort(key=lambda row: (-row[1], order[row[0]]))
    return rows


def join_words(words: Iterable[str]) -> str:
    """ "thôn, bản" — how an officer lists several kinds of village."""
    return ", ".join(words)


class UnitWords:
    """What a province and a commune say alike, from their `kind`, `phrase`, `communes`
    and `villages`."""

    @property
    def authority(self) -> str:
        """ "UBND tỉnh Điện Biên", "UBND phường Hồng Bàng"."""
        return f"UBND {self.phrase}"

    @property
    def authority_kind(self) -> str:
        """ "UBND tỉnh", "UBND phường", as a recipients block or a second mention says it."""
        return f"UBND {self.kind}"

    @property
    def area(self) -> str:
        """ "trên địa bàn tỉnh", "trên địa bàn phường"."""
        return f"trên địa bàn {self.kind}"

    @property
    def village_label(self) -> str:
        """ "Thôn, bản, tổ dân phố", "Bản, xóm": the label of a village field or column."""
        return capfirst(self.villages)

    @property
    def commune_label(self) -> str:
        """ "Xã, phường", "Phường": the label of a commune field or column."""
        return capfirst(self.communes)


@dataclass(frozen=True)
class ProvinceWords(UnitWords):
    kind: str  # "tỉnh" / "thành phố"
    name: str  # "Điện Biên"
    # The kinds of the units under it, read by `covering` for the pages that
    # list them ("xã, phường", "thôn, bản, tổ dân phố"); empty otherwise.
    communes_word: str = ""
    villages_word: str = ""

    @classmethod
    def of(cls, province: Unit | None) -> "ProvinceWords":
        if province is None:
            return cls(kind="tỉnh", name="")
        return cls(kind=kind_word(province.kind) or "tỉnh", name=province.short_name)

    @classmethod
    def covering(cls, province: Unit | None) -> "ProvinceWords":
        """The province's words with those of its communes and villages (two queries).

        Without a province (an administrator sees every unit) the words are
        the neutral ones.
        """
        if province is None:
            return cls(kind="tỉnh, thành phố", name="")
        communes = Unit.objects.filter(level=Level.COMMUNE, parent=province, valid_to__isnull=True)
        commune_kinds = set(communes.values_list("kind", flat=True).order_by())
        village_kinds = Counter(
            Unit.objects.filter(level=Level.VILLAGE, parent__in=communes, valid_to__isnull=True)
            .values_list("kind", flat=True)
            .order_by()
        )
        villages = join_words(kind_word(k) for k, _ in ordered_kinds(village_kinds))
        return cls(
            kind=kind_word(province.kind) or "tỉnh",
            name=province.short_name,
            communes_word=communes_word(commune_kinds) if commune_kinds else "",
            villages_word=villages,
        )

    @property
    def communes(self) -> str:
        """ "xã, phường": what its communes are called, as a column or a field is labelled."""
        return self.communes_word or NEUTRAL_COMMUNES

    @property
    def villages(self) -> str:
        """ "thôn, bản, tổ dân phố": what the villages of its communes are called."""
        return self.villages_word or NEUTRAL_VILLAGES

    @property
    def village(self) -> str:
        # A label over the villages of many communes names every kind.
        return self.villages

    @property
    def province(self) -> "ProvinceWords":
        # As `CommuneWords.province`: a page says "{{ words.province.kind }}" for either.
        return self

    @property
    def no_village(self) -> str:
        """What a record of no one village is said to cover, across many communes."""
        return "Toàn địa bàn"

    @property
    def phrase(self) -> str:
        """ "tỉnh Điện Biên", "thành phố Cần Thơ"."""
        return f"{self.kind} {self.name}".strip()

    @property
    def whole(self) -> str:
        """ "toàn tỉnh", as a total says it."""
        return f"toàn {self.kind}"

    @property
    def department(self) -> str:
        """ "Sở Khoa học và Công nghệ tỉnh Điện Biên"."""
        return f"Sở Khoa học và Công nghệ {self.phrase}"

    @property
    def department_short(self) -> str:
        """ "Sở KH&CN tỉnh", as a recipients block says it."""
        return f"Sở KH&CN {self.kind}"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CommuneWords(UnitWords):
    kind: str  # "xã" / "phường" / "đặc khu"
    name: str  # "Mường Phăng"
    village_kinds: tuple[tuple[str, int], ...] = ()  # (("thôn", 12), ("bản", 3))
    default_village: str = "thôn"
    province: ProvinceWords = field(default_factory=lambda: ProvinceWords("tỉnh", ""))

    @classmethod
    def of(cls, commune: Unit, village_kinds: list[tuple[str, int]] | None = None):
        if village_kinds is None:
            village_kinds = village_kinds_of(commune)
        default = DEFAULT_VILLAGE_KIND.get(commune.kind, Kind.THON)
        return cls(
            kind=kind_word(commune.kind) or "xã",
            name=commune.short_name,
            village_kinds=tuple((kind_word(k), n) for k, n in village_kinds),
            default_village=kind_word(default),
            province=ProvinceWords.of(commune.parent if commune.parent_id else None),
        )

    @classmethod
    def from_dict(cls, data: dict) -> "CommuneWords":
        return cls(
            kind=data["kind"],
            name=data["name"],
            village_kinds=tuple(tuple(row) for row in data.get("village_kinds", ())),
            default_village=data.get("default_village", "thôn"),
            province=ProvinceWords(**data["province"]),
        )

    def as_dict(self) -> dict:
        data = asdict(self)
        data["village_kinds"] = [list(row) for row in self.village_kinds]
        return data

    @property
    def phrase(self) -> str:
        """ "xã Mường Phăng", "phường Hồng Bàng"."""
        return f"{self.kind} {self.name}"

    @property
    def party(self) -> str:
        """ "Đảng ủy phường"."""
        return f"Đảng ủy {self.kind}"

    @property
    def youth_union(self) -> str:
        """ "Đoàn thanh niên phường"."""
        return f"Đoàn thanh niên {self.kind}"

    @property
    def level(self) -> str:
        """ "cấp phường"."""
        return f"cấp {self.kind}"

    @property
    def communes(self) -> str:
        """ "phường": what a column or field of communes is labelled (as `ProvinceWords.communes`)."""
        return self.kind

    @property
    def village(self) -> str:
        """The word for one village: the most common kind, "thôn" for a commune of thôn."""
        return self.village_kinds[0][0] if self.village_kinds else self.default_village

    @property
    def villages(self) -> str:
        """ "thôn, bản" for a commune of both; as in "các thôn, bản"."""
        if not self.village_kinds:
            return self.default_village
        return join_words(word for word, _ in self.village_kinds)

    @property
    def no_village(self) -> str:
        """ "Toàn phường": what a record of no one village covers."""
        return f"Toàn {self.kind}"

    @property
    def village_level(self) -> str:
        """ "cấp thôn", "cấp thôn, bản"."""
        return f"cấp {self.villages}"

    @property
    def village_count(self) -> int:
        return sum(n for _, n in self.village_kinds)

    @property
    def village_counts(self) -> str:
        """ "12 thôn, 03 bản"; "20 thôn"."""
        if not self.village_kinds:
            return f"{vn_count(0)} {self.default_village}"
        return join_words(f"{vn_count(n)} {word}" for word, n in self.village_kinds)

    def count_villages(self, n: int, kinds: list[str] | None = None) -> str:
        """ "05 thôn" for part of the villages, in the commune's words ("05 thôn, bản")."""
        words = join_words(kinds) if kinds else self.villages
        return f"{vn_count(n)} {words}"

    @property
    def cultural_house(self) -> str:
        """ "nhà văn hóa thôn, bản"."""
        return f"nhà văn hóa {self.villages}"

    @property
    def service_centre(self) -> str:
        """The default name of the commune's public administrative service centre."""
        return f"Trung tâm Phục vụ hành chính công {self.kind}"

    @property
    def portal(self) -> str:
        return f"Cổng thông tin điện tử {self.kind}"


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def not_in_commune(thing, commune: Unit) -> str:
    """ "Bản Na Son không thuộc xã Mường Phăng." — a record's village (or team) of another commune."""
    name = capfirst(unit_phrase(thing)) if isinstance(thing, Unit) else str(thing)
    return f"{name} không thuộc {unit_phrase(commune)}."


def unknown_village(commune: Unit | None) -> str:
    """ "Không có bản, xóm này trong xã Mường Phăng." — a village code that is not the commune's."""
    if commune is None:
        return f"Không có {NEUTRAL_VILLAGES} này trong phạm vi của bạn."
    words = CommuneWords.of(commune)
    return f"Không có {words.villages} này trong {words.phrase}."


def commune_words(commune: Unit) -> CommuneWords:
    return CommuneWords.of(commune)


def village_words(village: Unit) -> str:
    """ "bản Na Son" for a village unit."""
    return unit_phrase(village)


def communes_word(kinds: Iterable[str]) -> str:
    """ "xã, phường, đặc khu" for the kinds of a province's communes, in that order."""
    present = set(kinds)
    order = [Kind.XA, Kind.PHUONG, Kind.DAC_KHU]
    words = [kind_word(k) for k in order if k in present]
    return join_words(words) or "xã"


def villages_word(communes) -> str:
    """ "thôn, bản, tổ dân phố" for the current villages of a queryset of communes, most
    common first; before any is on record, the words their kinds use ("thôn, tổ dân phố")."""
    counts = Counter(
        Unit.objects.filter(level=Level.VILLAGE, parent__in=communes, valid_to__isnull=True)
        .values_list("kind", flat=True)
        .order_by()
    )
    if not counts:
        kinds = communes.values_list("kind", flat=True).order_by().distinct()
        counts = Counter(DEFAULT_VILLAGE_KIND.get(k, Kind.THON) for k in kinds)
    return join_words(kind_word(k) for k, _ in ordered_kinds(counts)) or kind_word(Kind.THON)


def communes_label(communes) -> str:
    """ "Phường", "Xã, phường": the label of a field that picks one of `communes` (a queryset)."""
    return capfirst(communes_word(communes.values_list("kind", flat=True).order_by().distinct()))


def provinces_word(kinds: Iterable[str]) -> str:
    """ "tỉnh, thành phố" for the kinds of the provinces a list covers, in that order."""
    present = set(kinds)
    words = [kind_word(k) for k in (Kind.TINH, Kind.THANH_PHO) if k in present]
    return join_words(words) or kind_word(Kind.TINH)


@dataclass(frozen=True)
class NationWords:
    """What the Ministry's report calls the whole country, where a province's says "tỉnh
    Điện Biên": the same attributes as `ProvinceWords`, so that one writer serves both."""

    kind: str = "cả nước"
    name: str = ""

    @property
    def phrase(self) -> str:
        return self.kind

    @property
    def area(self) -> str:
        """ "trên phạm vi cả nước"."""
        return f"trên phạm vi {self.kind}"

    @property
    def whole(self) -> str:
        """ "cả nước", as a total says it."""
        return self.kind

    def as_dict(self) -> dict:
        return asdict(self)
