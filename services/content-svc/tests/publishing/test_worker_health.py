"""The worker's ``/healthz``: healthy while its polls succeed, 503 once they stopped."""

from __future__ import annotations

import time

import httpx

from content_svc.publishing.publishers import WebhookPublisher
from content_svc.publishing.service import PublisherWorker
from content_svc.worker import health_app, stale_after_s
from servicekit.db import Database

from .conftest import worker_settings


async def test_healthz_turns_503_when_polls_stop_succeeding(database_url: str) -> None:
    settings = worker_settings(database_url)
    database = Database(database_url, pool_size=1)
    async with httpx.AsyncClient() as hooks:
        worker = PublisherWorker(database, settings, WebhookPublisher(hooks, 1.0))
        app = health_app(settings, worker)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://worker") as client:
            assert (await client.get("/healthz")).status_code == 200  # just started
            worker.last_poll_at = time.time()
            assert (await client.get("/healthz")).json()["status"] == "ok"
            worker.last_poll_at = time.time() - stale_after_s(settings) - 1
            stalled = await client.get("/healthz")
            assert stalled.status_code == 503
            assert stalled.json()["status"] == "stalled"
            assert (await client.get("/metrics")).status_code == 200
    await database.dispose()
