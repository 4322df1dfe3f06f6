"""Cancel racing the worker's claim: a publication is either cancelled and never delivered, or
claimed (cancel answers 409) and delivered once — never both."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from content_svc.publishing.publishers import WebhookPublisher
from content_svc.publishing.service import PublisherWorker
from servicekit.db import Database
from servicekit.testing.webhooks import Receiver

from .conftest import Seed, load, worker_settings


async def test_cancel_and_claim_race_never_both(
    committed_client_for: Callable[..., httpx.AsyncClient],
    receiver: Receiver,
    seed: Seed,
    engine: AsyncEngine,
    database_url: str,
) -> None:
    seeded = await seed(receiver.url, count=20)
    # Small batches spread the claims over time, so cancels land before, between and after them.
    settings = worker_settings(database_url, worker_batch_size=2)
    database = Database(database_url, pool_size=2)
    api = committed_client_for(seeded.workspace_id)
    async with httpx.AsyncClient(timeout=5) as hook_client:
        worker = PublisherWorker(database, settings, WebhookPublisher(hook_client, 5))

        async def drain() -> None:
            while await worker.run_once():
                pass

        cancels, _ = await asyncio.gather(
            asyncio.gather(
                *(api.post(f"/v1/publications/{i}/cancel") for i in seeded.publication_ids)
            ),
            drain(),
        )
    await database.dispose()

    delivered = set(receiver.ids())
    for pid, cancel in zip(seeded.publication_ids, cancels, strict=True):
        publication = await load(engine, pid)
        if cancel.status_code == 200:
            assert publication.status == "cancelled"
            assert str(publication.delivery_id) not in delivered
        else:
            assert cancel.status_code == 409, cancel.text
            assert publication.status == "published"
            assert str(publication.delivery_id) in delivered
    assert len(receiver.ids()) == len(delivered)  # nothing delivered twice
