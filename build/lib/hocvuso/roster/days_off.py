"""The officer's days off: holidays and make-up days of a year, and members' leave.

Both change which days the generator plans; after a change the officer is
told when shifts already planned need a new roster.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from hocvuso.core.scoping import EVERYTHING
from hocvuso.teams.models import Member
from hocvuso.units.words import capfirst, kind_word

from .calendar import national_holidays, national_workdays
from .forms import CalendarExceptionForm, LeaveForm
from .models import CalendarException, DayKind, Leave, Shift
from .officer import chosen_commune, query, roster_scope, writes_roster
from .services import aware
from .tables import weekday_name


# Calendar exceptions have no ScopedManager (a general one, for every commune,
# has no commune), so they are scoped here by hand: an officer reads those of a
# commune in their scope and the general ones, and changes only a commune's own.
def _exceptions_for(commune):
    return CalendarException.objects.filter(Q(commune=commune) | Q(commune__isnull=True))


def _exceptions_editable(scope):
    exceptions = CalendarException.objects.all()
    if scope.kind == EVERYTHING:
        return exceptions
    return exceptions.filter(commune_id__in=scope.commune_ids)


def _warn_about_shifts_on(request, commune, exception) -> None:
    shifts = Shift.objects.filter(
        commune=commune,
        starts_at__gte=aware(exception.date, datetime.time.min),
        starts_at__lt=aware(exception.date + datetime.timedelta(days=1), datetime.time.min),
    ).count()
    if exception.kind == DayKind.HOLIDAY and shifts:
        messages.warning(
            request,
            f"Ngày {exception.date:%d/%m/%Y} đã có {shifts} ca trực. "
            "Hãy xếp lại lịch trực của tháng này để bỏ các ca đó.",
        )
    elif exception.kind == DayKind.WORKDAY and not shifts:
        messages.warning(
            request,
            f"Hãy xếp lại lịch trực của tháng này để thêm ca cho ngày {exception.date:%d/%m/%Y}.",
        )


@login_required
def holidays(request):
    scope = roster_scope(request)
    commune = chosen_commune(request, scope, for_write=request.method == "POST")
    try:
        year = int(request.GET.get("nam") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    may_write = writes_roster(request.user)
    if request.method == "POST":
        form = CalendarExceptionForm(request.POST, commune=commune)
        if form.is_valid():
            exception = form.save(commit=False)
            exception.commune = commune
            exception.save()
            messages.success(request, f"Đã thêm {exception}.")
            _warn_about_shifts_on(request, commune, exception)
            return redirect(reverse("roster:holidays") + query(commune, nam=exception.date.year))
    else:
        form = CalendarExceptionForm(commune=commune)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows = [
        {"date": d, "kind": "Ngày nghỉ lễ", "name": name, "source": "Nhà nước"}
        for d, name in national_holidays(start, end).items()
    ]
    rows += [
        {"date": d, "kind": "Ngày làm bù", "name": "Làm bù theo thông báo", "source": "Nhà nước"}
        for d in national_workdays(start, end)
    ]
    for exception in _exceptions_for(commune).filter(date__year=year):
        rows.append(
            {
                "date": exception.date,
                "kind": exception.get_kind_display(),
                "name": exception.name,
                "works_as": exception.get_works_as_display()
                if exception.kind == DayKind.WORKDAY
                else "",
                "source": capfirst(kind_word(commune.kind)) if exception.commune_id else "Chung",
                "exception": exception if exception.commune_id == commune.pk else None,
            }
        )
    for row in rows:
        row["weekday"] = weekday_name(row["date"])
    rows.sort(key=lambda r: r["date"])
    return render(
        request,
        "roster/holidays.html",
        {
            "commune": commune,
            "year": year,
            "rows": rows,
            "form": form if may_write else None,
            "may_write": may_write,
            "q": {
                "commune": query(commune),
                "prev": query(commune, nam=year - 1),
                "next": query(commune, nam=year + 1),
            },
        },
    )


@login_required
def holiday_edit(request, pk):
    scope = roster_scope(request)
    if not writes_roster(request.user):
        raise PermissionDenied("Chỉ cán bộ xã, phường được thay đổi lịch nghỉ lễ của mình.")
    exception = get_object_or_404(
        _exceptions_editable(scope).select_related("commune"), pk=pk, commune__isnull=False
    )
    commune = exception.commune
    back = reverse("roster:holidays") + query(commune, nam=exception.date.year)
    if request.method == "POST":
        if request.POST.get("delete"):
            text = str(exception)
            exception.delete()
            messages.success(request, f"Đã xóa {text}.")
            return redirect(back)
        form = CalendarExceptionForm(request.POST, instance=exception, commune=commune)
        if form.is_valid():
            exception = form.save()
            messages.success(request, f"Đã lưu {exception}.")
            _warn_about_shifts_on(request, commune, exception)
            return redirect(back)
    else:
        form = CalendarExceptionForm(instance=exception, commune=commune)
    return render(
        request,
        "roster/holiday_edit.html",
        {"commune": commune, "form": form, "exception": exception, "back": back},
    )


def _warn_about_leave(request, leave) -> None:
    shifts = Shift.objects.filter(
        assignments__member=leave.member,
        starts_at__gte=max(aware(leave.starts_on, datetime.time.min), timezone.now()),
        starts_at__lt=aware(leave.ends_on + datetime.timedelta(days=1), datetime.time.min),
    ).count()
    if shifts:
        messages.warning(
            request,
            f"{leave.member.full_name} đang có {shifts} ca trực trong thời gian nghỉ. "
            "Hãy xếp lại lịch trực cho thời gian đó, hoặc đề nghị đổi ca.",
        )


@login_required
def leaves(request):
    scope = roster_scope(request)
    commune = chosen_commune(request, scope, for_write=request.method == "POST")
    members = Member.objects.editable_by(scope).filter(commune=commune, is_active=True)
    if request.method == "POST":
        form = LeaveForm(request.POST, members=members)
        if form.is_valid():
            leave = form.save()
            messages.success(request, f"Đã ghi nghỉ phép: {leave}.")
            _warn_about_leave(request, leave)
            return redirect(reverse("roster:leaves") + query(commune))
    else:
        form = LeaveForm(members=members)
    since = timezone.localdate() - datetime.timedelta(days=31)
    rows = (
        Leave.objects.visible_to(scope)
        .filter(member__commune=commune, ends_on__gte=since)
        .select_related("member")
        .order_by("starts_on", "member__full_name")
    )
    may_write = writes_roster(request.user)
    return render(
        request,
        "roster/leaves.html",
        {
            "commune": commune,
            "rows": rows,
            "form": form if may_write else None,
            "may_write": may_write,
            "q": {"commune": query(commune)},
        },
    )


@login_required
def leave_edit(request, pk):
    scope = roster_scope(request)
    if not writes_roster(request.user):
        raise PermissionDenied("Chỉ cán bộ xã, phường được thay đổi nghỉ phép của thành viên.")
    leave = get_object_or_404(
        Leave.objects.editable_by(scope).select_related("member__commune"), pk=pk
    )
    commune = leave.member.commune
    back = reverse("roster:leaves") + query(commune)
    members = Member.objects.editable_by(scope).filter(commune=commune)
    if request.method == "POST":
        if request.POST.get("delete"):
            text = str(leave)
            leave.delete()
            messages.success(request, f"Đã xóa nghỉ phép: {text}.")
            return redirect(back)
        form = LeaveForm(request.POST, instance=leave, members=members)
        if form.is_valid():
            leave = form.save()
            messages.success(request, f"Đã lưu nghỉ phép: {leave}.")
            _warn_about_leave(request, leave)
            return redirect(back)
    else:
        form = LeaveForm(instance=leave, members=members)
    return render(
        request,
        "roster/leave_edit.html",
        {"commune": commune, "form": form, "leave": leave, "back": back},
    )
