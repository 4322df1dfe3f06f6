from pathlib import Path

import pytest

from metrics_svc.config import Settings
from metrics_svc.main import create_app
from metrics_svc.models import OutboxEvent, metadata
from servicekit.testing import ServiceUnderTest

pytest_plugins = ["servicekit.testing.plugin"]

SERVICE_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def service_under_test() -> ServiceUnderTest:
    return ServiceUnderTest(
        name="metrics",
        alembic_ini=SERVICE_DIR / "alembic.ini",
        create_app=create_app,
        settings_cls=Settings,
        scopes=("metrics:read", "metrics:write"),
        metadata=metadata,
        outbox_model=OutboxEvent,
    )
