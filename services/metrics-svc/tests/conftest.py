from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.config import Settings
from metrics_svc.events.fold.dependencies import get_fold_transaction
from metrics_svc.main import create_app
from metrics_svc.models import OutboxEvent, metadata
from servicekit.testing import ServiceUnderTest

pytest_plugins = ["servicekit.testing.plugin"]

SERVICE_DIR = Path(__file__).resolve().parents[1]


def _fold_in_the_test_transaction(
    db_session: AsyncSession,
) -> dict[Callable[..., Any], Callable[..., Any]]:
    """Reads fold in a short transaction of their own, which could not see a test's
    uncommitted events; in the rolled-back tests they fold inside the test's transaction."""

    @asynccontextmanager
    async def joined() -> AsyncIterator[AsyncSession]:
        async with db_session.begin_nested():
            yield db_session

    return {get_fold_transaction: lambda: joined}


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
        joined_overrides=_fold_in_the_test_transaction,
    )
