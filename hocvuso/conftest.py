import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from hocvuso.test_tools import CHROMIUM_ARGS, require_tool
from hocvuso.testing import World

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The default hasher is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def world(db):
    return World()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo commune once for a test module, and roll it back at its end.

    Each test runs inside its own savepoint within this transaction (as in
    Django's TestCase.setUpTestData), so the tests stay independent while the
    demo is built once. Yields what `load_demo` printed.
    """
    out = StringIO()
    hashers = override_settings(PASSWORD_HASHERS=FAST_HASHERS)
    with hashers, django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """The demo with the whole city (`load_demo --city`), once per module, as `demo` above."""
    out = StringIO()
    hashers = override_settings(PASSWORD_HASHERS=FAST_HASHERS)
    with hashers, django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--city", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a browser Playwright downloads."""
    executable = require_tool("chromium")
    # Playwright's sync API runs an event loop in the test's thread; the ORM
    # calls the tests make beside it are still plain synchronous calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # With that loop running, Django keeps its connections per context rather than
    # per thread: the tests after this point would get new connections, without the
    # test database's serialized contents, and `serialized_rollback` would no longer
    # restore the rows the data migrations made (the services, the platforms). The
    # thread's connections are handed over to the new storage.
    opened = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in opened.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page(browser, width, height):
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    return context, page


@pytest.fixture
def catalogues(transactional_db):
    """The catalogues that data migrations create, for tests against a live server.

    Such tests flush the database when they end, and `serialized_rollback`
    does not always bring these rows back after other tests ran; recreating
    them (idempotently) keeps every browser test independent of test order.
    """
    from hocvuso.indicators.catalogue import create_default_indicators
    from hocvuso.indicators.models import Indicator
    from hocvuso.learning.catalogue import create_default_platforms
    from hocvuso.learning.models import Platform
    from hocvuso.support.catalogue import create_default_services
    from hocvuso.support.models import Service

    create_default_services(Service)
    create_default_platforms(Platform)
    create_default_indicators(Indicator)


@pytest.fixture
def phone(browser, live_server, catalogues):
    """A page on a 360×740 phone screen."""
    context, page = _page(browser, 360, 740)
    yield page
    context.close()


@pytest.fixture
def desktop(browser, live_server, catalogues):
    """A page on a 1280×900 desktop screen."""
    context, page = _page(browser, 1280, 900)
    yield page
    context.close()
