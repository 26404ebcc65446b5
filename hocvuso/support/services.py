"""Writes on support visits. Pages, the API, imports and tests all call these.

Validation and the audit trail happen here once: a visit is checked as a
whole before anything is saved, saved with its services in one transaction,
and every change names its author in the audit log.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from hocvuso.accounts.models import UserRole
from hocvuso.accounts.permissions import require_commune_writer
from hocvuso.accounts.scoping import scope_for
from hocvuso.core.audit import acting_as, prepare_logged, save_logged
from hocvuso.core.citizen_data import citizen_data_problem
from hocvuso.core.scoping import EVERYTHING, MEMBER, TEAMS
from hocvuso.roster.services import current_assignment
from hocvuso.teams.models import Member, Team
from hocvuso.units.models import Level, Unit
from hocvuso.units.words import capfirst, unit_phrase, unknown_village

from .models import AgeBand, Gender, Outcome, Place, Service, SupportVisit
from .totals import Counted, changes_statements, count_changes, counted_in_database

MAX_PEOPLE = 1000


@dataclass
class VisitInput:
    """What a volunteer tells about one visit; codes, not objects, so any client can send it."""

    services: list[str]
    occurred_at: datetime.datetime | None = None
    place: str = Place.SERVICE_CENTRE
    people: int = 1
    gender: str = Gender.UNKNOWN
    age_band: str = AgeBand.UNKNOWN
    elderly: bool = False
    disability: bool = False
    outcome: str = Outcome.DONE
    village: str | None = None  # village code
    team_id: int | None = None
    note: str = ""
    client_key: uuid.UUID | None = None
    # An officer of several communes names the visit's commune (its code) when neither
    # the team nor the village tells it; an officer may name the member who helped.
    commune: str | None = None
    member_id: int | None = None
    errors: dict = field(default_factory=dict, repr=False)


def member_of(user) -> Member | None:
    return getattr(user, "member", None) if user and user.is_authenticated else None


def default_team(member: Member) -> Team | None:
    """The team a member logs for: a village team first, else any open membership."""
    teams = (
        Team.objects.filter(memberships__member=member, memberships__ended_on__isnull=True)
        .select_related("commune", "unit")  # what checking a visit reads of its team
        .order_by("-level")  # "village" sorts after "rapid" and "commune"
    )
    village = teams.filter(level="village").first()
    return village or teams.first()


class Lookups:
    """The records that checking a visit reads, each read once for a user.

    `record_visit` reads them afresh for its one visit; an import checks all its
    rows with one `Lookups`, so that a file of thousands of visits reads the
    catalogue, the teams and the villages once, not once a row.
    """

    def __init__(self, user):
        self.scope = scope_for(user)
        self.member = member_of(user)
        self._found: dict[tuple, object] = {}

    def _once(self, key: tuple, load):
        if key not in self._found:
            self._found[key] = load()
        return self._found[key]

    def services(self, codes: list[str]) -> list[Service]:
        missing = {code for code in codes if ("service", code) not in self._found}
        if missing:
            found = Service.objects.filter(code__in=missing, is_active=True).order_by()
            by_code = {service.code: service for service in found}
            for code in missing:
                self._found["service", code] = by_code.get(code)
        found = (self._found["service", code] for code in dict.fromkeys(codes))
        return [service for service in found if service is not None]

    def team(self, pk: int) -> Team | None:
        teams = Team.objects.visible_to(self.scope).select_related("commune", "unit")
        return self._once(("team", pk), lambda: teams.filter(pk=pk).first())

    def default_team(self) -> Team | None:
        return self._once(("default team",), lambda: default_team(self.member))

    def commune(self, pk: int) -> Unit:
        return self._once(("commune", pk), lambda: Unit.objects.get(pk=pk))

    def commune_coded(self, code: str) -> Unit | None:
        communes = Unit.objects.filter(level=Level.COMMUNE, code=code)
        return self._once(("commune code", code), communes.first)

    def village(self, code: str) -> Unit | None:
        villages = Unit.objects.filter(level=Level.VILLAGE, code=code).select_related("parent")
        return self._once(("village", code), villages.first)

    def helper(self, pk: int) -> Member | None:
        return self._once(("member", pk), Member.objects.filter(pk=pk).first)


def _resolve(user, data: VisitInput, lookups: Lookups):
    """Turn codes into objects, checking that the user may log there; collect every error."""
    errors = {}
    scope = lookups.scope
    member = lookups.member
    services = lookups.services(data.services)
    unknown = sorted(set(data.services) - {s.code for s in services})
    if not data.services:
        errors["services"] = "Hãy chọn ít nhất một dịch vụ đã hỗ trợ."
    elif unknown:
        errors["services"] = f"Không có dịch vụ: {', '.join(unknown)}."
    if data.place not in Place.values:
        errors["place"] = "Nơi hỗ trợ không hợp lệ."
    if data.gender not in Gender.values:
        errors["gender"] = "Giới tính không hợp lệ."
    if data.age_band not in AgeBand.values:
        errors["age_band"] = "Độ tuổi không hợp lệ."
    if data.outcome not in Outcome.values:
        errors["outcome"] = "Kết quả không hợp lệ."
    if not isinstance(data.people, int) or not 1 <= data.people <= MAX_PEOPLE:
        errors["people"] = f"Số người phải từ 1 đến {MAX_PEOPLE}."
    if len(data.note or "") > 250:
        errors["note"] = "Ghi chú tối đa 250 ký tự."
    elif problem := citizen_data_problem(data.note):
        errors["note"] = problem
    occurred_at = data.occurred_at or timezone.now()
    if timezone.is_naive(occurred_at):
        occurred_at = timezone.make_aware(occurred_at)
    if occurred_at > timezone.now() + datetime.timedelta(minutes=10):
        errors["occurred_at"] = "Thời gian hỗ trợ không được ở tương lai."

    team = None
    if data.team_id is not None:
        team = lookups.team(data.team_id)
        if team is None:
            errors["team"] = "Tổ không có hoặc nằm ngoài phạm vi của bạn."
    elif member is not None:
        team = lookups.default_team()
    if team is None and "team" not in errors:
        if scope.kind in (TEAMS, MEMBER):
            errors["team"] = "Bạn chưa thuộc tổ nào đang hoạt động."
    if scope.kind == MEMBER and team is not None and team.pk not in scope.team_ids:
        errors["team"] = "Bạn chỉ ghi được lượt hỗ trợ cho tổ của mình."
    if scope.kind == TEAMS and team is not None and team.pk not in scope.team_ids:
        errors["team"] = "Bạn chỉ ghi được lượt hỗ trợ cho tổ mình phụ trách."

    commune = team.commune if team else None
    if data.commune:
        named = lookups.commune_coded(data.commune)
        if named is None:
            errors["commune"] = "Không tìm thấy xã, phường có mã này."
        elif commune is not None and commune != named and "team" not in errors:
            errors["team"] = f"Tổ không thuộc {unit_phrase(named)}."
        commune = named or commune
    if commune is None and scope.kind != EVERYTHING and len(scope.commune_ids) == 1:
        commune = lookups.commune(next(iter(scope.commune_ids)))
    village = None
    if data.village:
        village = lookups.village(data.village)
        if village is None or (commune and village.parent_id != commune.pk):
            errors["village"] = unknown_village(commune)
        elif commune is None:
            commune = village.commune
    elif team is not None and team.unit.level == Level.VILLAGE:
        village = team.unit
    if commune is None and not errors.keys() & {"team", "commune"}:
        errors["commune"] = "Không xác định được xã, phường của lượt hỗ trợ."
    if commune is not None and scope.kind != EVERYTHING and commune.pk not in scope.commune_ids:
        errors["commune"] = f"{capfirst(unit_phrase(commune))} nằm ngoài phạm vi của bạn."
    if commune is not None and "services" not in errors:
        # A province's own app (Service.province) is offered to its communes only.
        foreign = [s for s in services if s.province_id not in (None, commune.parent_id)]
        if foreign:
            errors["services"] = " ".join(
                f"Dịch vụ “{s.short_name}” chỉ dùng ở {unit_phrase(s.province)}, "
                f"không dùng được ở {unit_phrase(commune)}."
                for s in foreign
            )
    helper = member if scope.kind in (TEAMS, MEMBER) else None
    if data.member_id is not None:
        if scope.kind in (TEAMS, MEMBER):
            if member is None or data.member_id != member.pk:
                errors["member"] = "Bạn chỉ ghi được lượt hỗ trợ của chính mình."
        else:
            helper = lookups.helper(data.member_id)
            if helper is None or (commune is not None and helper.commune_id != commune.pk):
                where = unit_phrase(commune) if commune else "xã, phường này"
                errors["member"] = f"Người hỗ trợ không phải thành viên của {where}."
    if errors:
        raise ValidationError(errors)
    return {
        "commune": commune,
        "village": village,
        "team": team,
        "member": helper,
        "occurred_at": occurred_at,
        "services": services,
    }


@dataclass
class PreparedVisit:
    """A visit checked as a whole and ready to save, with its services."""

    visit: SupportVisit
    services: list[Service]


def prepare_visit(user, data: VisitInput, lookups: Lookups | None = None) -> PreparedVisit:
    """The visit `data` tells of, checked but not saved; a ValidationError names every problem.

    `lookups` lets many visits of one user share what the checks read (an import).
    """
    require_commune_writer(user)
    resolved = _resolve(user, data, lookups or Lookups(user))
    visit = SupportVisit(
        commune=resolved["commune"],
        village=resolved["village"],
        team=resolved["team"],
        member=resolved["member"],
        occurred_at=resolved["occurred_at"],
        place=data.place,
        people=data.people,
        gender=data.gender,
        age_band=data.age_band,
        elderly=data.elderly or data.age_band == AgeBand.FROM_60,
        disability=data.disability,
        outcome=data.outcome,
        note=data.note or "",
        client_key=data.client_key,
        created_by=user if user and user.is_authenticated else None,
    )
    if visit.member is not None:
        visit.assignment = current_assignment(visit.member, visit.occurred_at)
    return PreparedVisit(visit, resolved["services"])


def save_visit(user, prepared: PreparedVisit) -> SupportVisit:
    """Save a visit `prepare_visit` checked, with its services, in one transaction: the
    caller's, when it has one (an import saves all its rows or none)."""
    with transaction.atomic(savepoint=False), acting_as(user):
        save_logged(user, prepared.visit, {"services": prepared.services})
        count_changes(added=[_counted(prepared)])
    return prepared.visit


def _counted(prepared: PreparedVisit) -> Counted:
    return Counted.of(prepared.visit, [service.pk for service in prepared.services])


def prepare_saving(user, prepared: list[PreparedVisit]) -> list:
    """The statements that save many visits `prepare_visit` checked, with their services and
    audit entries (`core.audit.prepare_logged`), to run in one short transaction
    (`core.bulk.run_statements`): an import of 5,000 rows holds the database's write lock
    for a fraction of a second, where saving them one by one held it for half a minute.
    The daily totals are added to by one statement a table for the whole batch."""
    visits = [item.visit for item in prepared]
    saving = prepare_logged(user, visits, {"services": [item.services for item in prepared]})
    return saving + changes_statements(added=[_counted(item) for item in prepared])


def sent_before(client_key: uuid.UUID) -> SupportVisit | None:
    """The visit saved with `client_key`, if any; the key is unique, so nothing to sort."""
    found = SupportVisit.objects.filter(client_key=client_key).order_by()[:1]
    return found[0] if found else None


def record_visit(user, data: VisitInput) -> tuple[SupportVisit, bool]:
    """Save a visit; returns (visit, created). A known client_key returns the first save."""
    if data.client_key is not None:
        existing = sent_before(data.client_key)
        if existing is not None:
            if not SupportVisit.objects.visible_to(scope_for(user)).filter(pk=existing.pk).exists():
                raise PermissionDenied("Mã gửi này thuộc về một lượt hỗ trợ khác.")
            return existing, False
    prepared = prepare_visit(user, data)
    try:
        with transaction.atomic():
            return save_visit(user, prepared), True
    except IntegrityError:
        # Two sends of the same visit raced; the first one won.
        existing = sent_before(data.client_key)
        if existing is None:
            raise
        return existing, False


def _today_bounds() -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + datetime.timedelta(days=1)


def changeable(user, visits):
    """Those of `visits` that `user` may still correct or delete.

    Officers change their communes' visits; a member changes their own, on the day
    they were logged.
    """
    scope = scope_for(user)
    visits = visits.filter(pk__in=SupportVisit.objects.editable_by(scope).values("pk"))
    if scope.kind in (TEAMS, MEMBER) or getattr(user, "role", None) == UserRole.TEAM_MEMBER:
        member = member_of(user)
        if member is None:
            return visits.none()
        start, end = _today_bounds()
        visits = visits.filter(member=member, created_at__gte=start, created_at__lt=end)
    return visits


def may_change(user, visit: SupportVisit) -> bool:
    return changeable(user, SupportVisit.objects.filter(pk=visit.pk)).exists()


def change_visit(user, visit: SupportVisit, data: VisitInput) -> SupportVisit:
    if not may_change(user, visit):
        raise PermissionDenied("Bạn chỉ sửa được lượt hỗ trợ của mình, trong ngày.")
    data.team_id = data.team_id or visit.team_id
    data.occurred_at = data.occurred_at or visit.occurred_at
    resolved = _resolve(user, data, Lookups(user))
    for name in ("place", "people", "gender", "age_band", "disability", "outcome", "note"):
        setattr(visit, name, getattr(data, name))
    visit.elderly = data.elderly or data.age_band == AgeBand.FROM_60
    visit.village = resolved["village"]
    visit.team = resolved["team"]
    visit.commune = resolved["commune"]
    visit.occurred_at = resolved["occurred_at"]
    with transaction.atomic(), acting_as(user):
        before = counted_before(visit)
        visit.save()
        visit.services.set(resolved["services"])
        after = Counted.of(visit, [service.pk for service in resolved["services"]])
        count_changes(removed=[before], added=[after])
    return visit


def counted_before(visit: SupportVisit) -> Counted:
    """What `visit` adds to the totals as saved, read from the database (not from the
    instance, which a caller may have changed already) and locked until the transaction
    ends, so that two changes of one visit take it out of the totals one after the other."""
    [counted] = counted_in_database(SupportVisit.objects.filter(pk=visit.pk).select_for_update())
    return counted


def delete_visit(user, visit: SupportVisit) -> None:
    if not may_change(user, visit):
        raise PermissionDenied("Bạn chỉ xóa được lượt hỗ trợ của mình, trong ngày.")
    with transaction.atomic(), acting_as(user):
        before = counted_before(visit)
        visit.delete()
        count_changes(removed=[before])


def today_visits(member: Member):
    """The member's visits that happened today, as the report counts them.

    The phone page's tally and its "Hôm nay" list both come from here, so that
    they agree: an officer's entry naming the member today is in both, a visit
    logged today for an earlier day in neither.
    """
    start, end = _today_bounds()
    return SupportVisit.objects.filter(member=member, occurred_at__gte=start, occurred_at__lt=end)


def tally(visits) -> dict:
    return visits.aggregate(visits=Count("pk"), people=Sum("people", default=0))


def today_count(user) -> dict:
    """The member's visits and people helped today, for the logging page."""
    member = member_of(user)
    if member is None:
        return {"visits": 0, "people": 0}
    return tally(today_visits(member))
