"""The local WeChat platform (content_svc.wechat.testserver) on 127.0.0.1, and committed seed
data for the publisher's tests, which run the real worker across connections."""

# Chinese text keeps its full-width punctuation, as the people who write it do.
# ruff: noqa: RUF001

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from content_svc.channels.models import Channel
from content_svc.config import Settings
from content_svc.models import OutboxEvent
from content_svc.posts.models import Post
from content_svc.publications.models import Publication
from content_svc.publishing.egress import webhook_client
from content_svc.publishing.service import PublisherWorker
from content_svc.wechat.models import WeChatAccount, WeChatInbound, WeChatPublish
from content_svc.wechat.testserver import Account, LocalWeChat, running_wechat
from content_svc.worker import publishers
from servicekit.db import Database

POST_BODY = "## 为什么选这三款\n\n换季皮肤干到起皮？我们请 **3 位** 职场妈妈连续用了 28 天。"


@pytest.fixture
def wechat() -> Iterator[LocalWeChat]:
    with running_wechat() as platform:
        yield platform


def worker_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "log_json": False,
        "publish_max_attempts": 3,
        "publish_backoff_base_s": 0.0,
        "publish_backoff_cap_s": 0.0,
        "publish_lease_s": 5.0,
        "webhook_timeout_s": 2.0,
        "webhook_allow_private": True,  # the local platform listens on 127.0.0.1
        "wechat_timeout_s": 2.0,
        "wechat_publish_wait_s": 3.0,
        "wechat_publish_poll_s": 0.05,
    }
    return Settings(**(values | overrides))


MakeWorker = Callable[..., PublisherWorker]


@pytest.fixture
async def make_worker(database_url: str) -> AsyncIterator[MakeWorker]:
    """A worker with the production publishers (``content_svc.worker.publishers``)."""
    made: list[tuple[Database, list[httpx.AsyncClient]]] = []

    def make(**overrides: Any) -> PublisherWorker:
        settings = worker_settings(database_url, **overrides)
        database = Database(database_url, pool_size=2, application_name="test-wechat-worker")
        clients = [
            webhook_client(settings.webhook_timeout_s, allow_private=True),
            webhook_client(settings.wechat_timeout_s, allow_private=True),
        ]
        made.append((database, clients))
        return PublisherWorker(database, settings, publishers(settings, database, *clients))

    yield make
    for database, clients in made:
        for client in clients:
            await client.aclose()
        await database.dispose()


@dataclass
class Seeded:
    workspace_id: str
    channel_id: uuid.UUID
    post_id: uuid.UUID
    publication_id: uuid.UUID


Seed = Callable[..., Awaitable[Seeded]]


@pytest.fixture
async def seed(engine: AsyncEngine, wechat: LocalWeChat) -> AsyncIterator[Seed]:
    """Commit a wechat_oa channel connected to ``account`` on the local platform, an approved
    post and one due publication in a fresh workspace; deleted afterwards."""
    workspaces: list[str] = []

    async def make(
        account: Account,
        *,
        thumb: bool = True,
        title: str = "双十一护肤清单",
        body: str = POST_BODY,
    ) -> Seeded:
        workspace = f"ws-wx-{uuid.uuid4().hex[:10]}"
        workspaces.append(workspace)
        async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
            channel = Channel(
                workspace_id=workspace,
                platform="wechat_oa",
                name="美妍研究所服务号",
                handle="meiyan_lab",
                timezone="Asia/Shanghai",
                limit_overrides={},
                prime_time_slots=[],
                publisher_kind="wechat_oa",
                wechat=WeChatAccount(
                    workspace_id=workspace,
                    app_id=account.app_id,
                    app_secret=account.app_secret,
                    callback_token=account.callback_token,
                    api_base_url=wechat.url,
                    thumb_media_id=account.thumb_media_id if thumb else None,
                ),
            )
            post = Post(
                workspace_id=workspace,
                title=title,
                body=body,
                summary="三位职场妈妈 28 天实测",
                tags=["护肤"],
                media=[],
                status="approved",
            )
            session.add_all([channel, post])
            await session.flush()
            publication = _due(workspace, post.id, channel.id)
            session.add(publication)
            await session.flush()
            return Seeded(workspace, channel.id, post.id, publication.id)

    yield make
    async with AsyncSession(engine) as session, session.begin():
        for model in (
            WeChatPublish,
            WeChatInbound,
            Publication,
            OutboxEvent,
            Post,
            WeChatAccount,
            Channel,
        ):
            await session.execute(delete(model).where(model.workspace_id.in_(workspaces)))


def _due(workspace: str, post_id: uuid.UUID, channel_id: uuid.UUID) -> Publication:
    when = datetime.now(UTC) - timedelta(seconds=1)
    return Publication(
        workspace_id=workspace,
        post_id=post_id,
        channel_id=channel_id,
        status="scheduled",
        scheduled_at=when,
        next_attempt_at=when,
        attempts=0,
    )


async def another_publication(engine: AsyncEngine, seeded: Seeded) -> uuid.UUID:
    """One more due publication of the seeded post on the seeded channel."""
    async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
        publication = _due(seeded.workspace_id, seeded.post_id, seeded.channel_id)
        session.add(publication)
        await session.flush()
        return publication.id


async def load(engine: AsyncEngine, publication_id: uuid.UUID) -> Publication:
    async with AsyncSession(engine, expire_on_commit=False) as session:
        publication = await session.get(Publication, publication_id)
        assert publication is not None
        return publication
