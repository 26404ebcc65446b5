"""Links that apps above teams add to a member's page (the personal data page, for one).

teams never imports them: they register a link here when their app is ready, with the
predicate that says who sees it.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MemberLink:
    label: str
    url_name: str  # reversed with the member's pk
    shown_to: object  # shown_to(user, member) -> bool


LINKS: list[MemberLink] = []


def register_member_link(link: MemberLink) -> None:
    if link not in LINKS:
        LINKS.append(link)


def member_links(user, member) -> list[tuple[str, str]]:
    """(label, url) of the links `user` may follow from `member`'s page."""
    return [
        (link.label, reverse(link.url_name, args=[member.pk]))
        for link in LINKS
        if link.shown_to(user, member)
    ]
