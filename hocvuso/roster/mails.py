"""What a change of the duty roster mails to the members concerned (hocvuso.core.mail).

Only members whose login has an email get one; the others see the change on "Lịch trực của
tôi" as before. A mail names shifts by place, day and hours: nothing about citizens.
"""

from hocvuso.core.formatting import vn_date
from hocvuso.core.mail import send_later, site_url
from hocvuso.teams.models import Member
from hocvuso.units.words import unit_phrase

from .models import Assignment, SwapRequest, SwapStatus


def member_addresses(member_ids) -> dict[int, tuple[str, str]]:
    """The address and name of each member whose active login has an email, by member id."""
    rows = (
        Member.objects.filter(pk__in=member_ids, user__is_active=True)
        .exclude(user__email="")
        .values_list("pk", "user__email", "full_name")
    )
    return {pk: (email, name) for pk, email, name in rows}


def _mail(member_id: int, addresses: dict, subject: str, text: str) -> None:
    if member_id in addresses:
        email, name = addresses[member_id]
        body = f"Chào {name},\n\n{text}\n\nXem lịch trực của bạn: {site_url('roster:mine')}"
        send_later(subject, body, [email])


def mail_swap(swap: SwapRequest, requester_id: int, other_id: int) -> None:
    """Tell the requester (and, once decided by the leader, the other member) what became of it."""
    addresses = member_addresses([requester_id, other_id])
    give, take = swap.give.shift, swap.take.shift
    asked = f"Đề nghị đổi ca: nhường ca {give} để nhận ca {take}."
    if swap.status in (SwapStatus.ACCEPTED, SwapStatus.DECLINED):
        answer = (
            "đồng ý; đề nghị đang chờ tổ trưởng duyệt"
            if swap.status == SwapStatus.ACCEPTED
            else "từ chối"
        )
        other = swap.take.member.full_name
        _mail(
            requester_id,
            addresses,
            f"Đề nghị đổi ca: {swap.get_status_display()}",
            f"{asked}\n{other} đã {answer}.",
        )
    elif swap.status == SwapStatus.APPROVED:
        subject = "Đổi ca trực đã được duyệt"
        _mail(
            requester_id,
            addresses,
            subject,
            f"{asked}\nĐã được duyệt. Ca trực mới của bạn: {take}.",
        )
        _mail(
            other_id,
            addresses,
            subject,
            f"Đề nghị đổi ca đã được duyệt. Ca trực mới của bạn: {give} (thay cho ca {take}).",
        )
    elif swap.status == SwapStatus.REJECTED:
        subject = "Đổi ca trực không được duyệt"
        _mail(
            requester_id,
            addresses,
            subject,
            f"{asked}\nTổ trưởng không duyệt; bạn vẫn trực ca {give}.",
        )
        _mail(
            other_id,
            addresses,
            subject,
            f"Đề nghị đổi ca không được duyệt; bạn vẫn trực ca {take}.",
        )


def mail_roster(commune, start, end, lower, upper, member_ids) -> None:
    """Send each member concerned by a (re)generated roster their shifts in the period."""
    addresses = member_addresses(member_ids)
    shifts = {pk: [] for pk in addresses}
    for assignment in (
        Assignment.objects.filter(
            member_id__in=addresses, shift__starts_at__gte=lower, shift__starts_at__lt=upper
        )
        .select_related("shift__place")
        .order_by("shift__starts_at")
    ):
        shifts[assignment.member_id].append(f"- {assignment.shift}")
    period = f"từ ngày {vn_date(start)} đến ngày {vn_date(end)}"
    subject = f"Lịch trực {period}"
    for member_id, lines in shifts.items():
        listed = "\n".join(lines) if lines else "Bạn không có ca trực nào trong thời gian này."
        text = f"Lịch trực của {unit_phrase(commune)} {period} đã được xếp.\n\n{listed}"
        _mail(member_id, addresses, subject, text)
