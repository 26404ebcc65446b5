"""Counting a capability's dated records per team and per member, for the team pages."""

from django.db.models import Count

from .periods import Period


class DatedRecords:
    """The records of `model` (with `held_on`, `team` and `member`) as the team pages count them.

    An outreach activity and a digital class count the same way, so both
    capabilities register one of these with `hocvuso.teams.activity`.
    """

    def __init__(self, model):
        self.model = model

    def _during(self, period: Period | None):
        rows = self.model.objects.all()
        if period is not None:
            rows = rows.filter(held_on__gte=period.start, held_on__lte=period.end)
        return rows

    def members_who_logged(self, member_ids, period: Period) -> set[int]:
        """Which of `member_ids` logged a record in `period`."""
        rows = self._during(period).filter(member_id__in=member_ids)
        return set(rows.values_list("member_id", flat=True))

    def _counts_by(self, rows, key: str) -> dict[int, dict]:
        counted = rows.values(key).annotate(n=Count("pk"))
        return {row[key]: {"records": row["n"], "people": 0} for row in counted}

    def team_totals(self, team_ids, period: Period | None) -> dict[int, dict]:
        """How many records each team of `team_ids` logged in `period` (ever, for None)."""
        return self._counts_by(self._during(period).filter(team_id__in=team_ids), "team_id")

    def member_totals(self, team_id: int, period: Period) -> dict[int, dict]:
        """How many records each member logged for one team in `period`."""
        return self._counts_by(self._during(period).filter(team_id=team_id), "member_id")
