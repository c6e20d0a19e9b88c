"""Property-based fuzzing of the REST API over its own OpenAPI schema (schemathesis): every GET
and POST operation, as a unit officer and as a board officer, with a bounded number of
generated requests each. Pass condition: no server error (5xx) anywhere, and every documented
response conforms to the schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.conftest import World
from thidua.accounts.services.tokens import create_api_token

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

EXAMPLES = 5  # per operation and persona: the whole test stays around a minute on two cores
METHODS = {"GET", "POST"}
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=os.environ.get("THIDUA_FUZZ_RANDOM") is None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def wsgi_app() -> Iterator[Any]:
    """The real WSGI application, which (unlike the test client) closes the database connection
    around each request; inside the test's transaction that would close it for good (PostgreSQL),
    so the test keeps it open, as ``django.test.Client`` does."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _schema() -> Any:
    raw = SchemaGenerator().get_schema(request=None, public=True)
    return schemathesis.openapi.from_dict(raw)


def _fuzz(operation: Any, app: Any, headers: dict[str, str], seen: dict[int, int]) -> list[str]:
    problems: list[str] = []

    @FUZZ
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        response = case.call(app=app, headers=headers)
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            problems.append(f"{operation.label}: {response.status_code} {case.as_curl_command()}")
            return
        try:
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance]
            )
        except BaseExceptionGroup as failure:  # schemathesis' FailureGroup
            first = str(failure).strip().splitlines()[:4]
            problems.append(f"{operation.label} {response.status_code}: {' | '.join(first)}")
        except AssertionError as failure:
            problems.append(f"{operation.label} {response.status_code}: {failure}")

    run()
    return problems


@pytest.mark.parametrize("persona", ["officer", "board"])
def test_no_server_error_on_any_generated_request(
    world: World, wsgi_app: Any, persona: str
) -> None:
    secret = create_api_token(user=world.user(persona), name="fuzz").secret
    headers = {"Authorization": f"Bearer {secret}"}
    app = wsgi_app
    problems: list[str] = []
    operations = 0
    seen: dict[int, int] = {}
    for result in _schema().get_all_operations():
        operation = result.ok()
        if operation.method.upper() not in METHODS:
            continue
        operations += 1
        problems += _fuzz(operation, app, headers, seen)
    print(f"{persona}: {operations} operations, responses by status: {sorted(seen.items())}")
    assert operations > 50
    assert seen.get(200, 0) > operations  # authenticated: most reads answer
    assert sorted(set(problems)) == []
