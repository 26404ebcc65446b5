"""The phone page on which a team member logs a digital class."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from hocvuso.accounts.scoping import scope_for
from hocvuso.accounts.words import words_for
from hocvuso.outreach.forms import add_service_errors
from hocvuso.support.services import default_team, member_of

from .forms import GROUP_FIELDS, ClassForm
from .models import DigitalClass
from .services import record_class


@login_required
def log(request):
    member = member_of(request.user)
    team = default_team(member) if member is not None and member.is_active else None
    if team is None:
        return render(request, "support/not_a_member.html", {"heading": "Ghi lớp học số"})
    if request.method == "POST":
        form = ClassForm(request.POST, words=words_for(request.user))
        if form.is_valid():
            try:
                record_class(request.user, form.class_input())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã lưu lớp học số.")
                return redirect("learning:log")
    else:
        initial = {"held_on": timezone.localdate(), **dict.fromkeys(GROUP_FIELDS, 0)}
        form = ClassForm(initial=initial, words=words_for(request.user))
    recent = (
        DigitalClass.objects.visible_to(scope_for(request.user))
        .filter(member=member)
        .order_by("-held_on", "-pk")[:10]
    )
    groups = [form[name] for name in GROUP_FIELDS]
    context = {
        "form": form,
        "team": team,
        "groups": groups,
        "villages": team.villages_to_choose(),
        "recent": recent,
    }
    return render(request, "learning/log.html", context)
