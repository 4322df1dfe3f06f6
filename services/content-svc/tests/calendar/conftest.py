import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.channels.models import Channel
from content_svc.posts.models import Post
from content_svc.publications.models import Publication
from servicekit.testing.headers import WORKSPACE_A

PlacePublication = Callable[..., Awaitable[uuid.UUID]]


@pytest.fixture
def place(db_session: AsyncSession) -> PlacePublication:
    """Insert a publication at any time (the API refuses the past), with its post and channel."""
    channels: dict[tuple[str, str], uuid.UUID] = {}

    async def make(
        scheduled_at: datetime,
        *,
        timezone: str = "Asia/Shanghai",
        workspace: str = WORKSPACE_A,
        **fields: Any,
    ) -> uuid.UUID:
        key = (workspace, timezone)
        if key not in channels:
            channel = Channel(
                workspace_id=workspace,
                platform="weibo",
                name=f"微博 {timezone}",
                handle=f"h-{len(channels)}",
                timezone=timezone,
                limit_overrides={},
                prime_time_slots=[],
                publisher_kind="manual",
            )
            db_session.add(channel)
            await db_session.flush()
            channels[key] = channel.id
        post = Post(workspace_id=workspace, title="标题", status="approved", tags=[], media=[])
        db_session.add(post)
        await db_session.flush()
        publication = Publication(
            workspace_id=workspace,
            post_id=post.id,
            channel_id=channels[key],
            scheduled_at=scheduled_at,
            next_attempt_at=scheduled_at,
            **{"status": "scheduled", "attempts": 0, **fields},
        )
        db_session.add(publication)
        await db_session.flush()
        return publication.id

    return make
