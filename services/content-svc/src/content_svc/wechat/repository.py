"""The WeChat domain's queries.

Two kinds: request code's, built with the workspace like every repository
(``WeChatInboundRepository``); and those reached before a workspace is known or outside any
request. The callback arrives without a token, so its channel is found by id alone
(``find_connected_channel``: channel ids are UUIDs, and the channel's own workspace then scopes
everything the push changes). The token store and the publish progress are the publisher's and
the reply sender's, which run outside a request's transaction (the worker, or a call made
while a request waits): each of their writes is a short transaction of its own.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.channels.models import Channel, Platform
from content_svc.wechat.client import ApiAccount, CachedToken
from content_svc.wechat.messages import InboundMessage
from content_svc.wechat.models import WeChatAccount, WeChatInbound, WeChatPublish
from servicekit.db import Database
from servicekit.models import utcnow
from servicekit.repository import WorkspaceRepository


async def find_connected_channel(session: AsyncSession, channel_id: uuid.UUID) -> Channel | None:
    """The ``wechat_oa`` channel ``channel_id`` with its account loaded, in whichever workspace;
    None if there is none or it is not connected."""
    stmt = select(Channel).where(Channel.id == channel_id, Channel.platform == Platform.WECHAT_OA)
    channel = (await session.scalars(stmt)).one_or_none()
    return channel if channel is not None and channel.wechat is not None else None


class WeChatInboundRepository(WorkspaceRepository[WeChatInbound]):
    model = WeChatInbound

    async def record(self, channel: Channel, message: InboundMessage) -> bool:
        """Keep ``message`` unless this channel already has it; whether it is new.

        One statement (``ON CONFLICT DO NOTHING``): of two deliveries of one push racing each
        other, exactly one is new."""
        stmt = (
            insert(WeChatInbound)
            .values(
                id=uuid.uuid4(),
                workspace_id=self.workspace_id,
                channel_id=channel.id,
                dedupe_key=message.dedupe_key,
                from_openid=message.from_openid,
                msg_type=message.msg_type,
                event=message.event,
                msg_id=message.msg_id,
                sent_at=message.created_at,
                fields=dict(message.fields),
            )
            .on_conflict_do_nothing(index_elements=["channel_id", "dedupe_key"])
            .returning(WeChatInbound.id)
        )
        return (await self.session.execute(stmt)).scalar_one_or_none() is not None


class DatabaseTokenStore:
    """Access tokens shared through each account's row, so every process uses the same one."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def load(self, account: ApiAccount) -> CachedToken | None:
        stmt = select(WeChatAccount.access_token, WeChatAccount.access_token_usable_until).where(
            WeChatAccount.channel_id == account.channel_id,
            WeChatAccount.app_id == account.app_id,
            WeChatAccount.api_base_url == account.api_base_url,
        )
        async with self.database.sessionmaker() as session:
            row = (await session.execute(stmt)).one_or_none()
        if row is None or row[0] is None or row[1] is None:
            return None
        return CachedToken(row[0], row[1])

    async def save(self, account: ApiAccount, token: CachedToken) -> None:
        stmt = (
            update(WeChatAccount)
            .where(
                WeChatAccount.channel_id == account.channel_id,
                WeChatAccount.app_id == account.app_id,
                WeChatAccount.api_base_url == account.api_base_url,
            )
            .values(
                access_token=token.value,
                access_token_usable_until=token.usable_until,
                updated_at=utcnow(),
            )
        )
        async with self.database.sessionmaker() as session, session.begin():
            await session.execute(stmt)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a publication got: its draft (``media_id``), then its job (``publish_id``)."""

    content_hash: str
    media_id: str | None
    publish_id: str | None


class PublishProgress:
    """The ``wechat_publish`` row of each publication, read and written by the publisher."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def load(self, publication_id: uuid.UUID) -> Progress | None:
        stmt = select(
            WeChatPublish.content_hash, WeChatPublish.media_id, WeChatPublish.publish_id
        ).where(WeChatPublish.publication_id == publication_id)
        async with self.database.sessionmaker() as session:
            row = (await session.execute(stmt)).one_or_none()
        return Progress(row[0], row[1], row[2]) if row is not None else None

    async def save(self, workspace_id: str, publication_id: uuid.UUID, progress: Progress) -> None:
        now = utcnow()
        values = {
            "content_hash": progress.content_hash,
            "media_id": progress.media_id,
            "publish_id": progress.publish_id,
            "updated_at": now,
        }
        stmt = (
            insert(WeChatPublish)
            .values(
                id=uuid.uuid4(),
                workspace_id=workspace_id,
                publication_id=publication_id,
                created_at=now,
                **values,
            )
            .on_conflict_do_update(index_elements=["publication_id"], set_=values)
        )
        async with self.database.sessionmaker() as session, session.begin():
            await session.execute(stmt)

    async def clear(self, publication_id: uuid.UUID) -> None:
        """Forget the progress: the next attempt starts with a new draft."""
        stmt = delete(WeChatPublish).where(WeChatPublish.publication_id == publication_id)
        async with self.database.sessionmaker() as session, session.begin():
            await session.execute(stmt)
