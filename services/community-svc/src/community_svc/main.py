"""community-svc's ASGI app: ``uvicorn --factory community_svc.main:create_app``."""

from pathlib import Path
from typing import cast

from fastapi import FastAPI
from starlette.middleware import Middleware

from community_svc.api import routers
from community_svc.config import Settings
from community_svc.events import METRICS_EVENT_TYPES
from community_svc.idempotency import IdempotencyKey
from community_svc.jobs import JobRepository
from community_svc.limits import RouteBodyLimitMiddleware
from community_svc.members.jobs import ImportMembers
from community_svc.models import OutboxEvent
from community_svc.scopes import Scope
from community_svc.state import CommunityState, with_peers
from servicekit.app import create_service_app
from servicekit.jobs import JobKind, JobSetup
from servicekit.limits import BodyLimitMiddleware
from servicekit.state import ServiceState

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def job_kinds(state: ServiceState) -> list[JobKind]:
    # The app's lifespan made the state with the peers' clients (``with_peers``).
    return [ImportMembers(cast(CommunityState, state)["tracking_codes"])]


JOBS = JobSetup(repository=JobRepository, read_scope=Scope.READ, kinds=job_kinds)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings,
        title="MediaOps community-svc",
        description=(
            "User groups (社群) from building to dissolving: members and tiers, goals, "
            "SOP templates, SOP runs and the operators' tasks."
        ),
        routers=routers,
        idempotency_model=IdempotencyKey,
        outbox_model=OutboxEvent,
        metrics_event_types=METRICS_EVENT_TYPES,
        migrations_dir=MIGRATIONS_DIR,
        extend_state=with_peers,
        jobs=JOBS,
    )
    # The per-route limit takes the place of servicekit's app-wide one, wherever servicekit
    # declares it (inside the request id and token checks, so its 413 carries the request id
    # and a call without the token is a 401 whatever its size). The import route never takes
    # less than the usual limit.
    route_limits = Middleware(
        RouteBodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        import_max_bytes=max(settings.max_body_bytes, settings.import_max_body_bytes),
    )
    app.user_middleware = [route_limits if _is_body_limit(m) else m for m in app.user_middleware]
    if route_limits not in app.user_middleware:
        raise RuntimeError("servicekit's app has no BodyLimitMiddleware for the route limits")
    return app


def _is_body_limit(middleware: Middleware) -> bool:
    # Compared as objects: Starlette types the class as a factory protocol, which mypy will not
    # compare with a class.
    factory: object = middleware.cls
    return factory is BodyLimitMiddleware
