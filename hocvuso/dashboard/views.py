from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.shortcuts import redirect, render

from hocvuso.accounts.models import UserRole
from hocvuso.accounts.scoping import scope_for
from hocvuso.accounts.words import words_for
from hocvuso.core.scoping import COMMUNES, EVERYTHING
from hocvuso.documents.models import Document
from hocvuso.learning.models import DigitalClass
from hocvuso.outreach.models import OutreachActivity, ZaloGroup
from hocvuso.support.models import MonthlyTotal, SupportVisit
from hocvuso.teams.models import Member, Team
from hocvuso.units.models import Level, Unit

from .checklist import checklist_for
from .navigation import landing_url


def _own_commune(user) -> Unit | None:
    """The commune a commune officer works for; None for anyone else."""
    if user.role != UserRole.COMMUNE_OFFICER or user.unit_id is None:
        return None
    return user.unit if user.unit.level == Level.COMMUNE else None


def _visits_ever(scope) -> dict:
    """The visits and people helped in `scope`, ever. An officer's (a province's, the
    country's for an administrator) from the monthly totals, not by reading every visit."""
    if scope.kind == EVERYTHING:
        totals = MonthlyTotal.objects.all()
    elif scope.kind == COMMUNES:
        totals = MonthlyTotal.objects.filter(commune_id__in=scope.commune_ids)
    else:
        return SupportVisit.objects.visible_to(scope).aggregate(
            records=Count("pk"), people=Sum("people")
        )
    return totals.aggregate(records=Sum("visits"), people=Sum("people"))


@login_required
def home(request):
    """What the signed-in user may see, in figures; every query goes through the scope."""
    # A member lands on the logging page, a team leader on the team, an
    # officer on the overview (hocvuso/dashboard/navigation.py); a commune officer on the
    # setup checklist until its commune has done every required step.
    commune = _own_commune(request.user)
    if commune is not None and not checklist_for(commune).ready:
        return redirect("setup_checklist")
    landing = landing_url(request.user)
    if landing is not None:
        return redirect(landing)
    scope = scope_for(request.user)
    visits = _visits_ever(scope)
    words = words_for(request.user)
    figures = [
        (words.commune_label, Unit.objects.visible_to(scope).filter(level=Level.COMMUNE).count()),
        (words.village_label, Unit.objects.visible_to(scope).filter(level=Level.VILLAGE).count()),
        ("Tổ công nghệ số cộng đồng", Team.objects.visible_to(scope).count()),
        ("Thành viên", Member.objects.visible_to(scope).count()),
        ("Văn bản chỉ đạo", Document.objects.visible_to(scope).count()),
        ("Hoạt động tuyên truyền", OutreachActivity.objects.visible_to(scope).count()),
        ("Nhóm Zalo", ZaloGroup.objects.visible_to(scope).count()),
        ("Lượt hỗ trợ (bản ghi)", visits["records"] or 0),
        ("Người dân được hỗ trợ", visits["people"] or 0),
        ("Lớp học số", DigitalClass.objects.visible_to(scope).count()),
    ]
    return render(request, "dashboard/home.html", {"figures": figures, "scope": scope})


@login_required
def setup_checklist(request):
    """What the commune officer's commune has set up and what is left, with the pages."""
    commune = _own_commune(request.user)
    if commune is None:
        raise PermissionDenied("Trang bắt đầu sử dụng dành cho cán bộ xã, phường.")
    checklist = checklist_for(commune)
    return render(request, "dashboard/checklist.html", {"checklist": checklist})
