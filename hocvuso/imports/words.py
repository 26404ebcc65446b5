"""The words of an import template: its headers and examples in the officer's unit.

A ward officer's template says "Phường" and "Tổ dân phố" and gives that ward
and one of its own groups as examples; a mountain commune's says "Bản, xóm".
Reading stays tolerant: every commune and village word, the neutral ones and
the headers of older templates ("Xã", "Thôn") are read as the same columns.
"""

from hocvuso.accounts.scoping import scope_for
from hocvuso.accounts.words import commune_of, words_for
from hocvuso.units.models import Kind, Level, Unit
from hocvuso.units.words import (
    NEUTRAL_COMMUNES,
    NEUTRAL_VILLAGES,
    VILLAGE_KINDS,
    capfirst,
    kind_word,
)

from .base import Column

COMMUNE_KINDS = (Kind.XA, Kind.PHUONG, Kind.DAC_KHU)
COMMUNE_HEADERS = (
    *(capfirst(kind_word(kind)) for kind in COMMUNE_KINDS),
    capfirst(NEUTRAL_COMMUNES),
    "Xã/phường",
)
VILLAGE_HEADERS = (
    *(capfirst(kind_word(kind)) for kind in VILLAGE_KINDS),
    capfirst(NEUTRAL_VILLAGES),
    "Thôn, bản, tổ dân phố",
)

# The column of a row's commune, for the templates of rows in communes.
COMMUNE_COLUMN = Column(
    "{Commune}",
    "commune",
    help="Mã, tên hoặc tên ngắn của {commune}. Để trống nếu bạn là cán bộ của một {commune}.",
    example="{commune_example}",
    aliases=COMMUNE_HEADERS,
)


def village_column(help: str) -> Column:
    """The column of a row's village (thôn, tổ dân phố…), said by `help`."""
    return Column(
        "{Village}", "village", help=help, example="{village_example}", aliases=VILLAGE_HEADERS
    )


# What every template's notes say first (its headers) and of its errors (all or nothing).
HEADERS_NOTE = "Dòng đầu tiên là dòng tiêu đề, giữ nguyên tên các cột. Cột tô vàng là bắt buộc."
ALL_OR_NOTHING_NOTE = (
    "Nếu file có lỗi, không dòng nào được lưu: hãy sửa theo danh sách lỗi rồi nhập lại."
)

# Where no unit is known: neutral headers and no example of a place.
NEUTRAL = {
    "commune": NEUTRAL_COMMUNES,
    "Commune": capfirst(NEUTRAL_COMMUNES),
    "villages": NEUTRAL_VILLAGES,
    "Village": capfirst(NEUTRAL_VILLAGES),
    "commune_example": "",
    "village_example": "",
}


def example_commune(user) -> Unit | None:
    """The officer's commune, or the first commune a city officer sees."""
    commune = commune_of(user)
    if commune is not None:
        return commune
    scope = scope_for(user)
    communes = Unit.objects.visible_to(scope).filter(level=Level.COMMUNE, valid_to__isnull=True)
    return communes.order_by("code").first()


def sheet_words(user) -> dict[str, str]:
    """The values of a template's "{Commune}", "{Village}", "{commune_example}"…"""
    words = words_for(user)
    commune = example_commune(user)
    village = None
    if commune is not None:
        village = (
            Unit.objects.filter(level=Level.VILLAGE, parent=commune, valid_to__isnull=True)
            .order_by("code")
            .first()
        )
    return {
        "commune": words.communes,
        "Commune": words.commune_label,
        "villages": words.villages,
        "Village": words.village_label,
        "commune_example": commune.name if commune else "",
        "village_example": village.name if village else "",
    }


def level_aliases(commune_value: str, village_value: str) -> dict[str, str]:
    """ "phường", "cấp bản"… → the commune or village level, for any unit's file."""
    aliases = {}
    for kinds, value in ((COMMUNE_KINDS, commune_value), (VILLAGE_KINDS, village_value)):
        for kind in kinds:
            word = kind_word(kind)
            aliases[word] = aliases[f"cấp {word}"] = value
    for word, value in ((NEUTRAL_COMMUNES, commune_value), (NEUTRAL_VILLAGES, village_value)):
        aliases[f"cấp {word}"] = value
    return aliases
