"""The publisher worker: ``python -m content_svc.worker``.

Polls for due publications and publishes them (content_svc.publishing): webhook and WeChat
Official Account channels are delivered and their outcome recorded, manual channels are handed
to an operator. Beside the
poll loop it runs the outbox relay (servicekit.relay), so a publication's event reaches
metrics-svc from the worker that published it. Several workers may run at once. SIGINT or
SIGTERM stops it after the poll in flight: the deliveries it claimed finish (each is bounded by
its publisher's timeout) and are recorded, so nothing stays claimed.

It serves ``GET /healthz`` and ``GET /metrics`` on ``CONTENT_WORKER_HTTP_HOST``:
``CONTENT_WORKER_HTTP_PORT`` (8105; 0 turns them off): healthy while polls keep succeeding
(the last one less than ``stale_after_s`` ago), and Prometheus' view of its polls and the
publications it settled by platform and outcome.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import Iterator

import httpx
import structlog
import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from content_svc.channels.models import PublisherKind
from content_svc.config import Settings
from content_svc.events import METRICS_EVENT_TYPES
from content_svc.models import OutboxEvent
from content_svc.publishing.egress import webhook_client
from content_svc.publishing.publishers import WebhookPublisher
from content_svc.publishing.service import Publisher, Publishers, PublisherWorker
from content_svc.wechat.client import WeChatApi
from content_svc.wechat.publisher import WeChatPublisher
from content_svc.wechat.repository import DatabaseTokenStore, PublishProgress
from servicekit import tracing
from servicekit.db import Database
from servicekit.logging import configure_logging
from servicekit.relay import OutboxRelay

log = structlog.get_logger("content_svc.worker")


def publishers(
    settings: Settings,
    database: Database,
    client: httpx.AsyncClient,
    wechat_http: httpx.AsyncClient,
) -> Publisher:
    """The worker's publisher of each automatic kind."""
    wechat = WeChatApi(
        wechat_http, DatabaseTokenStore(database), timeout_s=settings.wechat_timeout_s
    )
    return Publishers(
        {
            PublisherKind.WEBHOOK: WebhookPublisher(client, settings.webhook_timeout_s),
            PublisherKind.WECHAT_OA: WeChatPublisher(
                wechat,
                PublishProgress(database),
                attempt_s=settings.wechat_publish_wait_s,
                poll_interval_s=settings.wechat_publish_poll_s,
            ),
        }
    )


def stale_after_s(settings: Settings) -> float:
    """How long without a successful poll the worker counts as unhealthy: a poll waits at most
    the interval and runs at most one lease (its deliveries are bounded by it), so three of
    those is a worker stuck or cut off from its database."""
    return 3 * (settings.worker_poll_interval_s + settings.publish_lease_s)


def health_app(settings: Settings, worker: PublisherWorker) -> Starlette:
    """The worker's ``/healthz`` (a liveness probe: 503 once polls stopped succeeding) and
    ``/metrics``."""
    started = time.time()

    async def healthz(_: Request) -> JSONResponse:
        age = time.time() - (worker.last_poll_at or started)  # before its first poll: since start
        healthy = age < stale_after_s(settings)
        return JSONResponse(
            {"status": "ok" if healthy else "stalled", "last_poll_age_s": round(age, 3)},
            status_code=200 if healthy else 503,
        )

    async def metrics(_: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return Starlette(routes=[Route("/healthz", healthz), Route("/metrics", metrics)])


def health_server(settings: Settings, worker: PublisherWorker) -> uvicorn.Server | None:
    if not settings.worker_http_port:
        return None
    config = uvicorn.Config(
        health_app(settings, worker),
        host=settings.worker_http_host,
        port=settings.worker_http_port,
        lifespan="off",
        access_log=False,
        log_config=None,
    )
    return _BesideTheWorker(config)


class _BesideTheWorker(uvicorn.Server):
    """A server that leaves SIGINT and SIGTERM to the worker (stop after the poll in flight),
    which then stops the server itself."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


async def _serve(server: uvicorn.Server) -> None:
    try:
        await server.serve()
    except SystemExit:  # uvicorn's answer to a port it cannot bind: the worker still works
        log.error(
            "the worker's /healthz and /metrics are not served: could not listen",
            host=server.config.host,
            port=server.config.port,
        )


async def run(settings: Settings, stop: asyncio.Event) -> int:
    """Poll until ``stop`` is set; return how many polls ran."""
    # Two connections for the poll loop, two for the relay beside it.
    database = Database(settings.resolved_database_url(), pool_size=4, application_name="worker")
    polls = 0
    client = webhook_client(
        settings.webhook_timeout_s, allow_private=settings.webhook_allow_private
    )
    # The WeChat API address is a workspace user's choice too: the same egress guard.
    wechat_http = webhook_client(
        settings.wechat_timeout_s, allow_private=settings.webhook_allow_private
    )
    try:
        async with client, wechat_http:
            async with database.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            worker = PublisherWorker(
                database, settings, publishers(settings, database, client, wechat_http)
            )
            log.info(
                "publisher worker started",
                poll_interval_s=settings.worker_poll_interval_s,
                max_attempts=settings.publish_max_attempts,
            )
            relay = (
                asyncio.create_task(
                    OutboxRelay(database, OutboxEvent, METRICS_EVENT_TYPES, settings).run()
                )
                if settings.relay_enabled
                else None
            )
            server = health_server(settings, worker)
            serving = asyncio.create_task(_serve(server)) if server is not None else None
            try:
                polls = await worker.run(stop)
            finally:
                if relay is not None:
                    relay.cancel()
                    await asyncio.gather(relay, return_exceptions=True)
                if server is not None and serving is not None:
                    server.should_exit = True
                    await asyncio.gather(serving, return_exceptions=True)
    finally:
        await database.dispose()
        log.info("publisher worker stopped", polls=polls)
    return polls


async def _main() -> None:
    settings = Settings()
    tracing.configure("content-worker")
    configure_logging(settings.log_level, json=settings.log_json, service="content-worker")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await run(settings, stop)


if __name__ == "__main__":
    asyncio.run(_main())
