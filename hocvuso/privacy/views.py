"""The personal data page of a team member: export everything held, or erase it.

A commune's officer answers its members' requests (`answers_for_members_of`); anyone else
who can see the member is refused, and a member out of scope is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hocvuso.accounts.permissions import answers_for_members_of, officer_scope
from hocvuso.teams.models import Member

from . import services
from .deadlines import all_requests_due

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _get_member(request, pk) -> Member:
    scope = officer_scope(request)
    member = Member.objects.visible_to(scope).select_related("commune", "user").filter(pk=pk)
    member = member.first()
    if member is None:
        raise Http404("Không tìm thấy thành viên.")
    if not answers_for_members_of(request.user, member.commune_id):
        raise PermissionDenied("Chỉ cán bộ xã, phường của thành viên xử lý dữ liệu cá nhân.")
    return member


@login_required
def member(request, pk):
    member = _get_member(request, pk)
    sections = services.member_record(member)
    erased = member.full_name == services.placeholder(member)
    context = {
        "member": member,
        "sections": sections,
        "erased": erased,
        "today": timezone.localdate(),
        "deadlines": all_requests_due(timezone.localdate()),
    }
    return render(request, "privacy/member.html", context)


def _download(content: bytes, content_type: str, member: Member, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"du-lieu-thanh-vien-{member.pk}-{timezone.localdate():%Y-%m-%d}.{ext}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def export_json(request, pk):
    member = _get_member(request, pk)
    sections = services.export_member(request.user, member)
    return _download(services.as_json(member, sections), "application/json", member, "json")


@login_required
def export_xlsx(request, pk):
    member = _get_member(request, pk)
    sections = services.export_member(request.user, member)
    return _download(services.as_xlsx(sections), XLSX, member, "xlsx")


@login_required
@require_POST
def erase(request, pk):
    member = _get_member(request, pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Hãy đánh dấu ô xác nhận trước khi xóa dữ liệu.")
        return redirect("privacy:member", pk=member.pk)
    services.erase_member(request.user, member)
    messages.success(
        request,
        "Đã xóa dữ liệu cá nhân của thành viên. Tài khoản đã bị khóa; "
        "các lượt hỗ trợ đã ghi vẫn được tính, không còn tên.",
    )
    return redirect("privacy:member", pk=member.pk)
