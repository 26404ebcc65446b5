"""The one mechanism through which every query for data is scoped to a user.

A `Scope` says which part of the data a user may see: everything (a
superuser), a set of communes (a city or commune officer), a set of teams (a
team leader) or one member's own records (a team member). Each scoped model
declares, in `scope_paths`, the lookups from itself to the commune, team and
member that own a record; `ScopedQuerySet.visible_to(scope)` turns the two into
one filter. Views, the admin, exports and the API all go through it.

A scope that does not write (`writes=False`, a province's officer) reads the
same rows and may change none of them: `editable_by` is empty for it, so every
door that writes through `editable_by` (pages, admin, API, imports) refuses it
at once.

Models that a whole commune shares (its directive documents, its indicator
values) set `shared_with_commune = True`: team leaders and members of that
commune may read them, but only officers may change them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q

EVERYTHING = "everything"
COMMUNES = "communes"
TEAMS = "teams"
MEMBER = "member"
NOTHING = "nothing"


@dataclass(frozen=True)
class Scope:
    kind: str
    commune_ids: frozenset[int] = field(default_factory=frozenset)
    team_ids: frozenset[int] = field(default_factory=frozenset)
    member_id: int | None = None
    writes: bool = True

    @classmethod
    def everything(cls) -> Scope:
        return cls(EVERYTHING)

    @classmethod
    def nothing(cls) -> Scope:
        return cls(NOTHING)

    @property
    def is_officer(self) -> bool:
        return self.kind in (EVERYTHING, COMMUNES)


def _in(path: str, ids) -> Q:
    return Q(**{f"{path}__in": ids})


class ScopedQuerySet(models.QuerySet):
    def _scope_q(self, scope: Scope, for_write: bool) -> Q | None:
        """The filter for `scope`, or None when the scope sees every row."""
        paths = self.model.scope_paths
        nothing = Q(pk__in=[])
        if for_write and not scope.writes:
            return nothing
        if scope.kind == EVERYTHING:
            return None
        if scope.kind == COMMUNES:
            return _in(paths["commune"], scope.commune_ids)
        shared = getattr(self.model, "shared_with_commune", False)
        if shared:
            # Team leaders and members read what their commune shares; they
            # never change it.
            return nothing if for_write else _in(paths["commune"], scope.commune_ids)
        if scope.kind == TEAMS and "team" in paths:
            return _in(paths["team"], scope.team_ids)
        if scope.kind == MEMBER and "member" in paths and scope.member_id is not None:
            return Q(**{paths["member"]: scope.member_id})
        return nothing

    def _apply(self, scope: Scope, for_write: bool):
        q = self._scope_q(scope, for_write)
        if q is None:
            return self.all()
        # A path through a to-many relation (a member's teams) can match a row
        # more than once; filtering by primary key keeps each row once.
        if getattr(self.model, "scope_through_many", False):
            inner = self.model._default_manager.filter(q).values("pk")
            return self.filter(pk__in=inner)
        return self.filter(q)

    def visible_to(self, scope: Scope):
        return self._apply(scope, for_write=False)

    def editable_by(self, scope: Scope):
        return self._apply(scope, for_write=True)


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass
