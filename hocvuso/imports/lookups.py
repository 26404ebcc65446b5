"""Find the communes, villages, teams, members and services that a sheet names.

A clerk writes names as people say them ("Chí Minh", "xã Chí Minh", "11131");
the directory accepts a code, a full name or a short name, in any case, and
reads each commune's records once, so that a sheet of 20,000 rows costs a
handful of queries. Every commune goes through the importing user's scope.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from hocvuso.accounts.models import UserRole
from hocvuso.accounts.scoping import scope_for
from hocvuso.accounts.words import words_for
from hocvuso.core.scoping import EVERYTHING
from hocvuso.support.models import Service
from hocvuso.teams.models import Member, Membership, Team
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import CommuneWords

from .cells import CellError, normalize


def _index(items, *attributes) -> dict[str, list]:
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
            self._communes = _index(communes, "code", "name", "short_name")
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
            lambda c: _index(
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

    def teams(self, commune: Unit) -> list[Team]:
        return self._per_commune(
            "teams", commune, lambda c: list(Team.objects.filter(commune=c).order_by("pk"))
        )

    def team_named(self, commune: Unit, text: str) -> Team:
        found = [team for team in self.teams(commune) if normalize(team.name) == normalize(text)]
        if len(found) > 1:
            raise CellError(
                _("Có nhiều tổ tên “%(name)s” trong %(commune)s.")
                % {"name": text, "commune": commune.name}
            )
        if not found:
            raise CellError(
                _("Không tìm thấy tổ “%(name)s” trong %(commune)s.")
                % {"name": text, "commune": commune.name}
            )
        return found[0]

    def members(self, commune: Unit) -> dict[str, list[Member]]:
        """The commune's members by their normalized full name."""
        return self._per_commune(
            "members",
            commune,
            lambda c: _index(Member.objects.filter(commune=c).order_by("pk"), "full_name"),
        )

    def member_named(self, commune: Unit, text: str) -> Member:
        found = self.members(commune).get(normalize(text), [])
        if len(found) > 1:
            raise CellError(
                _(
                    "Có %(count)s thành viên tên “%(name)s” trong %(commune)s; không biết là người nào."
                )
                % {"count": len(found), "name": text, "commune": commune.name}
            )
        if not found:
            raise CellError(
                _("“%(name)s” không phải thành viên của %(commune)s.")
                % {"name": text, "commune": commune.name}
            )
        return found[0]

    def _open_memberships(self, commune: Unit):
        def load(commune):
            by_team, by_member = defaultdict(dict), defaultdict(list)
            memberships = (
                Membership.objects.open()
                .filter(team__commune=commune)
                .select_related("member", "team")
            )
            for membership in memberships:
                by_team[membership.team_id][membership.member_id] = membership
                by_member[membership.member_id].append(membership)
            return by_team, by_member

        return self._per_commune("memberships", commune, load)

    def open_memberships_of_team(self, commune: Unit, team: Team) -> dict[int, Membership]:
        """The team's open memberships by member id (none for a team not yet saved)."""
        by_team, _by_member = self._open_memberships(commune)
        return by_team.get(team.pk, {}) if team.pk else {}

    def open_teams_of(self, commune: Unit, member: Member) -> list[Team]:
        _by_team, by_member = self._open_memberships(commune)
        return [membership.team for membership in by_member.get(member.pk, [])]

    def services(self, commune: Unit) -> dict[str, list[Service]]:
        """The services usable in the commune's province, by code, name and short name."""
        province_id = commune.parent_id
        return self._per_commune(
            "services",
            commune,
            lambda c: _index(
                Service.objects.filter(is_active=True).usable_in([province_id]),
                "code",
                "name",
                "short_name",
            ),
        )
