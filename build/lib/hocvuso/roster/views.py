"""A member's pages: my shifts, check-in, my calendar address, and swapping shifts.

Swaps are looked at from three sides: the member asked to take a shift
answers, the team leader (or the commune officer) approves, and everyone
involved sees the result and each step of the history, which the audit log
keeps with who did it and when.
"""

import datetime
from collections import defaultdict

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from hocvuso.accounts.models import UserRole
from hocvuso.accounts.scoping import scope_for

from .forms import SwapForm, validation_messages
from .models import Assignment, Shift, SwapRequest, SwapStatus
from .services import (
    CHECK_IN_EARLY,
    answer_swap,
    approve_swap,
    calendar_feed,
    cancel_swap,
    check_in,
    request_swap,
    reset_calendar,
)
from .tables import weekday_name

OPEN = (SwapStatus.REQUESTED, SwapStatus.ACCEPTED)
UPCOMING = 12  # shifts listed on "Lịch trực của tôi"; the calendar feed has them all
SWAP_HORIZON = datetime.timedelta(days=90)  # how far ahead the other members' shifts are offered
STEP_LABELS = {
    SwapStatus.ACCEPTED: "Đồng ý đổi",
    SwapStatus.DECLINED: "Từ chối",
    SwapStatus.APPROVED: "Duyệt",
    SwapStatus.REJECTED: "Không duyệt",
    SwapStatus.CANCELLED: "Hủy đề nghị",
}


def _member(request):
    member = getattr(request.user, "member", None)
    return member if member is not None and member.is_active else None


def _when(shift) -> dict:
    starts, ends = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
    return {"weekday": weekday_name(starts.date()), "starts": starts, "ends": ends}


@login_required
def mine(request):
    """Lịch trực của tôi: the shifts ahead, the one now with its Có mặt button, my calendar."""
    scope = scope_for(request.user)
    member = _member(request)
    if member is None:
        if scope.is_officer:
            return redirect("roster:manage")
        return render(request, "roster/not_member.html")
    now = timezone.now()
    own = (
        Assignment.objects.visible_to(scope)
        .filter(member=member)
        .select_related("shift__place")
        # Who else is on the shift: their first names are public on /lich-truc/ anyway.
        .prefetch_related(
            Prefetch("shift__assignments", queryset=Assignment.objects.select_related("member"))
        )
    )
    ahead = own.filter(shift__ends_at__gte=now).order_by("shift__starts_at")
    upcoming = list(ahead[:UPCOMING])
    for assignment in upcoming:
        shift = assignment.shift
        assignment.when = _when(shift)
        assignment.is_now = shift.starts_at - CHECK_IN_EARLY <= now <= shift.ends_at
        assignment.partners = [
            a.member.first_name for a in shift.assignments.all() if a.member_id != member.pk
        ]
    current = next((a for a in upcoming if a.is_now), None)
    recent = list(own.filter(shift__ends_at__lt=now).order_by("-shift__starts_at")[:5])
    for assignment in recent:
        assignment.when = _when(assignment.shift)
    feed = calendar_feed(member)
    ics_url = request.build_absolute_uri(reverse("roster:ics", args=[feed.secret]))
    # Requests addressed to the member are theirs to answer, though the scope
    # of a member shows only the requests they made.
    to_answer = SwapRequest.objects.filter(take__member=member, status=SwapStatus.REQUESTED)
    to_approve = (
        SwapRequest.objects.visible_to(scope)
        .filter(status=SwapStatus.ACCEPTED)
        .exclude(requester=member)
        if request.user.role == UserRole.TEAM_LEADER
        else SwapRequest.objects.none()
    )
    return render(
        request,
        "roster/mine.html",
        {
            "member": member,
            "upcoming": upcoming,
            "current": current,
            "recent": recent,
            "more": max(ahead.count() - UPCOMING, 0) if len(upcoming) == UPCOMING else 0,
            "ics_url": ics_url,
            "webcal_url": "webcal://" + ics_url.split("://", 1)[1],
            "to_answer": to_answer.count(),
            "to_approve": to_approve.count(),
        },
    )


@login_required
@require_POST
def check_in_view(request, pk):
    member = _member(request)
    if member is None:
        raise PermissionDenied("Bạn chưa là thành viên của tổ nào.")
    assignment = get_object_or_404(
        Assignment.objects.visible_to(scope_for(request.user)).select_related("shift"),
        pk=pk,
        member=member,
    )
    try:
        assignment = check_in(request.user, assignment)
    except ValidationError as error:
        messages.error(request, validation_messages(error))
    else:
        at = timezone.localtime(assignment.checked_in_at)
        messages.success(
            request,
            f"Đã ghi nhận bạn có mặt lúc {at:%H:%M}. "
            "Các lượt hỗ trợ bạn ghi trong ca sẽ được tính vào ca trực này.",
        )
    return redirect("roster:mine")


@login_required
@require_POST
def reset_ics(request):
    member = _member(request)
    if member is None:
        raise PermissionDenied("Bạn chưa là thành viên của tổ nào.")
    reset_calendar(member, user=request.user)
    messages.success(
        request,
        "Đã đổi địa chỉ lịch. Địa chỉ cũ không dùng được nữa; "
        "hãy thêm địa chỉ mới vào ứng dụng lịch của bạn.",
    )
    return redirect(reverse("roster:mine") + "#lich-ca-nhan")


def _swap_choices(scope, member):
    """My shifts to give, and the commune's other shifts to take, both still ahead."""
    now = timezone.now()
    busy = SwapRequest.objects.filter(status__in=OPEN)
    in_open_swaps = set(busy.values_list("give_id", flat=True)) | set(
        busy.values_list("take_id", flat=True)
    )
    mine = (
        Assignment.objects.visible_to(scope)
        .filter(member=member, shift__starts_at__gt=now)
        .exclude(pk__in=in_open_swaps)
        .select_related("shift__place", "member")
        .order_by("shift__starts_at")
    )
    # The other members' assignments are reached through the commune's shifts,
    # which every member of the commune may read.
    shifts = Shift.objects.visible_to(scope).filter(
        commune=member.commune, starts_at__gt=now, starts_at__lt=now + SWAP_HORIZON
    )
    theirs = (
        Assignment.objects.filter(shift__in=shifts, member__is_active=True)
        .exclude(member=member)
        .exclude(shift__assignments__member=member)
        .exclude(pk__in=in_open_swaps)
        .select_related("shift__place", "member")
        .order_by("shift__starts_at", "member__full_name")
    )
    return mine, theirs


def _involving(member):
    """Requests a member made or was asked in; an approved swap moved the asked one to `give`."""
    return (
        Q(requester=member)
        | Q(take__member=member) & ~Q(status=SwapStatus.APPROVED)
        | Q(give__member=member, status=SwapStatus.APPROVED)
    )


def _history(swaps) -> dict[int, list[dict]]:
    """Each request's steps from the audit log: who asked, answered, decided, and when."""
    content_type = ContentType.objects.get_for_model(SwapRequest)
    entries = (
        LogEntry.objects.filter(content_type=content_type, object_pk__in=[str(s.pk) for s in swaps])
        .select_related("actor", "actor__member")
        .order_by("timestamp", "pk")
    )
    steps = defaultdict(list)
    for entry in entries:
        if entry.action == LogEntry.Action.CREATE:
            label = "Gửi đề nghị"
        else:
            status = (entry.changes or {}).get("status")
            if not status:
                continue
            label = STEP_LABELS.get(status[-1], status[-1])
        actor = entry.actor
        if actor is None:
            who = ""
        elif getattr(actor, "member", None) is not None:
            who = actor.member.full_name
        else:
            who = actor.get_full_name() or actor.username
        steps[int(entry.object_pk)].append(
            {"label": label, "who": who, "at": timezone.localtime(entry.timestamp)}
        )
    return steps


def _describe(swaps, member, may_approve):
    steps = _history(swaps)
    for swap in swaps:
        approved = swap.status == SwapStatus.APPROVED
        # After the swap the two assignments changed hands.
        swap.asked = swap.give.member if approved else swap.take.member
        swap.give_when = _when(swap.give.shift)
        swap.take_when = _when(swap.take.shift)
        swap.steps = steps.get(swap.pk, [])
        swap.is_open = swap.status in OPEN
        swap.can_answer = (
            member is not None
            and swap.status == SwapStatus.REQUESTED
            and swap.take.member_id == member.pk
        )
        swap.can_cancel = member is not None and swap.is_open and swap.requester_id == member.pk
        swap.can_approve = (
            may_approve
            and swap.status == SwapStatus.ACCEPTED
            and (member is None or swap.requester_id != member.pk)
        )
    return swaps


SWAP_RELATED = [
    "requester",
    "decided_by",
    "give__member",
    "give__shift__place",
    "take__member",
    "take__shift__place",
]


@login_required
def swaps(request):
    """Đổi ca: ask for a swap; answer, approve or cancel; and the history."""
    scope = scope_for(request.user)
    member = _member(request)
    if member is None and not scope.is_officer:
        return render(request, "roster/not_member.html")
    form = None
    if member is not None:
        mine, theirs = _swap_choices(scope, member)
        if request.method == "POST":
            form = SwapForm(request.POST, mine=mine, theirs=theirs)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    request_swap(request.user, data["give"], data["take"], data["message"])
                except ValidationError as error:
                    form.add_error(None, validation_messages(error))
                else:
                    other = data["take"].member.full_name
                    messages.success(
                        request,
                        f"Đã gửi đề nghị đổi ca đến {other}. "
                        "Khi người đó đồng ý, tổ trưởng sẽ duyệt.",
                    )
                    return redirect("roster:swaps")
        else:
            form = SwapForm(mine=mine, theirs=theirs)
    # The city reads; leaders and the commune approve (approve_swap checks
    # that the request is one of their team's).
    may_approve = request.user.is_superuser or request.user.role in (
        UserRole.COMMUNE_OFFICER,
        UserRole.TEAM_LEADER,
    )
    visible = SwapRequest.objects.visible_to(scope).values("pk")
    involving = _involving(member) if member is not None else Q(pk__in=[])
    related = SwapRequest.objects.select_related(*SWAP_RELATED)
    open_swaps = list(related.filter(Q(pk__in=visible) | involving, status__in=OPEN))
    closed = list(
        related.filter(Q(pk__in=visible) | involving)
        .exclude(status__in=OPEN)
        .order_by("-updated_at")[:30]
    )
    _describe(open_swaps + closed, member, may_approve)
    return render(
        request,
        "roster/swaps.html",
        {
            "member": member,
            "form": form,
            "to_answer": [s for s in open_swaps if s.can_answer],
            "to_approve": [s for s in open_swaps if s.can_approve],
            "waiting": [s for s in open_swaps if not (s.can_answer or s.can_approve)],
            "history": closed,
            "shows_approvals": scope.is_officer or any(s.can_approve for s in open_swaps),
        },
    )


@login_required
@require_POST
def answer(request, pk):
    member = _member(request)
    if member is None:
        raise PermissionDenied("Bạn chưa là thành viên của tổ nào.")
    # Asked of this member, by hand: a member's scope holds only their own requests.
    swap = get_object_or_404(SwapRequest.objects.filter(take__member=member), pk=pk)
    accept = request.POST.get("accept") == "1"
    try:
        answer_swap(request.user, swap, accept)
    except ValidationError as error:
        messages.error(request, validation_messages(error))
    else:
        if accept:
            messages.success(request, "Bạn đã đồng ý đổi ca. Đề nghị đang chờ tổ trưởng duyệt.")
        else:
            messages.success(request, "Bạn đã từ chối đề nghị đổi ca.")
    return redirect("roster:swaps")


@login_required
@require_POST
def approve(request, pk):
    scope = scope_for(request.user)
    swap = get_object_or_404(
        SwapRequest.objects.visible_to(scope).select_related("requester", "take__member"), pk=pk
    )
    approved = request.POST.get("approve") == "1"
    names = f"{swap.requester.full_name} và {swap.take.member.full_name}"
    try:
        approve_swap(request.user, swap, approved)
    except ValidationError as error:
        messages.error(request, validation_messages(error))
    else:
        if approved:
            messages.success(
                request,
                f"Đã duyệt: {names} đã đổi ca cho nhau.",
            )
        else:
            messages.success(request, "Đã không duyệt đề nghị đổi ca.")
    return redirect("roster:swaps")


@login_required
@require_POST
def cancel(request, pk):
    member = _member(request)
    if member is None:
        raise PermissionDenied("Bạn chưa là thành viên của tổ nào.")
    swap = get_object_or_404(
        SwapRequest.objects.visible_to(scope_for(request.user)).filter(requester=member), pk=pk
    )
    try:
        cancel_swap(request.user, swap)
    except ValidationError as error:
        messages.error(request, validation_messages(error))
    else:
        messages.success(request, "Đã hủy đề nghị đổi ca.")
    return redirect("roster:swaps")
