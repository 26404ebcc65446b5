"""Pages that no other browser test opens work under the Content-Security-Policy: the admin
with its scripts and calendars, the API's docs, the printable pages. The `desktop` fixture
fails a test on any violation Chromium reports."""

import pytest

from hocvuso.conftest import _Browsing
from hocvuso.testing import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_the_admin_and_the_api_docs_run_under_the_policy(desktop, live_server, world):
    page = desktop
    log_in(page, live_server, world.admin)
    for path in (
        "/quan-tri/",
        "/quan-tri/accounts/user/",
        "/quan-tri/accounts/user/add/",
        "/quan-tri/documents/document/add/",
        "/quan-tri/roster/leave/add/",
    ):
        page.goto(live_server.url + path)
        page.locator("#content").wait_for()
    # The date widget of the admin, drawn by its script.
    page.locator(".datetimeshortcuts a").first.wait_for()
    page.goto(live_server.url + "/api/docs")
    page.locator(".swagger-ui .info").wait_for()


def test_a_blocked_inline_script_is_caught(browser, live_server, catalogues):
    browsing = _Browsing(browser, 1280, 900)
    browsing.page.goto(live_server.url + "/dang-nhap/")
    with pytest.raises(Exception):  # noqa: B017 - Playwright's error for a refused script
        browsing.page.add_script_tag(content="window.injected = true")
    assert browsing.page.evaluate("window.injected") is None
    with pytest.raises(AssertionError, match="Content Security Policy"):
        browsing.close()
