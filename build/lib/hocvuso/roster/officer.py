"""The officer's pages: the roster of a week or a month, its print and DOCX, generating it.

A commune officer does everything here for their commune; a city officer reads
the rosters of the city's communes and changes nothing, as with the reports.
"""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from hocvuso.accounts.permissions import officer_scope, writes_for_commune
from hocvuso.core.periods import month_of, week_of
from hocvuso.teams.models import Member, Team, TeamLevel
from hocvuso.units.lookup import current_communes
from hocvuso.units.models import Unit

from .forms import GenerateForm, validation_messages
from .models import DutyPlace, Shift
from .printing import CONTENT_TYPE, roster_docx
from .services import generate_roster
from .tables import rapid_contacts, roster_tables, weekday_name

WEEK, MONTH = "tuan", "thang"


def roster_scope(request):
    return officer_scope(
        request, "Chỉ cán bộ xã, phường và cán bộ tỉnh, thành phố quản lý lịch trực."
    )


# The commune makes its roster; the city reads it.
writes_roster = writes_for_commune


def _communes(scope):
    return current_communes(scope).annotate(places=Count("duty_places")).order_by("-places", "name")


def chosen_commune(request, scope, for_write=False) -> Unit:
    """The commune the officer works on: `?xa=<code>`, else their own, else the first."""
    if for_write and not writes_roster(request.user):
        raise PermissionDenied("Chỉ cán bộ xã, phường được thay đổi lịch trực của mình.")
    communes = _communes(scope)
    code = request.GET.get("xa") or request.POST.get("xa")
    commune = communes.filter(code=code).first() if code else None
    if code and commune is None:
        raise Http404("Không tìm thấy xã, phường.")
    if commune is None and request.user.unit_id:
        commune = communes.filter(pk=request.user.unit_id).first()
    commune = commune or communes.first()
    if commune is None:
        raise Http404("Không có xã, phường nào trong phạm vi của bạn.")
    if for_write and not Unit.objects.editable_by(scope).filter(pk=commune.pk).exists():
        raise PermissionDenied("Xã, phường này nằm ngoài phạm vi của bạn.")
    return commune


def _day(value: str | None) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def _period(request):
    """(view, start, end, day) of `?xem=tuan|thang&ngay=YYYY-MM-DD`."""
    view = MONTH if request.GET.get("xem") == MONTH else WEEK
    day = _day(request.GET.get("ngay"))
    start, end = month_of(day) if view == MONTH else week_of(day)
    return view, start, end, day


def period_title(view, start, end) -> str:
    if view == MONTH:
        return f"Tháng {start:%m/%Y}"
    return f"Tuần từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"


def query(commune, view=None, day=None, **extra) -> str:
    params = {"xa": commune.code}
    if view:
        params["xem"] = view
    if day:
        params["ngay"] = day.isoformat()
    params.update(extra)
    return "?" + urlencode(params)


def _roster_context(request, scope):
    commune = chosen_commune(request, scope)
    view, start, end, day = _period(request)
    places = DutyPlace.objects.visible_to(scope).filter(commune=commune, is_active=True)
    if view == MONTH:
        before, after = start - datetime.timedelta(days=1), end + datetime.timedelta(days=1)
    else:
        before, after = start - datetime.timedelta(days=7), start + datetime.timedelta(days=7)
    return {
        "commune": commune,
        "communes": _communes(scope),
        "view": view,
        "start": start,
        "end": end,
        "title": period_title(view, start, end),
        "today": timezone.localdate(),
        "tables": roster_tables(commune, places, start, end),
        "contacts": rapid_contacts(commune),
        "may_write": writes_roster(request.user),
        "q": {
            "here": query(commune, view, day),
            "prev": query(commune, view, before),
            "next": query(commune, view, after),
            "week": query(commune, WEEK, day if view == WEEK else start),
            "month": query(commune, MONTH, day),
            "commune": query(commune),
        },
        "public_url": request.build_absolute_uri(
            reverse("roster:public_commune", args=[commune.code])
        ),
    }


@login_required
def manage(request):
    scope = roster_scope(request)
    return render(request, "roster/manage.html", _roster_context(request, scope))


@login_required
def print_roster(request):
    scope = roster_scope(request)
    return render(request, "roster/print.html", _roster_context(request, scope))


@login_required
def download_docx(request):
    scope = roster_scope(request)
    context = _roster_context(request, scope)
    commune, start, end = context["commune"], context["start"], context["end"]
    content = roster_docx(
        commune, context["tables"], context["title"], context["contacts"], context["public_url"]
    )
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    filename = f"lich-truc-{commune.code}-{start:%Y%m%d}-{end:%Y%m%d}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _next_month():
    first = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return month_of(first)


def _result_summary(result):
    unfilled = (
        Shift.objects.filter(pk__in=[s.pk for s in result.unfilled])
        .select_related("place")
        .annotate(filled=Count("assignments"))
        .order_by("starts_at")
    )
    members = Member.objects.filter(pk__in=result.counts).only("full_name")
    counts = sorted(
        ((m.full_name, result.counts[m.pk]) for m in members), key=lambda c: (-c[1], c[0])
    )
    return {
        "unfilled": [
            {
                "when": timezone.localtime(s.starts_at),
                "ends": timezone.localtime(s.ends_at),
                "weekday": weekday_name(timezone.localtime(s.starts_at).date()),
                "place": s.place.name,
                "missing": s.members_needed - s.filled,
            }
            for s in unfilled
        ],
        "counts": counts,
    }


@login_required
def generate(request):
    scope = roster_scope(request)
    commune = chosen_commune(request, scope, for_write=True)
    teams = Team.objects.visible_to(scope).filter(commune=commune).order_by("level", "name")
    result = summary = None
    if request.method == "POST":
        form = GenerateForm(request.POST, teams=teams)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = generate_roster(
                    commune, data["start"], data["end"], teams=data["teams"], user=request.user
                )
            except ValidationError as error:
                form.add_error(None, validation_messages(error))
            else:
                summary = _result_summary(result)
    else:
        start, end = _next_month()
        form = GenerateForm(
            teams=teams,
            initial={
                "start": start,
                "end": end,
                "teams": teams.filter(level=TeamLevel.COMMUNE),
            },
        )
    period = None
    if result is not None:
        period = {
            "start": form.cleaned_data["start"],
            "end": form.cleaned_data["end"],
            "view": query(commune, MONTH, form.cleaned_data["start"]),
        }
    return render(
        request,
        "roster/generate.html",
        {
            "commune": commune,
            "form": form,
            "result": result,
            "summary": summary,
            "period": period,
            "has_places": DutyPlace.objects.filter(commune=commune, is_active=True).exists(),
            "may_write": True,
            "q": {"commune": query(commune)},
        },
    )
