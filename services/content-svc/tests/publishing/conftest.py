"""A real webhook receiver (servicekit.testing.webhooks) and committed seed data for the
worker's tests, which need real commits across connections."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from content_svc.channels.models import Channel
from content_svc.config import Settings
from content_svc.models import OutboxEvent
from content_svc.posts.models import Post
from content_svc.publications.models import Publication
from content_svc.publishing.service import PublisherWorker
from servicekit.testing.webhooks import Receiver, running_receiver

SECRET = "receiver-shared-secret-0123456789"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as rcv:
        yield rcv


def worker_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "log_json": False,
        "worker_poll_interval_s": 0.05,
        "publish_max_attempts": 3,
        "publish_backoff_base_s": 0.05,
        "publish_backoff_cap_s": 0.2,
        "publish_lease_s": 5.0,
        "wechat_publish_wait_s": 3.0,  # a WeChat attempt ends within the lease
        "webhook_timeout_s": 2.0,
        "webhook_allow_private": True,  # the receiver listens on 127.0.0.1
    }
    values.update(overrides)
    return Settings(**values)


@dataclass
class Seeded:
    workspace_id: str
    channel_id: uuid.UUID
    post_id: uuid.UUID
    publication_ids: list[uuid.UUID]


Seed = Callable[..., Awaitable[Seeded]]


@pytest.fixture
async def seed(engine: AsyncEngine) -> AsyncIterator[Seed]:
    """Commit a channel, an approved post and ``count`` due publications in a fresh workspace;
    everything is deleted afterwards."""
    workspaces: list[str] = []

    async def make(
        url: str | None,
        count: int = 1,
        *,
        scheduled_at: datetime | None = None,
        title: str = "双十一攻略",
    ) -> Seeded:
        workspace = f"ws-pub-{uuid.uuid4().hex[:10]}"
        workspaces.append(workspace)
        async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
            channel = Channel(
                workspace_id=workspace,
                platform="xiaohongshu",
                name="品牌小红书",
                handle="brand_xhs",
                timezone="Asia/Shanghai",
                limit_overrides={},
                prime_time_slots=[],
                publisher_kind="webhook" if url else "manual",
                publisher_url=url,
                publisher_secret=SECRET if url else None,
            )
            post = Post(
                workspace_id=workspace,
                title=title,
                body="正文 **满减** 攻略",
                summary="省钱",
                tags=["双十一", "攻略"],
                media=[{"url": "https://img.example.com/1.jpg", "kind": "image", "alt": "封面"}],
                status="approved",
            )
            session.add_all([channel, post])
            await session.flush()
            when = scheduled_at or datetime.now(UTC) - timedelta(seconds=1)
            publications = [
                Publication(
                    workspace_id=workspace,
                    post_id=post.id,
                    channel_id=channel.id,
                    status="scheduled",
                    scheduled_at=when,
                    next_attempt_at=when,
                    attempts=0,
                )
                for _ in range(count)
            ]
            session.add_all(publications)
            await session.flush()
            return Seeded(workspace, channel.id, post.id, [p.id for p in publications])

    yield make
    async with AsyncSession(engine) as session, session.begin():
        for model in (Publication, OutboxEvent, Post, Channel):
            await session.execute(delete(model).where(model.workspace_id.in_(workspaces)))


async def load(engine: AsyncEngine, publication_id: uuid.UUID) -> Publication:
    async with AsyncSession(engine, expire_on_commit=False) as session:
        publication = await session.get(Publication, publication_id)
        assert publication is not None
        return publication


async def delivered_then_crashed(
    seed: Seed, receiver: Receiver, worker: PublisherWorker
) -> tuple[Seeded, uuid.UUID]:
    """One publication seeded for ``receiver``, which ``worker`` claims and delivers, then
    "dies" before recording the outcome: the receiver has it, and the claim's lease still
    holds. The seed, and the publication's id."""
    seeded = await seed(receiver.url)
    [delivery] = await worker.claim()
    await worker.deliver(delivery)
    [publication_id] = seeded.publication_ids
    return seeded, publication_id
