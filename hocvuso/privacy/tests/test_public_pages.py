"""No phone number on a public page or in the public API, and signed-in pages are never cached.

An anonymous visitor follows every link from the public pages (the home page, the public duty
pages, the login page, the API's schema and its unauthenticated GETs): no phone number shows but
those their owners chose to publish (Member.publish_phone).
"""

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest
from django.test import Client
from django.urls import reverse

from hocvuso.teams.models import Member, normalize_phone

PHONE = re.compile(r"(?<!\d)(?:0|\+84)\d{9}(?!\d)")
pytestmark = pytest.mark.django_db
START = ["/", "/lich-truc/", "/lich-truc/11131/", "/dang-nhap/", "/api/openapi.json"]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.found.append(href)


def crawl(client: Client, limit: int = 200) -> dict[str, str]:
    """{path: text} of every page an anonymous visitor reaches (three weeks of each pager)."""
    seen, todo, pages, per_page = set(), list(START), {}, Counter()
    while todo and len(seen) < limit:
        path = todo.pop(0)
        if path in seen or per_page[path.split("?")[0]] >= 3:
            continue
        seen.add(path)
        per_page[path.split("?")[0]] += 1
        response = client.get(path, follow=True)
        if response.status_code != 200 or response.get("Content-Disposition"):
            continue
        text = response.content.decode(errors="replace")
        pages[path] = text
        if path == "/api/openapi.json":
            for api_path, methods in response.json()["paths"].items():
                if "get" in methods and "{" not in api_path:
                    todo.append(api_path)
            continue
        parser = Links()
        parser.feed(text)
        for href in parser.found:
            url = urlparse(urljoin(path, href))
            if not url.scheme.startswith("http") and not url.netloc and url.path.startswith("/"):
                todo.append(url.path + (f"?{url.query}" if url.query else ""))
    return pages


def test_an_anonymous_crawl_finds_no_phone_but_the_published_ones(client, demo):
    # Every member has a phone; one published it.
    members = list(Member.objects.all())
    for n, member in enumerate(members):
        member.phone = member.phone or f"09{n:08d}"
        member.save()
    published = {normalize_phone(m.phone) for m in members if m.publish_phone}
    pages = crawl(client)
    assert "/lich-truc/11131/" in pages and len(pages) > 3
    leaked = {
        (path, phone)
        for path, text in pages.items()
        for phone in PHONE.findall(text)
        if phone not in published
    }
    assert leaked == set()
    # The crawl does see phones: the published ones.
    assert any(phone in published for text in pages.values() for phone in PHONE.findall(text))


@pytest.mark.parametrize("path", ["/ghi/", "/to/", "/tai-khoan/"])
def test_a_signed_in_page_is_never_stored(client, world, path):
    client.force_login(world.member if path == "/ghi/" else world.commune)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_public_duty_page_may_be_cached_for_anonymous_visitors(client, demo):
    response = client.get(reverse("roster:public_commune", args=["11131"]))
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_logout_forms_forget_the_phones_queue(client, world):
    client.force_login(world.member)
    html = client.get(reverse("support:log")).content.decode()
    assert f'data-queue="hocvuso-{world.member.pk}"' in html
    assert "js/logout.js" in html
