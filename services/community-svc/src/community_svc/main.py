"""community-svc's ASGI app: ``uvicorn --factory community_svc.main:create_app``."""

from pathlib import Path
from typing import cast

from fastapi import FastAPI
from starlette.middleware import Middleware

from community_svc.api import routers
from community_svc.config import Settings
from community_svc.idempotency import IdempotencyKey
from community_svc.limits import RouteBodyLimitMiddleware
from community_svc.models import OutboxEvent
from servicekit.app import create_service_app
from servicekit.limits import BodyLimitMiddleware

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    # The app-wide limit becomes the import route's; the route dispatcher below puts the usual
    # limit back on every other route.
    outer_limit = max(settings.max_body_bytes, settings.import_max_body_bytes)
    app = create_service_app(
        settings.model_copy(update={"max_body_bytes": outer_limit}),
        title="MediaOps community-svc",
        description=(
            "User groups (社群) from building to dissolving: members and tiers, goals, "
            "SOP templates, SOP runs and the operators' tasks."
        ),
        routers=routers,
        idempotency_model=IdempotencyKey,
        outbox_model=OutboxEvent,
        migrations_dir=MIGRATIONS_DIR,
    )
    # Just outside servicekit's body limit (the innermost middleware), so the request id and
    # token checks still wrap it and its 413 carries the request id like every other error.
    position = next(
        i for i, m in enumerate(app.user_middleware) if cast(object, m.cls) is BodyLimitMiddleware
    )
    app.user_middleware.insert(
        position, Middleware(RouteBodyLimitMiddleware, default_max_bytes=settings.max_body_bytes)
    )
    return app
