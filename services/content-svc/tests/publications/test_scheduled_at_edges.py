"""scheduled_at at year 1 and year 9999 (with +14:00/-12:00 offsets): a 422 naming it."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from servicekit.testing.dates import EDGE_INSTANTS, assert_refused_naming

from .conftest import MakePost
from .test_router import count_publications, make_channel, schedule


@pytest.mark.parametrize("edge", EDGE_INSTANTS)
async def test_scheduled_at_at_the_edges_of_time_is_422_naming_it(
    client: httpx.AsyncClient, make_post: MakePost, db_session: AsyncSession, edge: str
) -> None:
    post = await make_post()
    channel = await make_channel(client, timezone="Pacific/Kiritimati")
    r = await schedule(client, post.id, channel["id"], scheduled_at=edge)
    assert_refused_naming(r, "scheduled_at")
    assert await count_publications(db_session) == 0
