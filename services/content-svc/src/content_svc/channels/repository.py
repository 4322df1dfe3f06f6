import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import joinedload

from content_svc.channels.models import Channel, Platform
from servicekit.db import DriverStatement
from servicekit.pagination import PageParams
from servicekit.repository import WorkspaceRepository


@dataclass(frozen=True, slots=True)
class WeChatAccountView:
    """A channel's WeChat account as the channel reads answer it (``WeChatAccountRead.of``);
    its secrets are left out of its repr, so no log line can carry them."""

    channel_id: uuid.UUID
    app_id: str
    app_secret: str = field(repr=False)
    callback_token: str = field(repr=False)
    encoding_aes_key: str | None = field(repr=False)
    api_base_url: str
    thumb_media_id: str | None


@dataclass(frozen=True, slots=True)
class ChannelView:
    """A channel as ``GET /v1/channels`` and ``GET /v1/channels/{id}`` read it: the columns of
    ``Channel`` that ``ChannelRead`` is built from, by the same names, without the ORM (the
    secret left out of its repr)."""

    id: uuid.UUID
    platform: str
    name: str
    handle: str
    timezone: str
    limit_overrides: dict[str, Any]
    prime_time_slots: list[dict[str, Any]]
    publisher_kind: str
    publisher_url: str | None
    publisher_secret: str | None = field(repr=False)
    version: int
    created_at: datetime
    updated_at: datetime
    wechat: WeChatAccountView | None


# The two reads a dashboard polls, sent by asyncpg itself (servicekit.db.DriverStatement) into
# plain views: through the ORM (session statement, identity map, joined-eager row loading) the
# list cost ~0.27 ms of CPU more per request than this (bench/RESULTS.md, 2026-12-05, "hot
# reads by the driver"). The WeChat account comes in the same statement, as `_channel_by_id`'s
# joined load does.
_VIEW = """
SELECT c.id, c.platform, c.name, c.handle, c.timezone, c.limit_overrides, c.prime_time_slots,
       c.publisher_kind, c.publisher_url, c.publisher_secret, c.version, c.created_at,
       c.updated_at, w.channel_id AS w_channel_id, w.app_id AS w_app_id,
       w.app_secret AS w_app_secret, w.callback_token AS w_callback_token,
       w.encoding_aes_key AS w_encoding_aes_key, w.api_base_url AS w_api_base_url,
       w.thumb_media_id AS w_thumb_media_id
FROM channel AS c LEFT OUTER JOIN wechat_account AS w ON w.channel_id = c.id
WHERE c.workspace_id = :workspace_id"""
_VIEW_BY_ID = DriverStatement(_VIEW + " AND c.id = :channel_id")


@cache
def _view_page(by_platform: bool, after: bool) -> DriverStatement:
    """A page of channel views in creation order, one statement per shape (filtered or not,
    first page or after a cursor), as ``page_statement`` orders and bounds the ORM's."""
    sql = _VIEW
    if by_platform:
        sql += " AND c.platform = :platform"
    if after:
        sql += (
            " AND (c.created_at > :after_created_at"
            " OR (c.created_at = :after_created_at AND c.id > :after_id))"
        )
    return DriverStatement(sql + " ORDER BY c.created_at, c.id LIMIT :limit")


def _view(row: Any) -> ChannelView:
    wechat = None
    if row["w_channel_id"] is not None:
        wechat = WeChatAccountView(
            channel_id=row["w_channel_id"],
            app_id=row["w_app_id"],
            app_secret=row["w_app_secret"],
            callback_token=row["w_callback_token"],
            encoding_aes_key=row["w_encoding_aes_key"],
            api_base_url=row["w_api_base_url"],
            thumb_media_id=row["w_thumb_media_id"],
        )
    return ChannelView(
        id=row["id"],
        platform=row["platform"],
        name=row["name"],
        handle=row["handle"],
        timezone=row["timezone"],
        limit_overrides=row["limit_overrides"],
        prime_time_slots=row["prime_time_slots"],
        publisher_kind=row["publisher_kind"],
        publisher_url=row["publisher_url"],
        publisher_secret=row["publisher_secret"],
        version=row["version"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        wechat=wechat,
    )


@cache
def _channel_by_id() -> Select[Channel]:
    """A channel by id with its WeChat account, built once (on first use: the mappers are then
    complete): SQLAlchemy finds its compiled form by a cache key it memoises on the statement,
    where a statement built per request is built and keyed again every time (both visible in
    the profile of `GET /v1/channels/{id}`)."""
    return (
        select(Channel)
        .where(
            Channel.workspace_id == bindparam("workspace_id"),
            Channel.id == bindparam("channel_id"),
        )
        .options(joinedload(Channel.wechat))
    )


class ChannelRepository(WorkspaceRepository[Channel]):
    model = Channel

    async def list_channels(
        self, page: PageParams, platform: Platform | None = None
    ) -> tuple[Sequence[ChannelView], str | None]:
        """One page of the workspace's channels (on ``platform`` when given), oldest first,
        and the next page's cursor."""
        params = {"workspace_id": self.workspace_id, **self.page_params(page)}
        if platform is not None:
            params["platform"] = str(platform)
        stmt = _view_page(platform is not None, page.cursor is not None)
        return self.page_of([_view(row) for row in await stmt.fetch(self.session, params)], page)

    async def view(self, id: uuid.UUID) -> ChannelView | None:
        """The channel as the read routes answer it, or None."""
        params = {"workspace_id": self.workspace_id, "channel_id": id}
        row = await _VIEW_BY_ID.fetchrow(self.session, params)
        return _view(row) if row is not None else None

    # A plain read loads the channel's WeChat account in the same statement (a LEFT OUTER JOIN
    # on its unique channel_id): the relationship's own `selectin` loading sends a second
    # statement, a round trip of its own, for every read of channels (most have no account).
    # Reads under a row lock keep `selectin`: PostgreSQL refuses FOR UPDATE on the nullable
    # side of an outer join.
    async def get(self, id: uuid.UUID, *, for_update: bool = False) -> Channel | None:
        if for_update:
            return await super().get(id, for_update=True)
        params = {"workspace_id": self.workspace_id, "channel_id": id}
        return (await self.session.scalars(_channel_by_id(), params)).one_or_none()

    async def handle_taken(
        self, platform: str, handle: str, *, exclude: Channel | None = None
    ) -> bool:
        stmt = self.select().where(Channel.platform == platform, Channel.handle == handle)
        if exclude is not None:
            stmt = stmt.where(Channel.id != exclude.id)
        return (await self.session.execute(stmt.limit(1))).first() is not None

    async def count_publications(self, channel: Channel) -> int:
        # Imported here: publications depend on channels, not the other way round at import time.
        from content_svc.publications.models import Publication

        stmt = (
            select(func.count())
            .select_from(Publication)
            .where(Publication.workspace_id == self.workspace_id)
            .where(Publication.channel_id == channel.id)
        )
        return int(await self.session.scalar(stmt) or 0)

    async def count_inbox_threads(self, channel: Channel) -> int:
        # Imported here, as publications are: the inbox depends on channels, not the reverse.
        from content_svc.inbox.models import InboxThread

        stmt = (
            select(func.count())
            .select_from(InboxThread)
            .where(InboxThread.workspace_id == self.workspace_id)
            .where(InboxThread.channel_id == channel.id)
        )
        return int(await self.session.scalar(stmt) or 0)
