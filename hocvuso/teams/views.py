"""The team pages: a team leader's team, and every team of the commune for its officer.

A team leader sees and manages the teams they lead; a commune officer every
team of the commune; a city officer reads them. Every team is fetched through
the scope, so another village's team is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hocvuso.accounts.models import UserRole
from hocvuso.accounts.permissions import writes_for_commune
from hocvuso.accounts.scoping import scope_for
from hocvuso.core.scoping import MEMBER, NOTHING
from hocvuso.units.facts import commune_facts
from hocvuso.units.models import Level, Unit

from . import services
from .activity import team_page, team_rows
from .forms import MemberForm
from .member_links import member_links
from .models import Membership, Team

MANAGING_ROLES = (UserRole.COMMUNE_OFFICER, UserRole.TEAM_LEADER)


def _scope(request):
    scope = scope_for(request.user)
    if scope.kind in (MEMBER, NOTHING):
        raise PermissionDenied("Trang này dành cho tổ trưởng và cán bộ xã, phường.")
    return scope


def manages_teams(user) -> bool:
    """A city officer reads the teams of its communes; the commune and the leaders manage them."""
    return user.is_superuser or user.role in MANAGING_ROLES


def _get_team(request, pk, for_write=False) -> Team:
    scope = _scope(request)
    if for_write and not manages_teams(request.user):
        raise PermissionDenied("Cán bộ tỉnh, thành phố chỉ được xem danh sách tổ.")
    teams = Team.objects.select_related("unit", "commune")
    teams = teams.editable_by(scope) if for_write else teams.visible_to(scope)
    try:
        return teams.get(pk=pk)
    except Team.DoesNotExist:
        raise Http404("Không tìm thấy tổ.") from None


def _get_membership(team: Team, member_pk) -> Membership:
    """The member's open membership of `team`, or else their latest one."""
    membership = (
        Membership.objects.filter(team=team, member_id=member_pk)
        .select_related("member", "team")
        .order_by(F("ended_on").desc(nulls_first=True), "-pk")  # the open one first
        .first()
    )
    if membership is None:
        raise Http404("Không tìm thấy thành viên trong tổ.")
    return membership


@login_required
def index(request):
    scope = _scope(request)
    teams = Team.objects.visible_to(scope)
    if request.user.role == UserRole.TEAM_LEADER and teams.count() == 1:
        return redirect("teams:detail", pk=teams.get().pk)
    rows = team_rows(teams, timezone.localdate())
    communes = {}
    for row in rows:
        communes.setdefault(row.team.commune, []).append(row)
    without_team = []
    if scope.is_officer:
        without_team = (
            Unit.objects.visible_to(scope)
            .filter(level=Level.VILLAGE, teams__isnull=True)
            .select_related("parent")
            .order_by("parent__name", "code")
        )
    return render(
        request,
        "teams/index.html",
        {
            "communes": communes,
            "without_team": without_team,
            "today": timezone.localdate(),
            # The villages page (`units:villages`) is the commune officer's.
            "manages_villages": writes_for_commune(request.user),
        },
    )


@login_required
def detail(request, pk):
    team = _get_team(request, pk)
    page = team_page(team, timezone.localdate())
    return render(
        request,
        "teams/detail.html",
        {
            "page": page,
            "team": team,
            "manages": manages_teams(request.user),
            "facts": commune_facts(team.commune),
        },
    )


@login_required
def add_member(request, pk):
    team = _get_team(request, pk, for_write=True)
    if request.method == "POST":
        form = MemberForm(request.POST, facts=commune_facts(team.commune))
        if form.is_valid():
            try:
                membership = services.add_member(team, form.to_input(), user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Đã thêm {membership.member.full_name} vào tổ.")
                return redirect("teams:detail", pk=team.pk)
    else:
        form = MemberForm(
            initial={"started_on": timezone.localdate()}, facts=commune_facts(team.commune)
        )
    return render(request, "teams/member_form.html", {"team": team, "form": form, "adding": True})


@login_required
def change_member(request, pk, member_pk):
    team = _get_team(request, pk, for_write=True)
    membership = _get_membership(team, member_pk)
    if membership.ended_on is not None:
        raise Http404("Thành viên đã ngừng hoạt động trong tổ.")
    if request.method == "POST":
        form = MemberForm(request.POST, adding=False, facts=commune_facts(team.commune))
        if form.is_valid():
            try:
                services.change_member(membership, form.to_input(), user=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Đã lưu thông tin của {membership.member.full_name}.")
                return redirect("teams:detail", pk=team.pk)
    else:
        form = MemberForm(
            initial=MemberForm.initial_from(membership),
            adding=False,
            facts=commune_facts(team.commune),
        )
    context = {
        "team": team,
        "form": form,
        "adding": False,
        "membership": membership,
        "member_links": member_links(request.user, membership.member),
    }
    return render(request, "teams/member_form.html", context)


@login_required
@require_POST
def deactivate_member(request, pk, member_pk):
    team = _get_team(request, pk, for_write=True)
    membership = _get_membership(team, member_pk)
    try:
        services.deactivate_member(membership, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{membership.member.full_name} đã ngừng hoạt động trong tổ. "
            "Các lượt hỗ trợ đã ghi vẫn được tính.",
        )
    return redirect("teams:detail", pk=team.pk)


@login_required
@require_POST
def reactivate_member(request, pk, member_pk):
    team = _get_team(request, pk, for_write=True)
    membership = _get_membership(team, member_pk)
    member = membership.member
    services.reactivate_member(team, member, user=request.user)
    messages.success(request, f"{member.full_name} đã hoạt động trở lại trong tổ.")
    return redirect("teams:detail", pk=team.pk)
