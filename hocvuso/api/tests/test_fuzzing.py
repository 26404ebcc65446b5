"""Every operation of the API, called with what its schema allows and with what it does not,
answers without a server error: Schemathesis generates the calls from /api/openapi.json.
(Its pytest plugin does not run under pytest 9, so the operations are walked here.)"""

import itertools

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from hocvuso.api.services import issue_token

# Calls the schema allows, then calls it does not (wrong types, missing fields, bad ids).
CASES_PER_OPERATION = 6


@pytest.fixture
def connections_kept():
    """The WSGI calls end as requests do, closing the database connection; the test's own
    transaction lives on it. Django's test client keeps it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_call_of_any_operation_gets_a_server_error(world, connections_kept):
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    _, secret = issue_token(world.commune, "Kiểm thử")
    headers = {"Authorization": f"Bearer {secret}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 19  # every path and method of test_openapi.PATHS

    for operation, mode in itertools.product(operations, GenerationMode):

        @given(case=operation.as_strategy(mode))
        @settings(
            max_examples=CASES_PER_OPERATION,
            suppress_health_check=list(HealthCheck),
            deadline=None,
            database=None,
        )
        def call(case):
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        call()
