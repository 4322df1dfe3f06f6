"""At delivery the worker resolves the webhook's host once, refuses it unless every address is
public, and connects to the address it checked; last_error never carries the receiver's body."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from content_svc.publishing.egress import webhook_client
from content_svc.publishing.publishers import WebhookPublisher
from content_svc.publishing.service import PublisherWorker
from servicekit.db import Database
from servicekit.testing.webhooks import Receiver

from .conftest import Seed, load, worker_settings


@pytest.fixture
async def safe_worker(database_url: str) -> AsyncIterator[PublisherWorker]:
    """A worker with the default setting: CONTENT_WEBHOOK_ALLOW_PRIVATE off."""
    settings = worker_settings(database_url, webhook_allow_private=False)
    database = Database(database_url, pool_size=2, application_name="test-egress")
    client = webhook_client(settings.webhook_timeout_s, allow_private=False)
    yield PublisherWorker(database, settings, WebhookPublisher(client, settings.webhook_timeout_s))
    await client.aclose()
    await database.dispose()


async def test_localhost_is_refused_at_delivery(
    receiver: Receiver, seed: Seed, safe_worker: PublisherWorker, engine: AsyncEngine
) -> None:
    port = receiver.url.split(":")[2].split("/")[0]
    for url in (f"http://localhost:{port}/hook", receiver.url):  # stored before the check
        seeded = await seed(url)
        await safe_worker.run_once()
        publication = await load(engine, seeded.publication_ids[0])
        assert publication.status == "scheduled"
        assert publication.last_error is not None
        assert "refused" in publication.last_error
        assert "loopback" in publication.last_error
    assert receiver.deliveries == []


async def test_a_name_resolving_to_loopback_is_refused_and_never_connected(
    receiver: Receiver,
    seed: Seed,
    safe_worker: PublisherWorker,
    engine: AsyncEngine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The test's own resolver: hooks.rebind.test answers 127.0.0.1, where the receiver listens.
    loop = asyncio.get_running_loop()
    real = loop.getaddrinfo

    async def resolve(host: Any, port: Any, **kwargs: Any) -> Any:
        if host == "hooks.rebind.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return await real(host, port, **kwargs)

    monkeypatch.setattr(loop, "getaddrinfo", resolve)
    port = receiver.url.split(":")[2].split("/")[0]
    seeded = await seed(f"http://hooks.rebind.test:{port}/hook")
    await safe_worker.run_once()
    publication = await load(engine, seeded.publication_ids[0])
    assert publication.last_error is not None
    assert "hooks.rebind.test resolves to 127.0.0.1 is a loopback address" in (
        publication.last_error
    )
    assert receiver.deliveries == []


async def test_last_error_carries_the_status_not_the_receivers_body(
    receiver: Receiver, seed: Seed, engine: AsyncEngine, database_url: str
) -> None:
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse

    async def leak(_: Request) -> PlainTextResponse:
        return PlainTextResponse("INTERNAL-ONLY: db_password=hunter2", status_code=200)

    receiver.respond = leak
    settings = worker_settings(database_url)
    database = Database(database_url, pool_size=2, application_name="test-egress")
    async with webhook_client(2.0, allow_private=True) as client:
        worker = PublisherWorker(database, settings, WebhookPublisher(client, 2.0))
        for status in (200, 500):
            if status == 500:

                async def leak_500(_: Request) -> PlainTextResponse:
                    return PlainTextResponse("INTERNAL-ONLY: db_password=hunter2", 500)

                receiver.respond = leak_500
            seeded = await seed(receiver.url)
            await worker.run_once()
            publication = await load(engine, seeded.publication_ids[0])
            assert publication.last_error is not None
            assert str(status) in publication.last_error
            assert "INTERNAL-ONLY" not in publication.last_error
            assert "hunter2" not in publication.last_error
    await database.dispose()
