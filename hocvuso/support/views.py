"""The phone page on which a team member logs support visits, and its service worker.

New visits are not posted to these views: the page keeps each one in the
browser (IndexedDB) and sends it to the API (`POST /api/v1/visits`), so that
logging works the same with or without a signal. These views render the page,
the "Hôm nay" list, and correct or delete a visit already saved.
"""

import datetime
import hashlib
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_POST

from hocvuso.accounts.scoping import scope_for
from hocvuso.accounts.words import facts_for, words_for
from hocvuso.roster.services import current_assignment
from hocvuso.teams.models import TeamLevel
from hocvuso.units.facts import local_choices, local_label
from hocvuso.units.models import Level, Unit

from .forms import VisitForm
from .models import AgeBand, Gender, Outcome, Place, Service, SupportVisit
from .services import (
    change_visit,
    changeable,
    default_team,
    delete_visit,
    member_of,
    tally,
    today_visits,
)

# What the service worker keeps so that the page opens without a signal.
OFFLINE_ASSETS = [
    "css/hocvuso.css",
    "js/actions.js",
    "js/forms.js",
    "js/logout.js",
    "support/log.js",
]
POPULAR_DAYS = 90


def services_by_use(commune):
    """The catalogue for `commune`, the services its teams used most in the last 90 days first."""
    since = timezone.now() - datetime.timedelta(days=POPULAR_DAYS)
    uses = Count("visits", filter=Q(visits__commune=commune, visits__occurred_at__gte=since))
    return (
        Service.objects.filter(is_active=True)
        .usable_in([commune.parent_id])
        .annotate(uses=uses)
        .order_by("-uses", "position", "name")
    )


def default_place(member, team) -> str:
    """Where the member is on duty now (checked in to a shift), else where their team works.

    A village team works in its cultural house, the others at the commune's
    service centre.
    """
    on_duty = current_assignment(member, timezone.now())
    if on_duty is not None and on_duty.shift.place.kind in Place.values:
        return on_duty.shift.place.kind
    return Place.CULTURAL_HOUSE if team.level == TeamLevel.VILLAGE else Place.SERVICE_CENTRE


def _logging_member(request):
    """The member the signed-in user logs as, with their team; None when they log nothing."""
    member = member_of(request.user)
    if member is None or not member.is_active:
        return None, None
    team = default_team(member)
    return (member, team) if team is not None else (None, None)


def _today_context(user, member) -> dict:
    """The member's visits of today with their tally, and which of them they may still fix."""
    visits = today_visits(member)
    return {
        "today": tally(visits),
        "today_visits": visits.prefetch_related("services")
        .select_related("village")
        .order_by("-occurred_at", "-pk"),
        "changeable": set(changeable(user, visits).values_list("pk", flat=True)),
    }


def _own_visit(request, pk) -> SupportVisit:
    visits = SupportVisit.objects.editable_by(scope_for(request.user))
    try:
        return visits.get(pk=pk)
    except SupportVisit.DoesNotExist:
        raise Http404("Không tìm thấy lượt hỗ trợ.") from None


def _refusal(message: str, errors=None, status=422) -> JsonResponse:
    # The same shape as the API's errors, so the page shows both the same way.
    return JsonResponse({"detail": message, "errors": errors or {}}, status=status)


def _today_fragment(request, member):
    return render(request, "support/_today.html", _today_context(request.user, member))


@login_required
@ensure_csrf_cookie
def log(request):
    member, team = _logging_member(request)
    if member is None:
        return render(request, "support/not_a_member.html")
    villages = []
    if team.level != TeamLevel.VILLAGE:
        villages = Unit.objects.filter(parent=team.commune, level=Level.VILLAGE).order_by("code")
    place = default_place(member, team)
    facts = facts_for(request.user)
    context = {
        "team": team,
        "services": services_by_use(team.commune),
        "place": place,
        "place_label": local_label(place, Place(place).label, facts),
        "places": local_choices(Place.choices, facts),
        "villages": villages,
        "genders": Gender.choices,
        "age_bands": AgeBand.choices,
        "outcomes": Outcome.choices,
        **_today_context(request.user, member),
    }
    return render(request, "support/log.html", context)


@login_required
@require_GET
def today(request):
    member, _team = _logging_member(request)
    if member is None:
        raise Http404("Bạn không thuộc tổ nào.")
    return _today_fragment(request, member)


@login_required
@require_POST
def change(request, pk):
    visit = _own_visit(request, pk)
    form = VisitForm(request.POST, words=words_for(request.user))
    if not form.is_valid():
        errors = {name: " ".join(texts) for name, texts in form.errors.items()}
        return _refusal("Thông tin chưa hợp lệ.", errors)
    try:
        change_visit(request.user, visit, form.visit_input())
    except PermissionDenied as refusal:
        return _refusal(str(refusal), status=403)
    except ValidationError as error:
        errors = {name: " ".join(texts) for name, texts in error.message_dict.items()}
        return _refusal("Thông tin chưa hợp lệ.", errors)
    return _today_fragment(request, member_of(request.user))


@login_required
@require_POST
def delete(request, pk):
    visit = _own_visit(request, pk)
    try:
        delete_visit(request.user, visit)
    except PermissionDenied as refusal:
        return _refusal(str(refusal), status=403)
    # The page asks for the new list; a plain form (no JavaScript) goes back to the page.
    if request.headers.get("X-Fragment"):
        return _today_fragment(request, member_of(request.user))
    messages.success(request, "Đã xóa lượt hỗ trợ.")
    return redirect("support:log")


def _assets_version(paths) -> str:
    # A new version whenever an asset changes makes the browser install the
    # worker again, and with it fresh copies of the assets.
    digest = hashlib.sha256()
    for path in paths:
        found = finders.find(path)
        if found:
            digest.update(Path(found).read_bytes())
    return digest.hexdigest()[:12]


@require_GET
def service_worker(request):
    """The service worker, served from the site root so that its scope covers /ghi/."""
    context = {
        "version": _assets_version(OFFLINE_ASSETS),
        "assets": [static(path) for path in OFFLINE_ASSETS],
    }
    response = render(request, "support/sw.js", context, content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
