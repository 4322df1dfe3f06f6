"""servicekit's tests run against a tiny fixture service (``fixture_service/``) through the
same pytest plugin every MediaOps service uses."""

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.types import ASGIApp

TESTS_DIR = Path(__file__).resolve().parent
# The fixture service is a test-only package beside these tests, not an installed one.
sys.path.insert(0, str(TESTS_DIR))

from fixture_service.app import SCOPES, Settings, create_app  # noqa: E402

from servicekit.testing import ServiceUnderTest  # noqa: E402

pytest_plugins = ["servicekit.testing.plugin"]


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="servicekit",
        alembic_ini=TESTS_DIR / "fixture_service" / "alembic.ini",
        create_app=create_app,
        settings_cls=Settings,
        scopes=SCOPES,
    )


@pytest.fixture
async def lenient_client(app: ASGIApp) -> AsyncIterator[httpx.AsyncClient]:
    """Like ``client``, but an unhandled error comes back as the 500 a server would send
    instead of being re-raised into the test."""
    # Imported here: importing the plugin module before pytest loads it as a plugin would
    # keep its asserts from being rewritten.
    from servicekit.testing.headers import WORKSPACE_A, gateway_headers

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://svc", headers=gateway_headers(WORKSPACE_A, SCOPES)
    ) as client:
        yield client
