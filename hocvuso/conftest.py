import ast
import copy
import gc
import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from hypothesis import settings as hypothesis_settings

from hocvuso.test_tools import CHROMIUM_ARGS, require_tool
from hocvuso.testing import FAST_HASHERS, World

# Property tests try 50 cases each in the suite; HYPOTHESIS_PROFILE=thorough tries 1,000
# (`make test-thorough`). A failing case found once is kept in .hypothesis/ and tried first.
hypothesis_settings.register_profile("default", max_examples=50, deadline=None)
hypothesis_settings.register_profile("thorough", max_examples=1000, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # Tests sign officers in with `force_login`, without a second factor, and travel in time
    # while signed in; the tests of the second factor, the idle timeout and the session's
    # length (accounts/tests/test_second_factor.py, test_sign_in.py) turn them on.
    settings.OTP_REQUIRED = False
    settings.SESSION_IDLE_MINUTES = 0
    settings.OFFICER_SESSION_HOURS = 0
    # Charts are kept in memory, not in the developer's folder (tests of the cache clear it).
    settings.CACHES = {
        **settings.CACHES,
        "charts": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "charts",
        },
    }


# Data shared by many tests: the world of hocvuso/testing.py, the demo commune, the demo
# city. Each is built once and kept in a transaction left open across the tests that ask
# for it (as Django's TestCase keeps setUpTestData's); each test runs in a savepoint within
# it (pytest-django's `db`), so its changes roll back, and gets its own copy of the world's
# Python objects. Before a test that asks for another of them, or for none, the transaction
# is rolled back, so that the test sees the database as it always did; the tests are put in
# an order that builds each of them once (pytest_collection_modifyitems below). A test that
# commits (transactional_db, live_server) builds and commits its own world, as before.


def _load_demo(*options) -> str:
    out = StringIO()
    call_command("load_demo", *options, stdout=out)
    return out.getvalue()


BUILDERS = {
    "world": World,
    "demo": _load_demo,
    "demo_city": lambda: _load_demo("--city"),
}


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _uses_db(item) -> bool:
    return item.get_closest_marker("django_db") is not None or "db" in getattr(
        item, "fixturenames", ()
    )


def _wanted(item) -> str | None:
    """Which shared data the test asks for, if any."""
    if _is_transactional(item):
        return None
    names = getattr(item, "fixturenames", ())
    return next((name for name in BUILDERS if name in names), None)


class SharedData:
    """One of the BUILDERS' data in its open transaction, or none."""

    def __init__(self, blocker):
        self.blocker = blocker
        self.name = self.value = self.atomic = None

    def want(self, name: str | None):
        if name == self.name:
            return
        self.close()
        if name is None:
            return
        with self.blocker.unblock():
            if connection.in_atomic_block:
                # Within a transaction a broader fixture keeps open: the test builds its
                # world inside it instead, as it always did.
                return
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                self.value = BUILDERS[name]()
            self.name = name
            gc.freeze()

    def close(self):
        if self.name is None:
            return
        with self.blocker.unblock():
            if len(connection.atomic_blocks) > 1:
                raise RuntimeError(
                    f"A fixture's transaction is still open inside the shared {self.name}: "
                    "a fixture broader than a test should not stay in a transaction."
                )
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.name = self.value = self.atomic = None


_shared: SharedData | None = None
# What the test being set up asks for; read by `_shared_data` when it is first set up.
_next_wanted: str | None = None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture of the test, as its savepoint (`db`) must open within the
    # shared data it asks for, and never within data it does not ask for.
    global _next_wanted
    _next_wanted = _wanted(item)
    if _shared is not None:
        _shared.want(_next_wanted)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With pytest-xdist, the tests in modules named after the demo, and the other tests
    that ask for it, all go to one worker.

    They share the demo and the demo city, which take seconds to load. The tests of a module
    with a module-scoped fixture go to one worker too, which builds it once; the other tests
    are dealt out one by one as with `--dist load`. (pytest-xdist's own xdist_group
    marker has no effect under pytest 9.2, which no longer lets it rename the tests.)
    """
    from xdist.scheduler import LoadScopeScheduling

    modules = {}

    def read(module: str) -> tuple[bool, set[str]]:
        """Does the module build a fixture once for its tests; which of its tests ask for
        the demo (the scheduler knows the tests by their ids only)."""
        if module not in modules:
            source = (config.rootpath / module).read_text(encoding="utf-8")
            on_demo = {
                node.name
                for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.FunctionDef)
                and {"demo", "demo_city"} & {arg.arg for arg in node.args.args}
            }
            modules[module] = ('scope="module"' in source, on_demo)
        return modules[module]

    class DemoTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module, _, test = nodeid.partition("::")
            builds_once, on_demo = read(module)
            if "demo" in module.rsplit("/", 1)[-1] or test.split("[")[0] in on_demo:
                return "demo"
            return module if builds_once else nodeid

    return DemoTogether(config, log)


@pytest.hookimpl(specname="pytest_collection_modifyitems", trylast=True)
def pytest_collection_modifyitems_in_order(items):
    # Django's order for the tests with a database: those in a transaction that rolls back,
    # then those that commit; within the first, the tests of each shared data together. The
    # tests without a database come first: among them are the long drills in other processes
    # (the restore drill, the deployment's files), which then run beside the others instead
    # of keeping one of pytest-xdist's workers busy after the other has finished.
    def order(item) -> tuple[int, int]:
        if _is_transactional(item):
            return 2, 0
        if _uses_db(item) or _wanted(item):
            return 1, [None, *BUILDERS].index(_wanted(item))
        return 0, 0

    items.sort(key=order)


@pytest.fixture(scope="session")
def _shared_data(django_db_setup, django_db_blocker):
    global _shared
    _shared = SharedData(django_db_blocker)
    _shared.want(_next_wanted)
    yield _shared
    _shared.close()
    _shared = None


@pytest.fixture(autouse=True)
def _savepoint_in_shared_data(request):
    # A test on a demo rolls its changes back even when it does not ask for `db`.
    if _wanted(request.node) in ("demo", "demo_city"):
        request.getfixturevalue("db")


@pytest.fixture
def world(request, _shared_data, db):
    """The world of hocvuso/testing.py: a copy of the shared one, or one built for the
    test when it commits (or runs within a broader fixture's transaction)."""
    if _shared_data.name == "world" and _wanted(request.node) == "world":
        return CopyOnRead(_shared_data.value)
    return World()


class CopyOnRead:
    """A test's copy of the shared world, made one attribute at a time as the test reads it
    (most tests read a few): each a deep copy, with one memo for all, so that what two
    attributes share stays shared, as in Django's TestCase.setUpTestData."""

    def __init__(self, original):
        self._original = original
        self._memo = {}

    def __getattr__(self, name):
        # Called only for what the copy does not hold yet.
        if name.startswith("__"):
            raise AttributeError(name)
        value = copy.deepcopy(getattr(self._original, name), self._memo)
        setattr(self, name, value)
        return value


@pytest.fixture(scope="session")
def demo(_shared_data):
    """The demo commune (`load_demo`), loaded once; what the command printed."""
    assert _shared_data.name == "demo", "the demo cannot be loaded beside other data"
    return _shared_data.value


@pytest.fixture(scope="session")
def demo_city(_shared_data):
    """The demo with the whole city (`load_demo --city`), loaded once, as `demo` above."""
    assert _shared_data.name == "demo_city", "the demo city cannot be loaded beside other data"
    return _shared_data.value


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
    # per thread: the tests after this point would get new connections, not the ones the
    # test database was set up on. The thread's connections are handed over to the new
    # storage.
    opened = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in opened.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# What Chromium writes to the console when the Content-Security-Policy blocks something.
CSP_VIOLATION = ("Content Security Policy", "Refused to")


class _Browsing:
    """A browser context and its page that keeps every Content-Security-Policy violation."""

    def __init__(self, browser, width, height):
        self.context = browser.new_context(
            viewport={"width": width, "height": height},
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
        )
        self.context.set_default_timeout(10_000)
        self.violations = []
        self.context.on("console", self._read)
        self.page = self.context.new_page()

    def _read(self, message):
        if any(words in message.text for words in CSP_VIOLATION):
            self.violations.append(f"{message.page.url if message.page else ''}: {message.text}")

    def close(self):
        self.context.close()
        # A page that needs an inline script or style, or another site, fails its test.
        assert not self.violations, "\n".join(self.violations)


def create_catalogues(**kwargs):
    """The catalogues that data migrations create: services, platforms, indicators."""
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
def catalogues(transactional_db):
    """The catalogues, for tests against a live server: made again (idempotently) before
    each, whatever the tests before it left."""
    create_catalogues()


@pytest.fixture(scope="session")
def django_db_use_migrations():
    """The test database on SQLite is made from the models, not by running the migrations
    (2 s less in each process): the catalogues the data migrations would have made are made
    as the database is (below), and core/tests/test_migrations.py checks that the models and
    the migrations agree. On PostgreSQL (CI's second run) the migrations run, every one, as
    in production; HOCVUSO_TEST_MIGRATIONS=1 runs them on SQLite too."""
    from django.db import connection as default

    return default.vendor != "sqlite" or os.environ.get("HOCVUSO_TEST_MIGRATIONS") == "1"


def _catalogues_after_tables(sender, **kwargs):
    # Once per database made or emptied (post_migrate is sent for each app, after the tables
    # are made and after a test that commits flushes them): the data migrations' rows, as
    # the content types and permissions are made again by Django's own receivers. The tests
    # that commit need no `serialized_rollback` then (nor could it serve: Django serializes
    # only the apps whose migrations ran).
    if sender.label == "indicators":
        create_catalogues()


def pytest_configure(config):
    from django.db.models.signals import post_migrate

    # The tests make many short-lived objects around a large, lasting world: collect the
    # young generation less often (the default, 700, ran ~650 collections in 140 tests), and
    # keep what lasts (modules, the shared data) out of the collections (gc.freeze below).
    gc.set_threshold(10_000, 50, 100)

    post_migrate.connect(_catalogues_after_tables, dispatch_uid="hocvuso-test-catalogues")


@pytest.fixture
def phone(browser, live_server, catalogues):
    """A page on a 360×740 phone screen."""
    browsing = _Browsing(browser, 360, 740)
    yield browsing.page
    browsing.close()


@pytest.fixture
def desktop(browser, live_server, catalogues):
    """A page on a 1280×900 desktop screen."""
    browsing = _Browsing(browser, 1280, 900)
    yield browsing.page
    browsing.close()


def pytest_collection_finish(session):
    gc.freeze()
