"""Find the communes and villages that a sheet names.

A clerk writes names as people say them ("Mường Phăng", "xã Mường Phăng", "03334");
the directory accepts a code, a full name or a short name, in any case, and
reads each commune's records once, so that a sheet of 20,000 rows costs a
handful of queries. Every commune goes through the importing user's scope.
The capabilities extend it with their own records (`teams.lookups`: teams and
members; `support.imports`: the services).
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from hocvuso.accounts.models import UserRole
from hocvuso.accounts.scoping import scope_for
from hocvuso.accounts.words import words_for
from hocvuso.core.scoping import EVERYTHING
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import CommuneWords

from .cells import CellError, normalize


def index_by(items, *attributes) -> dict[str, list]:
    index = defaultdict(list)
    for item in items:
        for key in {normalize(getattr(item, name)) for name in attributes}:
            if key:
                index[key].append(item)
    return index


class Directory:
    def __init__(self, user):
        self.scope = scope_for(user)
        self.default_commune = None
        if user.role == UserRole.COMMUNE_OFFICER and user.unit and user.unit.level == Level.COMMUNE:
            self.default_commune = user.unit
        self._communes = None
        self._cache: dict[tuple[str, int], object] = {}
        self.user_words = words_for(user)

    def _in_scope(self, commune: Unit) -> bool:
        return self.scope.kind == EVERYTHING or commune.pk in self.scope.commune_ids

    def commune(self, text: str) -> Unit:
        if not text:
            if self.default_commune is None:
                raise CellError(
                    _("Cần ghi %(communes)s (bạn quản lý nhiều %(communes)s).")
                    % {"communes": self.user_words.communes}
                )
            return self.default_commune
        # Every commune is read, not only those in scope, so that a commune
        # outside the scope is told apart from a misspelt one.
        if self._communes is None:
            communes = Unit.objects.filter(level=Level.COMMUNE).select_related("parent")
            self._communes = index_by(communes, "code", "name", "short_name")
        found = self._communes.get(normalize(text), [])
        allowed = [commune for commune in found if self._in_scope(commune)]
        if len(allowed) == 1:
            return allowed[0]
        if len(allowed) > 1:
            raise CellError(
                _("Có nhiều %(communes)s tên “%(name)s”; hãy ghi mã.")
                % {"communes": self.user_words.communes, "name": text}
            )
        if found:
            raise CellError(
                _("%(commune)s không thuộc phạm vi của bạn.") % {"commune": found[0].name}
            )
        raise CellError(
            _("Không tìm thấy %(communes)s “%(name)s”.")
            % {"communes": self.user_words.communes, "name": text}
        )

    def _per_commune(self, what: str, commune: Unit, load):
        key = (what, commune.pk)
        if key not in self._cache:
            self._cache[key] = load(commune)
        return self._cache[key]

    def words(self, commune: Unit) -> CommuneWords:
        """What the commune calls itself and its villages, for the messages of its rows."""
        return self._per_commune("words", commune, CommuneWords.of)

    def village(self, commune: Unit, text: str) -> Unit:
        villages = self._per_commune(
            "villages",
            commune,
            lambda c: index_by(
                Unit.objects.filter(level=Level.VILLAGE, parent=c), "code", "name", "short_name"
            ),
        )
        found = villages.get(normalize(text), [])
        if len(found) > 1:
            raise CellError(
                _("Có nhiều %(villages)s tên “%(name)s”; hãy ghi mã.")
                % {"villages": self.words(commune).villages, "name": text}
            )
        if not found:
            raise CellError(
                _("Không tìm thấy %(villages)s “%(name)s” trong %(commune)s.")
                % {"villages": self.words(commune).villages, "name": text, "commune": commune.name}
            )
        return found[0]
