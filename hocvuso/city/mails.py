"""What the city's requests and reminders mail to the communes' officers (hocvuso.core.mail).

Each commune's officers who gave an email get the request's number and symbol, the period and
the deadline (dd/mm/yyyy) and a link to their report page; those without one see the request
on that page as before.
"""

from collections import defaultdict

from hocvuso.accounts.models import User, UserRole
from hocvuso.core.formatting import vn_date
from hocvuso.core.mail import send_later, site_url
from hocvuso.reports.models import ReportRequest
from hocvuso.units.facts import province_facts
from hocvuso.units.words import unit_phrase


def officer_addresses(communes) -> dict[int, list[str]]:
    """The addresses of the active officers of each commune (or province, for the Ministry's
    requests), by the unit's id."""
    roles = (UserRole.COMMUNE_OFFICER, UserRole.CITY_OFFICER)
    rows = (
        User.objects.filter(role__in=roles, unit__in=communes, is_active=True)
        .exclude(email="")
        .values_list("unit_id", "email")
    )
    addresses = defaultdict(list)
    for unit_id, email in rows:
        addresses[unit_id].append(email)
    return addresses


def _send(request: ReportRequest, heading: str, texts) -> None:
    """Mail each (commune, text) of `texts` to that commune's officers."""
    addresses = officer_addresses([commune.pk for commune, _ in texts])
    subject = (
        f"{heading} theo {request.kind} số {request.number_symbol} — "
        f"hạn {vn_date(request.deadline)}"
    )
    # A province answers the Ministry on its own page (hocvuso/nation), named, not imported.
    page = site_url("nation:answers" if request.is_national else "reports:index")
    for commune, text in texts:
        addressee = (
            province_facts(commune).department
            if request.is_national
            else f"UBND {unit_phrase(commune)}"
        )
        body = (
            f"Kính gửi {addressee},\n\n{text}\n\n"
            f"Kỳ báo cáo: từ ngày {vn_date(request.period_start)} đến ngày "
            f"{vn_date(request.period_end)}.\n"
            f"Hạn gửi báo cáo: {vn_date(request.deadline)}.\n\n"
            f"Lập và gửi báo cáo tại: {page}"
        )
        send_later(subject, body, addresses.get(commune.pk, []))


def mail_request(request: ReportRequest, communes) -> None:
    """Tell the officers of `communes` that the city asks them for a report."""
    text = f"{request.issuer} đã ban hành {request} {request.subject}."
    _send(request, "Yêu cầu báo cáo", [(commune, text) for commune in communes])


def mail_reminders(request: ReportRequest, reminders) -> None:
    """Mail each reminder to the officers of its commune."""
    texts = [(r.commune, f"{r.message}\n\nYêu cầu báo cáo: {request}.") for r in reminders]
    _send(request, "Nhắc gửi báo cáo", texts)
