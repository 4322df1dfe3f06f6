from pathlib import Path

import pytest

from campaign_svc.config import Settings
from campaign_svc.main import create_app
from campaign_svc.models import OutboxEvent, metadata
from servicekit.testing import ServiceUnderTest

pytest_plugins = ["servicekit.testing.plugin"]

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="campaign",
        alembic_ini=SERVICE_DIR / "alembic.ini",
        create_app=create_app,
        settings_cls=Settings,
        scopes=("campaign:read", "campaign:write"),
        metadata=metadata,
        outbox_model=OutboxEvent,
    )
