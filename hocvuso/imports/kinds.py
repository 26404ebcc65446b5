"""The imports on offer: a template to download and a service function that reads it."""

from collections.abc import Callable
from dataclasses import dataclass

from . import teams, visits
from .base import ImportResult, Sheet


@dataclass(frozen=True)
class ImportKind:
    sheet: Sheet  # in neutral words
    run: Callable[..., ImportResult]
    # The template in the words of the user's unit ("Phường", "Tổ dân phố").
    sheet_for: Callable[..., Sheet]

    @property
    def slug(self) -> str:
        return self.sheet.slug


KINDS = {
    kind.slug: kind
    for kind in (
        ImportKind(teams.SHEET, teams.import_members, teams.sheet_for),
        ImportKind(visits.SHEET, visits.import_visits, visits.sheet_for),
    )
}
