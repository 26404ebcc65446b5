"""Handing a one-time link to its person: by email when a mail server is set, else on paper.

A link just made (`services.IssuedLink`) is mailed to its account's address when
`EMAIL_HOST` is set; the others are shown once on a printable page, each with a QR code
that a phone opens. The tokens wait in the session only until that page is shown: a reload
shows nothing, and a lost sheet means a new link (the old one is then unusable).
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from hocvuso.core.qr import qr_svg

from .services import IssuedLink

SESSION_KEY = "hocvuso_setup_links"
log = logging.getLogger(__name__)


def email_configured() -> bool:
    return bool(settings.EMAIL_HOST)


@dataclass(frozen=True)
class HandedLink:
    """What the printable page shows of one link."""

    full_name: str
    username: str
    unit: str
    url: str
    expires_at: str
    emailed_to: str = ""

    @property
    def expires(self):
        return timezone.localtime(parse_datetime(self.expires_at))

    def qr_svg(self) -> str:
        """The link as a QR code, inline SVG; a phone's camera opens it."""
        return qr_svg(self.url, title=f"Mã QR: {self.username}")


def link_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("accounts:set_password", args=[token]))


def _unit_of(user) -> str:
    if user.unit_id is not None:
        return user.unit.name
    member = getattr(user, "member", None)
    return member.commune.name if member is not None else ""


def _mail(link: IssuedLink, url: str) -> bool:
    """Send the link to the account's address; False if there is none or the server fails."""
    user = link.user
    if not (email_configured() and user.email):
        return False
    context = {
        "user": user,
        "url": url,
        "expires": timezone.localtime(link.expires_at),
        "unit": _unit_of(user),
    }
    try:
        send_mail(
            "Đặt mật khẩu tài khoản Bình dân học vụ số",
            render_to_string("accounts/email/setup_link.txt", context),
            None,
            [user.email],
        )
    except OSError:
        # The server is down or refuses: the link goes on the printable page instead.
        log.warning("setup link mail to account %s failed", user.pk, exc_info=True)
        return False
    return True


def hand_over(request, issued: list[IssuedLink], back: str = ""):
    """Mail what can be mailed, keep the rest for the printable page, and go there."""
    handed = []
    for link in issued:
        url = link_url(request, link.token)
        emailed = _mail(link, url)
        handed.append(
            {
                "full_name": link.user.get_full_name(),
                "username": link.user.username,
                "unit": _unit_of(link.user),
                # A mailed link is not shown to the one who made it.
                "url": "" if emailed else url,
                "expires_at": link.expires_at.isoformat(),
                "emailed_to": link.user.email if emailed else "",
            }
        )
    request.session[SESSION_KEY] = {"links": handed, "back": back}
    return redirect("accounts:links")


def take_handed(request) -> tuple[list[HandedLink], str]:
    """The links waiting to be shown, taken out of the session: they are shown once."""
    data = request.session.pop(SESSION_KEY, None) or {}
    return [HandedLink(**row) for row in data.get("links", [])], data.get("back", "")
