import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.posts.models import Post
from servicekit.testing.headers import WORKSPACE_A


@dataclass(frozen=True)
class PostRef:
    # Only the id: a failed request rolls the test's savepoint back and expires ORM objects,
    # whose attributes could then not be read outside the database's async context.
    id: uuid.UUID


MakePost = Callable[..., Awaitable[PostRef]]


@pytest.fixture
def make_post(db_session: AsyncSession) -> MakePost:
    """Insert a post directly (the posts API is another domain's), approved unless told."""

    async def make(workspace: str = WORKSPACE_A, **fields: Any) -> PostRef:
        values: dict[str, Any] = {
            "title": "双十一攻略",
            "body": "正文 **Markdown**",
            "summary": "",
            "tags": ["促销"],
            "media": [],
            "status": "approved",
        }
        values.update(fields)
        post = Post(workspace_id=workspace, **values)
        db_session.add(post)
        await db_session.flush()
        return PostRef(post.id)

    return make
