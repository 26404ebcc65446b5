"""Writes on the roster: generate, swap, check in; and the calendar of working days."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from hocvuso.accounts.models import UserRole
from hocvuso.accounts.scoping import scope_for
from hocvuso.core.audit import acting_as, prepare_logged
from hocvuso.core.bulk import run_statements
from hocvuso.core.citizen_data import check_no_citizen_data
from hocvuso.teams.models import Member, Membership, Role, Team, TeamLevel
from hocvuso.units.models import Unit
from hocvuso.units.words import capfirst, unit_phrase

from . import generator
from .calendar import each_day, national_holidays, national_workdays
from .mails import mail_roster, mail_swap
from .models import (
    Assignment,
    CalendarException,
    CalendarFeed,
    DayKind,
    DutyPlace,
    Leave,
    OpeningHours,
    Shift,
    SwapRequest,
    SwapStatus,
    new_calendar_secret,
)

CHECK_IN_EARLY = datetime.timedelta(minutes=30)


def working_days(commune: Unit, start: datetime.date, end: datetime.date):
    """(day, weekday whose hours apply) for every day with duty in [start, end].

    Weekends are off unless made a working day (by the government, as the
    `holidays` package knows, or by an officer); public holidays are off,
    lunar Tết included, and so are holidays an officer adds.
    """
    holidays = national_holidays(start, end)
    workdays = national_workdays(start, end)
    exceptions = CalendarException.objects.filter(
        Q(commune=commune) | Q(commune__isnull=True), date__gte=start, date__lte=end
    ).order_by("commune")  # the commune's own entry (non-null) wins over a general one
    own = {}
    for exception in exceptions:
        own[exception.date] = exception
    days = []
    for day in each_day(start, end):
        exception = own.get(day)
        if exception is not None:
            if exception.kind == DayKind.WORKDAY:
                days.append((day, exception.works_as))
            continue
        if day in holidays:
            continue
        if day.weekday() >= 5:
            if day in workdays:
                days.append((day, 0))  # a make-up Saturday keeps Monday's hours
            continue
        days.append((day, day.weekday()))
    return days


def default_teams(commune: Unit):
    """The commune-level team takes the turns at the service centre, as the report says."""
    return Team.objects.filter(commune=commune, level=TeamLevel.COMMUNE)


def members_of(teams, start: datetime.date, end: datetime.date) -> list[int]:
    memberships = Membership.objects.during(start, end).filter(
        team__in=teams, member__is_active=True
    )
    return sorted(set(memberships.values_list("member_id", flat=True)))


def unavailable_days(member_ids, start, end) -> dict[int, set[datetime.date]]:
    days: dict[int, set[datetime.date]] = {}
    leaves = Leave.objects.filter(member_id__in=member_ids, starts_on__lte=end, ends_on__gte=start)
    for leave in leaves:
        days.setdefault(leave.member_id, set()).update(
            each_day(max(leave.starts_on, start), min(leave.ends_on, end))
        )
    return days


def aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _refuse_a_period_without_shifts(days, places, hours, now) -> None:
    """Say why nothing can be planned, rather than "done" with no shift at all."""
    slots = [
        aware(day, row.starts)
        for day, weekday in days
        for place in places
        for row in hours.get((place.pk, weekday), [])
    ]
    if any(starts_at >= now for starts_at in slots):
        return
    if not days:
        reason = "Kỳ này không có ngày làm việc nào (toàn ngày nghỉ lễ, cuối tuần)"
    elif not slots:
        reason = "Các địa điểm trực không có giờ trực vào ngày làm việc nào của kỳ này"
    else:
        reason = "Kỳ này không còn ngày làm việc nào: các ca trực của kỳ đều đã qua"
    raise ValidationError(f"{reason}, nên không xếp được ca nào. Hãy chọn một kỳ khác.")


@dataclass
class RosterResult:
    shifts: int = 0
    assignments: int = 0
    kept: int = 0
    unfilled: list[Shift] = field(default_factory=list)
    counts: dict[int, int] = field(default_factory=dict)


def generate_roster(
    commune: Unit,
    start: datetime.date,
    end: datetime.date,
    *,
    teams=None,
    now: datetime.datetime | None = None,
    user=None,
) -> RosterResult:
    """Generate, or regenerate, the roster of `commune` for [start, end].

    What is past stays as it was: shifts that have begun, and any shift
    someone checked in to. The rest of the period is planned afresh.
    """
    if end < start:
        raise ValidationError("Ngày kết thúc phải sau ngày bắt đầu.")
    now = now or timezone.now()
    teams = default_teams(commune) if teams is None else teams
    places = list(DutyPlace.objects.filter(commune=commune, is_active=True))
    if not places:
        raise ValidationError(
            f"{capfirst(unit_phrase(commune))} chưa có địa điểm trực nào. "
            "Hãy thêm địa điểm và giờ trực."
        )
    member_ids = members_of(teams, start, end)
    if not member_ids:
        raise ValidationError("Các tổ được chọn chưa có thành viên nào để xếp lịch trực.")
    hours = {}
    for row in OpeningHours.objects.filter(place__in=places):
        hours.setdefault((row.place_id, row.weekday), []).append(row)
    days = working_days(commune, start, end)
    _refuse_a_period_without_shifts(days, places, hours, now)
    lower = aware(start, datetime.time.min)
    upper = aware(end + datetime.timedelta(days=1), datetime.time.min)
    result = RosterResult()
    with transaction.atomic(), acting_as(user):
        in_period = Shift.objects.filter(
            place__in=places, starts_at__gte=lower, starts_at__lt=upper
        )
        kept = in_period.filter(Q(starts_at__lt=now) | Q(assignments__checked_in_at__isnull=False))
        kept_ids = set(kept.values_list("pk", flat=True))
        # Who loses a shift is told too, even if the new plan gives them none.
        concerned = set(
            Assignment.objects.filter(shift__in=in_period.exclude(pk__in=kept_ids)).values_list(
                "member_id", flat=True
            )
        )
        in_period.exclude(pk__in=kept_ids).delete()
        result.kept = len(kept_ids)
        kept_starts = set(
            Shift.objects.filter(pk__in=kept_ids).values_list("place_id", "starts_at")
        )
        slots, shifts = [], {}
        for day, weekday in days:
            for place in places:
                for row in hours.get((place.pk, weekday), []):
                    starts_at = aware(day, row.starts)
                    if starts_at < now or (place.pk, starts_at) in kept_starts:
                        continue
                    shift = Shift(
                        place=place,
                        commune=commune,
                        starts_at=starts_at,
                        ends_at=aware(day, row.ends),
                        members_needed=row.members_needed,
                    )
                    shifts[(place.pk, starts_at)] = shift
                    slots.append(
                        generator.Slot(
                            (place.pk, starts_at), starts_at, shift.ends_at, row.members_needed
                        )
                    )
        # Fairness counts every shift these members hold outside the part being
        # planned (which was just cleared): earlier months, and what is kept.
        earlier = dict(
            Assignment.objects.filter(member_id__in=member_ids)
            .values_list("member_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        busy = {}
        for member_id, s, e in Assignment.objects.filter(
            member_id__in=member_ids, shift__ends_at__gt=lower, shift__starts_at__lt=upper
        ).values_list("member_id", "shift__starts_at", "shift__ends_at"):
            busy.setdefault(member_id, []).append((s, e))
        plan = generator.generate(
            slots,
            member_ids,
            unavailable=unavailable_days(member_ids, start, end),
            earlier_counts=earlier,
            busy=busy,
        )
        # The shifts and their assignments with their audit entries, a few INSERTs in all:
        # a month of a commune's roster is hundreds of rows.
        statements = prepare_logged(user, list(shifts.values()))
        assignments = [
            Assignment(shift=shifts[key], member_id=member_id)
            for key, chosen in plan.assignments.items()
            for member_id in chosen
        ]
        run_statements(statements + prepare_logged(user, assignments))
        result.shifts = len(shifts)
        result.assignments = sum(len(c) for c in plan.assignments.values())
        result.unfilled = [shifts[key] for key in plan.unfilled]
        result.counts = plan.counts
        concerned.update(m for chosen in plan.assignments.values() for m in chosen)
        mail_roster(commune, start, end, lower, upper, concerned)
    return result


def _leads(user, member: Member) -> bool:
    """Is `user` the leader (or deputy) of a team `member` belongs to, or their officer?"""
    if user.is_superuser:
        return True
    scope = scope_for(user)
    if scope.is_officer:
        return member.commune_id in scope.commune_ids and user.role == UserRole.COMMUNE_OFFICER
    teams = Membership.objects.open().filter(member=member).values("team_id")
    return (
        Membership.objects.open()
        .filter(member__user=user, team_id__in=teams, role__in=(Role.LEADER, Role.DEPUTY))
        .exists()
    )


def request_swap(user, give: Assignment, take: Assignment, message: str = "") -> SwapRequest:
    member = getattr(user, "member", None)
    if member is None or give.member_id != member.pk:
        raise PermissionDenied("Bạn chỉ đề nghị đổi ca trực của chính mình.")
    if take.member_id == member.pk:
        raise ValidationError("Hãy chọn ca của một thành viên khác.")
    now = timezone.now()
    if give.shift.starts_at <= now or take.shift.starts_at <= now:
        raise ValidationError("Chỉ đổi được những ca chưa bắt đầu.")
    if give.shift.commune_id != take.shift.commune_id:
        raise ValidationError("Chỉ đổi ca trong cùng một xã, phường.")
    check_no_citizen_data(message, "Lời nhắn")
    open_swaps = SwapRequest.objects.filter(
        Q(give__in=[give, take]) | Q(take__in=[give, take]),
        status__in=(SwapStatus.REQUESTED, SwapStatus.ACCEPTED),
    )
    if open_swaps.exists():
        raise ValidationError("Một trong hai ca đang có đề nghị đổi khác chưa xong.")
    with acting_as(user):
        return SwapRequest.objects.create(
            requester=member, give=give, take=take, message=message[:250]
        )


def _decide(user, swap: SwapRequest, status: str) -> SwapRequest:
    swap.status = status
    swap.decided_by = user
    swap.decided_at = timezone.now()
    swap.save()
    return swap


def answer_swap(user, swap: SwapRequest, accept: bool) -> SwapRequest:
    member = getattr(user, "member", None)
    if member is None or swap.take.member_id != member.pk:
        raise PermissionDenied("Chỉ người được đề nghị mới trả lời được.")
    if swap.status != SwapStatus.REQUESTED:
        raise ValidationError("Đề nghị này đã được trả lời.")
    with acting_as(user):
        _decide(user, swap, SwapStatus.ACCEPTED if accept else SwapStatus.DECLINED)
    mail_swap(swap, swap.requester_id, member.pk)
    return swap


def _overlaps(member_id: int, shift: Shift, ignore: set[int]) -> bool:
    return (
        Assignment.objects.filter(
            member_id=member_id,
            shift__starts_at__lt=shift.ends_at,
            shift__ends_at__gt=shift.starts_at,
        )
        .exclude(pk__in=ignore)
        .exists()
    )


def approve_swap(user, swap: SwapRequest, approve: bool = True) -> SwapRequest:
    if not _leads(user, swap.requester):
        raise PermissionDenied("Chỉ tổ trưởng, tổ phó hoặc cán bộ xã, phường được duyệt đổi ca.")
    if swap.status != SwapStatus.ACCEPTED:
        raise ValidationError("Chỉ duyệt được đề nghị mà người kia đã đồng ý.")
    with transaction.atomic(), acting_as(user):
        if not approve:
            _decide(user, swap, SwapStatus.REJECTED)
            mail_swap(swap, swap.requester_id, swap.take.member_id)
            return swap
        give = Assignment.objects.select_for_update().get(pk=swap.give_id)
        take = Assignment.objects.select_for_update().get(pk=swap.take_id)
        first, second = give.member_id, take.member_id
        ignore = {give.pk, take.pk}
        if _overlaps(first, take.shift, ignore) or _overlaps(second, give.shift, ignore):
            raise ValidationError("Sau khi đổi, một người sẽ trực hai ca cùng lúc.")
        if (
            Assignment.objects.filter(shift=take.shift, member_id=first)
            .exclude(pk=take.pk)
            .exists()
        ):
            raise ValidationError("Người đề nghị đã có mặt trong ca kia.")
        # Swap through a placeholder-free route: delete and recreate would lose
        # the audit trail of the rows, so update both rows in turn.
        give.member_id, take.member_id = second, first
        give.save(update_fields=["member", "updated_at"])
        take.save(update_fields=["member", "updated_at"])
        _decide(user, swap, SwapStatus.APPROVED)
        mail_swap(swap, first, second)
        return swap


def cancel_swap(user, swap: SwapRequest) -> SwapRequest:
    member = getattr(user, "member", None)
    if member is None or swap.requester_id != member.pk:
        raise PermissionDenied("Chỉ người đề nghị mới hủy được.")
    if swap.status not in (SwapStatus.REQUESTED, SwapStatus.ACCEPTED):
        raise ValidationError("Đề nghị này đã xong, không hủy được.")
    with acting_as(user):
        return _decide(user, swap, SwapStatus.CANCELLED)


def check_in(user, assignment: Assignment, now: datetime.datetime | None = None) -> Assignment:
    member = getattr(user, "member", None)
    if member is None or assignment.member_id != member.pk:
        raise PermissionDenied("Bạn chỉ điểm danh ca trực của mình.")
    now = now or timezone.now()
    shift = assignment.shift
    if not shift.starts_at - CHECK_IN_EARLY <= now <= shift.ends_at:
        raise ValidationError("Chỉ điểm danh được trong giờ của ca trực.")
    if assignment.checked_in_at is None:
        assignment.checked_in_at = now
        with acting_as(user):
            assignment.save(update_fields=["checked_in_at", "updated_at"])
    return assignment


def current_assignment(member: Member, at: datetime.datetime) -> Assignment | None:
    """The checked-in shift `member` is on at `at`, for linking the visits logged in it."""
    return (
        Assignment.objects.filter(
            member=member,
            checked_in_at__isnull=False,
            shift__starts_at__lte=at + CHECK_IN_EARLY,
            shift__ends_at__gte=at,
        )
        .select_related("shift")
        .first()
    )


def calendar_feed(member: Member) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(member=member)
    return feed


def reset_calendar(member: Member, user=None) -> CalendarFeed:
    feed = calendar_feed(member)
    feed.secret = new_calendar_secret()
    feed.reset_at = timezone.now()
    with acting_as(user):
        feed.save()
    return feed
