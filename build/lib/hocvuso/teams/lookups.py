"""Find the teams and members that a sheet names, within each commune of the importer's scope."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from hocvuso.accounts.scoping import LEADING_ROLES
from hocvuso.imports.cells import CellError, normalize
from hocvuso.imports.lookups import Directory, index_by
from hocvuso.units.models import Unit

from .models import Member, Membership, Team


class TeamDirectory(Directory):
    """The communes and villages of a sheet, and the teams and members of each commune."""

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
            lambda c: index_by(Member.objects.filter(commune=c).order_by("pk"), "full_name"),
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

    def leads_a_team(self, commune: Unit, member: Member) -> bool:
        """Whether `member` leads (or deputizes) a team of the commune today."""
        _by_team, by_member = self._open_memberships(commune)
        return any(m.role in LEADING_ROLES for m in by_member.get(member.pk, []))
