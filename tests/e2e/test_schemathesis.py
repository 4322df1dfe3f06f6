"""Schemathesis against every service's OpenAPI document, sent through the gateway.

The document is fetched from the service itself (with the internal token); the generated
requests go to the gateway with a Bearer token for a fresh workspace holding every scope.
Bounded for CI: a few examples per operation and phase, no shrinking, a fixed seed.

It runs the ``schemathesis run`` command, the same one the README gives: the pytest
integration that loads a schema from a fixture (``schemathesis.pytest.from_fixture``) needs a
node attribute pytest 9.2 no longer has, and the command also runs the coverage phase, which
``negative_data_rejection`` gets the most from.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import make_token
from .stack import INTERNAL_TOKEN, SERVICES, Stack

# status_code_conformance: every status an operation answers is one its document lists, so the
# documented errors are the real ones (servicekit.apidoc).
CHECKS = (
    "not_a_server_error,response_schema_conformance,negative_data_rejection,status_code_conformance"
)
CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = 10


@pytest.fixture(scope="module")
def fuzz_gateway(stack: Stack) -> Iterator[str]:
    """A gateway of its own with rate limits off: the fuzzer sends hundreds of requests a
    second from one workspace, and a 429 would leave the logic behind it untested."""
    yield stack.start_gateway("gateway-fuzz", {"GATEWAY_RATE_LIMITS_ENABLED": "false"})
    stack.stop("gateway-fuzz")


@pytest.mark.parametrize("service", SERVICES)
def test_schemathesis_through_the_gateway(
    fuzz_gateway: str, stack: Stack, service: str, tmp_path: Path
) -> None:
    token = make_token(f"ws-fuzz-{uuid.uuid4().hex[:8]}")
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG),
        "run", stack.url(service) + "/openapi.json",
        "--url", fuzz_gateway,
        # Both headers go everywhere: the service wants the token for its document, the
        # gateway the Bearer token (and it drops a client's internal token).
        "-H", f"x-internal-token: {INTERNAL_TOKEN}",
        "-H", f"Authorization: Bearer {token}",
        "--checks", CHECKS,
        "--mode", "all",
        "--phases", "examples,coverage,fuzzing",
        "--max-examples", str(MAX_EXAMPLES),
        "--no-shrink",
        "--seed", "11",
        "--request-timeout", "15",
        "--no-color",
    ]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    report = run.stdout[-20_000:] + run.stderr[-2_000:]
    assert run.returncode == 0, f"schemathesis found failures in {service}-svc:\n{report}"
