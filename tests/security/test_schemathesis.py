"""Schemathesis walks the OpenAPI schema in-process (WSGI) as 王芳, a supervisor with a plan and reports:
no request makes a server error, and every status code the API answers is declared in the schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from accounts.tokens import issue
from duban.wsgi import application
from tests.progress.factories import build_world, file


@pytest.fixture
def wangfang(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    file(world, world.period("month", 3))
    return world.wangfang


def test_the_api_keeps_its_schema(wangfang):
    # as Django's own test client does: a request must not close the test's database connection (on
    # PostgreSQL the test runs inside a transaction on that connection)
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        _check_schema(wangfang)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _check_schema(wangfang):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10

    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def run(case):
            _stored, raw = issue(wangfang)  # a fresh token each time: logout and rotation revoke theirs
            headers = {"Authorization": f"Token {raw}", "X-Forwarded-Proto": "https"}
            case.call_and_validate(headers=headers, checks=[not_a_server_error, status_code_conformance])

        run()
