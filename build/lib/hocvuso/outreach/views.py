"""Phone pages of a team member: log a communication activity, count a Zalo group."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from hocvuso.accounts.scoping import scope_for
from hocvuso.accounts.words import facts_for, words_for
from hocvuso.support.services import default_team, member_of
from hocvuso.units.facts import local_choices

from .forms import ActivityForm, ZaloCountForm, add_service_errors
from .models import Channel, OutreachActivity, ZaloGroup
from .services import count_zalo_members, record_activity


@login_required
def log(request):
    member = member_of(request.user)
    team = default_team(member) if member is not None and member.is_active else None
    if team is None:
        return render(request, "support/not_a_member.html", {"heading": "Ghi tuyên truyền"})
    if request.method == "POST":
        form = ActivityForm(request.POST, words=words_for(request.user))
        if form.is_valid():
            try:
                record_activity(request.user, form.activity_input())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã lưu hoạt động tuyên truyền.")
                return redirect("outreach:log")
    else:
        form = ActivityForm(
            initial={"channel": Channel.LOUDSPEAKER, "times": 1, "held_on": timezone.localdate()},
            words=words_for(request.user),
        )
    recent = (
        OutreachActivity.objects.visible_to(scope_for(request.user))
        .filter(member=member)
        .order_by("-held_on", "-pk")[:10]
    )
    context = {
        "form": form,
        "team": team,
        "channels": local_choices(Channel.choices, facts_for(request.user)),
        "villages": team.villages_to_choose(),
        "recent": recent,
    }
    return render(request, "outreach/log.html", context)


@login_required
def zalo(request):
    groups = (
        ZaloGroup.objects.editable_by(scope_for(request.user))
        .select_related("village")
        .order_by("village__code", "name")
    )
    failed, form = None, None
    if request.method == "POST":
        group = get_object_or_404(groups, pk=request.POST.get("group") or 0)
        form = ZaloCountForm(request.POST)
        if form.is_valid():
            try:
                count_zalo_members(request.user, group, form.cleaned_data["member_count"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, f"Đã lưu số thành viên nhóm {group.name}: {group.member_count}."
                )
                return redirect("outreach:zalo")
        failed = group.pk
    return render(request, "outreach/zalo.html", {"groups": groups, "failed": failed, "form": form})
