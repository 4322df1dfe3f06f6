"""``create_service_app``: the one way a MediaOps service's FastAPI app is put together."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from pathlib import Path

import structlog
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from servicekit import apidoc, tracing
from servicekit.db import Database
from servicekit.dberrors import install_database_error_handlers
from servicekit.door import adopt
from servicekit.edge import ServiceEdgeMiddleware
from servicekit.errors import install_error_handlers
from servicekit.health import healthz, readyz
from servicekit.idempotency import IdempotencyKeyMixin, purging
from servicekit.jobs.api import JobSetup, jobs_router
from servicekit.jobs.engine import JobRunner
from servicekit.limits import BodyLimitMiddleware
from servicekit.logging import configure_logging
from servicekit.migrations import head_revisions
from servicekit.observability import metrics_endpoint, route_template
from servicekit.outbox import OutboxEventMixin
from servicekit.relay import MetricsEventTypes, relaying
from servicekit.settings import ServiceSettings
from servicekit.state import ServiceState, StateExtension

OPEN_PATHS = ("/healthz", "/readyz", "/metrics")

log = structlog.get_logger("servicekit.app")

# A coroutine the app runs for its whole life beside the requests (a housekeeping loop), given
# the app's database; cancelled at shutdown.
BackgroundTask = Callable[[Database], Coroutine[object, object, None]]


def _report_failure(task: asyncio.Task[None]) -> None:
    """A background coroutine that ends by an error is logged, not lost until shutdown."""
    if not task.cancelled() and task.exception() is not None:
        log.error("background task failed", task=task.get_name(), exc_info=task.exception())


def _operation_id(route: APIRoute) -> str:
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name}"


def _job_runner(
    jobs: JobSetup | None,
    database: Database,
    settings: ServiceSettings,
    outbox_model: type[OutboxEventMixin] | None,
    state: ServiceState,
) -> JobRunner | None:
    if jobs is None or not settings.jobs_enabled:
        return None
    return JobRunner.from_settings(
        database,
        jobs.repository.model,
        jobs.repository.part_model,
        jobs.kinds(state),
        settings,
        outbox_model,
    )


def create_service_app(
    settings: ServiceSettings,
    *,
    title: str,
    routers: Sequence[APIRouter],
    migrations_dir: Path,
    description: str = "",
    background: Sequence[BackgroundTask] = (),
    idempotency_model: type[IdempotencyKeyMixin] | None = None,
    outbox_model: type[OutboxEventMixin] | None = None,
    metrics_event_types: MetricsEventTypes | None = None,
    extend_state: StateExtension | None = None,
    jobs: JobSetup | None = None,
) -> FastAPI:
    """The service's app. ``background`` coroutines start once the database is set up and are
    cancelled (and awaited) before it is disposed at shutdown.

    Every route is checked at its door (``servicekit.door``): unknown query parameters, JSON
    bodies too deep or with unstorable text, and, with ``idempotency_model`` (the service's
    ``idempotency_key`` table), an ``Idempotency-Key`` on every POST. ``outbox_model`` (the
    service's ``outbox_event`` table) is where its units of work record domain events; with
    ``metrics_event_types`` (the service's ``METRICS_EVENT_TYPES``) and ``relay_enabled``, the
    outbox relay (``servicekit.relay``) delivers them to metrics-svc from a background task.

    ``extend_state`` adds the service's own entries to the lifespan state (``ServiceState``)
    as it starts; when it returns an async context manager (entries to close, such as
    ``servicekit.peers.Peer`` clients), that is entered at startup and exited at shutdown.

    ``jobs`` (``servicekit.jobs.JobSetup``) serves the service's jobs at
    ``GET /v1/jobs/<prefix>-{id}`` and, with ``jobs_enabled``, runs them in the background
    once the state is complete (a kind may use its peers), stopping them before the state's
    entries close."""
    heads = head_revisions(migrations_dir)
    # Before anything opens an engine or a client: they are traced as they are made.
    tracing.configure(settings.service_name)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[ServiceState]:
        configure_logging(settings.log_level, json=settings.log_json, service=settings.service_name)
        database = Database(
            settings.resolved_database_url(),
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            pool_timeout_s=settings.db_pool_timeout_s,
            pool_recycle_s=settings.db_pool_recycle_s,
            application_name=settings.service_name,
        )
        housekeeping = [purging(idempotency_model)] if idempotency_model is not None else []
        if outbox_model is not None and metrics_event_types is not None and settings.relay_enabled:
            housekeeping.append(relaying(outbox_model, metrics_event_types, settings))
        tasks = [asyncio.create_task(run(database)) for run in [*background, *housekeeping]]
        for task in tasks:
            task.add_done_callback(_report_failure)
        state: ServiceState = {
            "database": database,
            "settings": settings,
            "migration_heads": heads,
            "idempotency_model": idempotency_model,
            "outbox_model": outbox_model,
        }
        try:
            async with AsyncExitStack() as extension:
                made = state if extend_state is None else extend_state(state)
                extended = (
                    await extension.enter_async_context(made)
                    if isinstance(made, AbstractAsyncContextManager)
                    else made
                )
                runner = _job_runner(jobs, database, settings, outbox_model, extended)
                job_task = None
                if runner is not None:
                    job_task = asyncio.create_task(runner.run(), name="jobs")
                    job_task.add_done_callback(_report_failure)
                try:
                    yield extended
                finally:
                    if job_task is not None:
                        job_task.cancel()
                        await asyncio.gather(job_task, return_exceptions=True)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await database.dispose()

    app = FastAPI(
        title=title,
        description=description,
        version="0.1.0",
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        telemetry=tracing.FASTAPI_TELEMETRY_OFF,
    )
    if jobs is not None:
        routers = [*routers, jobs_router(jobs)]
    for router in routers:
        adopt(router, idempotency_documented=idempotency_model is not None)
        app.include_router(router)
    app.add_route("/healthz", healthz, include_in_schema=False)
    app.add_route("/readyz", readyz, include_in_schema=False)
    app.add_route("/metrics", metrics_endpoint, include_in_schema=False)
    install_error_handlers(app)
    install_database_error_handlers(app)
    apidoc.install(app)
    # Added innermost first. The edge (request id, metrics and access log, internal token, in
    # that order) wraps everything, so every answer carries the request id, is counted, and
    # a call without the token is a 401 whatever its size; the body limit (which community-svc
    # replaces with its per-route one) is its own middleware inside it.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(
        ServiceEdgeMiddleware,
        service=settings.service_name,
        token=settings.internal_token.get_secret_value(),
        open_paths=OPEN_PATHS,
    )
    if tracing.provider() is not None:
        # Outermost: the server span covers the whole request, the edge's answers included.
        app.add_middleware(tracing.TracingMiddleware, route_name=route_template)
    return app
