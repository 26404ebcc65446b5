from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

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
