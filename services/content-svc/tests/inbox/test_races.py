"""Replies and pushes at the same moment, on committed data and separate connections, counted
at a real receiver: the thread's row lock, If-Match and the Idempotency-Key decide, never luck.

The rule (content-svc README, "Two replies at once"): replies to one thread go out one after
the other; under one Idempotency-Key a reply is sent once, whatever the retries; with the
thread's version as If-Match, of two operators answering the same message one sends and the
other gets a 412 having sent nothing; without If-Match each reply is sent once and recorded.
"""

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from content_svc.inbox.models import InboxMessage, InboxReply, InboxThread
from content_svc.models import OutboxEvent
from servicekit.testing.webhooks import Receiver

from .helpers import make_channel, message

RACERS = 6


@pytest.fixture
def race_client(committed_client_for: Callable[..., httpx.AsyncClient]) -> httpx.AsyncClient:
    return committed_client_for()


async def count(engine: AsyncEngine, model: Any, *where: Any) -> int:
    async with engine.connect() as conn:
        stmt = select(func.count()).select_from(model).where(*where)
        return int((await conn.scalar(stmt)) or 0)


async def events(engine: AsyncEngine, event_type: str, thread_id: str) -> int:
    return await count(
        engine,
        OutboxEvent,
        OutboxEvent.event_type == event_type,
        OutboxEvent.payload["thread_id"].astext == thread_id,
    )


async def waiting_thread(client: httpx.AsyncClient, receiver: Receiver) -> dict[str, Any]:
    """A webhook channel's thread with a message waiting; the receiver answers slowly, so the
    racers' sends overlap whatever the lock lets through."""
    channel = await make_channel(client, receiver.url)
    r = await client.post("/v1/inbox/messages", json=message(channel))
    assert r.status_code == 201, r.text
    t = await client.get(f"/v1/inbox/threads/{r.json()['thread_id']}")
    receiver.delay_s = 0.1
    thread: dict[str, Any] = t.json()
    return thread


async def replies_at_once(
    client: httpx.AsyncClient, thread_id: str, headers: list[dict[str, str]]
) -> list[httpx.Response]:
    url = f"/v1/inbox/threads/{thread_id}/replies"
    return await asyncio.gather(
        *(client.post(url, json={"text": "您好"}, headers=h) for h in headers)
    )


async def test_replies_under_one_idempotency_key_at_once_send_once(
    race_client: httpx.AsyncClient, engine: AsyncEngine, receiver: Receiver
) -> None:
    thread = await waiting_thread(race_client, receiver)
    key = {"Idempotency-Key": uuid.uuid4().hex}
    results = await replies_at_once(race_client, thread["id"], [key] * RACERS)

    assert [r.status_code for r in results] == [201] * RACERS
    replayed = [r.headers.get("idempotent-replayed") == "true" for r in results]
    assert replayed.count(False) == 1
    assert len({r.json()["reply"]["id"] for r in results}) == 1
    assert len(receiver.deliveries) == 1
    assert await count(engine, InboxReply, InboxReply.thread_id == uuid.UUID(thread["id"])) == 1
    assert await events(engine, "inbox.reply_sent", thread["id"]) == 1


async def test_two_operators_answering_one_version_send_one_reply(
    race_client: httpx.AsyncClient, engine: AsyncEngine, receiver: Receiver
) -> None:
    thread = await waiting_thread(race_client, receiver)
    if_match = {"If-Match": f'"{thread["version"]}"'}
    results = await replies_at_once(race_client, thread["id"], [if_match] * RACERS)

    assert sorted(r.status_code for r in results) == [201] + [412] * (RACERS - 1)
    for refused in (r for r in results if r.status_code == 412):
        assert refused.json()["current_version"] == thread["version"] + 1
    assert len(receiver.deliveries) == 1
    assert await count(engine, InboxReply, InboxReply.thread_id == uuid.UUID(thread["id"])) == 1
    answered = await race_client.get(f"/v1/inbox/threads/{thread['id']}")
    assert (answered.json()["status"], answered.json()["reply_count"]) == ("answered", 1)


async def test_unconditional_replies_at_once_are_each_sent_once_in_turn(
    race_client: httpx.AsyncClient, engine: AsyncEngine, receiver: Receiver
) -> None:
    thread = await waiting_thread(race_client, receiver)
    results = await replies_at_once(race_client, thread["id"], [{}] * RACERS)

    assert [r.status_code for r in results] == [201] * RACERS
    sent = {r.json()["reply"]["id"] for r in results}
    assert len(sent) == RACERS
    assert sorted(receiver.ids()) == sorted(sent)  # each reply delivered, and once
    # One after the other: each saw the version the previous one committed.
    versions = sorted(r.json()["thread"]["version"] for r in results)
    assert versions == list(range(thread["version"] + 1, thread["version"] + RACERS + 1))
    final = (await race_client.get(f"/v1/inbox/threads/{thread['id']}")).json()
    assert final["reply_count"] == RACERS
    # The first answered the waiting message; the others were follow-ups.
    assert await events(engine, "inbox.reply_sent", thread["id"]) == 1
    assert await events(engine, "inbox.follow_up_sent", thread["id"]) == RACERS - 1


async def test_one_push_delivered_many_times_at_once_is_stored_once(
    race_client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    channel = await make_channel(race_client)
    body = message(channel)
    results = await asyncio.gather(
        *(race_client.post("/v1/inbox/messages", json=body) for _ in range(RACERS))
    )
    assert sorted(r.status_code for r in results) == [200] * (RACERS - 1) + [201]
    assert len({r.json()["id"] for r in results}) == 1
    thread_id = results[0].json()["thread_id"]
    thread = (await race_client.get(f"/v1/inbox/threads/{thread_id}")).json()
    assert thread["message_count"] == 1
    assert await events(engine, "inbox.comment_received", thread_id) == 1


async def test_first_messages_of_one_conversation_at_once_make_one_thread(
    race_client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    channel = await make_channel(race_client)
    results = await asyncio.gather(
        *(
            race_client.post("/v1/inbox/messages", json=message(channel, text=f"第 {i} 条"))
            for i in range(RACERS)
        )
    )
    assert [r.status_code for r in results] == [201] * RACERS
    [thread_id] = {r.json()["thread_id"] for r in results}
    assert await count(engine, InboxThread, InboxThread.channel_id == uuid.UUID(channel)) == 1
    assert await count(engine, InboxMessage, InboxMessage.thread_id == uuid.UUID(thread_id)) == (
        RACERS
    )
    thread = (await race_client.get(f"/v1/inbox/threads/{thread_id}")).json()
    assert thread["message_count"] == RACERS
    assert thread["version"] == RACERS
