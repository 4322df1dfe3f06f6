"""Collaborations under real concurrency (committed transactions, requests started together):
a publication carries one collaboration however many link it at once, and of concurrent edits
holding one version exactly one wins."""

import asyncio
import uuid
from collections import Counter
from collections.abc import Callable

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from campaign_svc.models import Collaboration
from servicekit.testing.servers import StandIn

from .helpers import collaboration_body, new_collaboration, new_partner, publication

ClientFactory = Callable[..., httpx.AsyncClient]


async def test_ten_links_of_one_publication_at_once_make_one_collaboration(
    committed_client_for: ClientFactory, engine: AsyncEngine, peer: StandIn
) -> None:
    client = committed_client_for()
    partner = await new_partner(client)
    publication_id = publication(peer)
    body = collaboration_body(partner["id"], publication_id=publication_id)
    responses = await asyncio.gather(
        *(client.post("/v1/collaborations", json=body) for _ in range(10))
    )
    assert Counter(r.status_code for r in responses) == {201: 1, 409: 9}
    async with engine.connect() as conn:
        carried = await conn.scalar(
            select(func.count()).where(Collaboration.publication_id == uuid.UUID(publication_id))
        )
    assert carried == 1


async def test_of_concurrent_moves_from_one_version_exactly_one_wins(
    committed_client_for: ClientFactory, peer: StandIn
) -> None:
    client = committed_client_for()
    partner = await new_partner(client)
    collaboration = await new_collaboration(client, partner["id"], publication_id=publication(peer))
    path = f"/v1/collaborations/{collaboration['id']}"
    moves = [
        client.post(f"{path}/status", json={"status": to}, headers={"If-Match": '"1"'})
        for to in ("agreed", "cancelled") * 4
    ]
    edits = [
        client.patch(path, json={"agreed_price": price}, headers={"If-Match": '"1"'})
        for price in range(1, 5)
    ]
    responses = await asyncio.gather(*moves, *edits)
    assert Counter(r.status_code for r in responses) == {200: 1, 412: 11}
    read = (await client.get(path)).json()
    assert read["version"] == 2
    (winner,) = [r.json() for r in responses if r.status_code == 200]
    assert (read["status"], read["agreed_price"]) == (winner["status"], winner["agreed_price"])
