"""The imports on offer: a template to download and a service function that reads it.

Each capability holds its own sheet (`teams/imports.py`, `support/imports.py`) and
registers it here when its app is ready (see its apps.py); this app sits below
them and never imports them. The page lists the kinds in the order they register,
that of INSTALLED_APPS.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .base import ImportResult, Sheet


@dataclass(frozen=True)
class ImportKind:
    sheet: Sheet  # in neutral words
    # run(user, file, progress=NO_PROGRESS): base.run_import with the kind's sheet.
    run: Callable[..., ImportResult]
    # The template in the words of the user's unit ("Phường", "Tổ dân phố").
    sheet_for: Callable[..., Sheet]

    @property
    def slug(self) -> str:
        return self.sheet.slug


KINDS: dict[str, ImportKind] = {}


def register_kind(kind: ImportKind) -> None:
    KINDS[kind.slug] = kind
