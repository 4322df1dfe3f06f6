from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from community_svc.config import Settings
from community_svc.main import create_app
from community_svc.models import OutboxEvent, metadata
from servicekit.testing import ServiceUnderTest

pytest_plugins = ["servicekit.testing.plugin"]

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="community",
        alembic_ini=SERVICE_DIR / "alembic.ini",
        create_app=create_app,
        settings_cls=Settings,
        scopes=("community:read", "community:write"),
        metadata=metadata,
        outbox_model=OutboxEvent,
    )


RACE_WORKSPACE = "ws-community-race"


@pytest.fixture
def race_client(committed_client_for: Callable[..., httpx.AsyncClient]) -> httpx.AsyncClient:
    """A client of the really-committing app in a workspace of its own, emptied afterwards."""
    return committed_client_for(RACE_WORKSPACE)
