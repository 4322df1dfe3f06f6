"""Schemathesis against every service's OpenAPI document, sent through the gateway.

The document is fetched from the service itself (with the internal token); the generated
requests go to the gateway with a Bearer token for a fresh workspace holding every scope. Each
operation is a subtest named ``[METHOD /path]``. Bounded for CI: a few examples per operation
and phase, no shrinking, a fixed seed. The same run from the command line is in the README.
"""

from __future__ import annotations

import uuid

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    response_schema_conformance,
)

from .conftest import make_token
from .stack import INTERNAL_TOKEN, SERVICES, Stack

CHECKS = [not_a_server_error, response_schema_conformance, negative_data_rejection]
MAX_EXAMPLES = 10


@pytest.fixture(params=SERVICES)
def service_schema(request: pytest.FixtureRequest, stack: Stack) -> schemathesis.BaseSchema:
    workspace = f"ws-fuzz-{uuid.uuid4().hex[:8]}"
    config = SchemathesisConfig.from_dict(
        {
            "seed": 11,
            "base-url": stack.gateway,
            "headers": {"Authorization": f"Bearer {make_token(workspace)}"},
            "request-timeout": 15,
            "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "no-shrink": True},
            "phases": {"stateful": {"enabled": False}},
        }
    )
    return schemathesis.openapi.from_url(
        stack.url(request.param) + "/openapi.json",
        config=config,
        headers={"x-internal-token": INTERNAL_TOKEN},
    )


schema = schemathesis.pytest.from_fixture("service_schema")


@schema.parametrize()
def test_schemathesis_through_the_gateway(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)
