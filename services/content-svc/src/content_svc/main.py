"""content-svc's ASGI app: ``uvicorn --factory content_svc.main:create_app``."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from content_svc.api import routers
from content_svc.config import Settings
from content_svc.events import METRICS_EVENT_TYPES
from content_svc.idempotency import IdempotencyKey
from content_svc.inbox.senders import InboxState, with_reply_senders
from content_svc.models import OutboxEvent
from content_svc.state import with_content_state
from servicekit.app import create_service_app
from servicekit.state import ServiceState

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


@asynccontextmanager
async def content_state(kit: ServiceState) -> AsyncIterator[InboxState]:
    """content-svc's lifespan state: servicekit's, the metrics-svc insights client, the WeChat
    API client and the inbox's reply senders, opened as the app starts and closed as it stops."""
    async with with_content_state(kit) as state, with_reply_senders(state) as complete:
        yield complete


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings or Settings(),
        title="MediaOps content-svc",
        description="Channels, topics, posts, publications, the publishing calendar, the "
        "engagement inbox (comments, private messages and replies) and the WeChat Official "
        "Account callback.",
        routers=routers,
        idempotency_model=IdempotencyKey,
        outbox_model=OutboxEvent,
        metrics_event_types=METRICS_EVENT_TYPES,
        migrations_dir=MIGRATIONS_DIR,
        extend_state=content_state,
    )
