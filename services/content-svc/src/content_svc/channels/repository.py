import uuid
from collections.abc import Sequence
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import joinedload

from content_svc.channels.models import Channel, Platform
from servicekit.pagination import PageParams
from servicekit.repository import WorkspaceRepository, page_statement


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


@cache
def _channel_page(by_platform: bool, after: bool) -> Select[Channel]:
    """A page of the workspace's channels with their WeChat accounts, built once per shape
    (filtered or not, first page or after a cursor), as ``_channel_by_id``."""
    stmt = select(Channel).where(Channel.workspace_id == bindparam("workspace_id"))
    if by_platform:
        stmt = stmt.where(Channel.platform == bindparam("platform"))
    return page_statement(stmt.options(joinedload(Channel.wechat)), Channel, after=after)


class ChannelRepository(WorkspaceRepository[Channel]):
    model = Channel

    # A plain read loads the channel's WeChat account in the same statement (a LEFT OUTER JOIN
    # on its unique channel_id): the relationship's own `selectin` loading sends a second
    # statement, a round trip of its own, for every read of channels (most have no account).
    # Reads under a row lock keep `selectin`: PostgreSQL refuses FOR UPDATE on the nullable
    # side of an outer join.
    async def list_channels(
        self, page: PageParams, platform: Platform | None = None
    ) -> tuple[Sequence[Channel], str | None]:
        """One page of the workspace's channels (on ``platform`` when given), oldest first,
        and the next page's cursor."""
        params = {"workspace_id": self.workspace_id, **self.page_params(page)}
        if platform is not None:
            params["platform"] = platform
        stmt = _channel_page(platform is not None, page.cursor is not None)
        return self.page_of((await self.session.scalars(stmt, params)).all(), page)

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
