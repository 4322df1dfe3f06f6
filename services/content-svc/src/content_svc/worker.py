"""The publisher worker: ``python -m content_svc.worker``.

Polls for due publications and publishes them (content_svc.publishing): webhook and WeChat
Official Account channels are delivered and their outcome recorded, manual channels are handed
to an operator. Beside the
poll loop it runs the outbox relay (servicekit.relay), so a publication's event reaches
metrics-svc from the worker that published it. Several workers may run at once. SIGINT or
SIGTERM stops it after the poll in flight.
"""

from __future__ import annotations

import asyncio
import signal

import httpx
import structlog
from sqlalchemy import text

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
            try:
                polls = await worker.run(stop)
            finally:
                if relay is not None:
                    relay.cancel()
                    await asyncio.gather(relay, return_exceptions=True)
    finally:
        await database.dispose()
        log.info("publisher worker stopped", polls=polls)
    return polls


async def _main() -> None:
    settings = Settings()
    configure_logging(settings.log_level, json=settings.log_json, service="content-worker")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await run(settings, stop)


if __name__ == "__main__":
    asyncio.run(_main())
