from sqlalchemy import Select, func, select

from content_svc.channels.models import Channel, Platform
from servicekit.repository import WorkspaceRepository


class ChannelRepository(WorkspaceRepository[Channel]):
    model = Channel

    def list_channels(self, platform: Platform | None = None) -> Select[Channel]:
        return self.select(platform=platform)

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
