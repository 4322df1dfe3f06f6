import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Select, select, update

from content_svc.posts.models import Post
from content_svc.publications.models import Publication
from servicekit.repository import WorkspaceRepository


class PublicationRepository(WorkspaceRepository[Publication]):
    model = Publication

    def list_publications(
        self,
        *,
        status: str | None = None,
        channel_id: uuid.UUID | None = None,
        post_id: uuid.UUID | None = None,
        scheduled_from: datetime | None = None,
        scheduled_to: datetime | None = None,
    ) -> Select[Publication]:
        stmt = self.select()
        if status is not None:
            stmt = stmt.where(Publication.status == status)
        if channel_id is not None:
            stmt = stmt.where(Publication.channel_id == channel_id)
        if post_id is not None:
            stmt = stmt.where(Publication.post_id == post_id)
        if scheduled_from is not None:
            stmt = stmt.where(Publication.scheduled_at >= scheduled_from)
        if scheduled_to is not None:
            stmt = stmt.where(Publication.scheduled_at < scheduled_to)
        return stmt

    async def get_post(self, post_id: uuid.UUID) -> Post | None:
        # Read-only look-up of the post being published (posts/ owns its writes).
        # FOR SHARE: the post cannot leave "approved" until this publication is committed.
        stmt = (
            select(Post)
            .where(Post.workspace_id == self.workspace_id, Post.id == post_id)
            .with_for_update(read=True)
        )
        return cast("Post | None", await self.session.scalar(stmt))

    async def transition(
        self, publication: Publication, allowed_from: Sequence[str], values: dict[str, Any]
    ) -> Publication | None:
        """Apply ``values`` only if the row is still in one of ``allowed_from``, in one statement.

        A conditional UPDATE rather than read-then-write: the worker may claim the row at the
        same moment; whichever commits first wins and the other sees the new status.
        """
        stmt = (
            update(Publication)
            .where(
                Publication.workspace_id == self.workspace_id,
                Publication.id == publication.id,
                Publication.status.in_(allowed_from),
            )
            .values(**values)
            .returning(Publication)
            .execution_options(populate_existing=True, synchronize_session=False)
        )
        changed: Publication | None = (await self.session.execute(stmt)).scalar_one_or_none()
        return changed

    async def refresh(self, publication: Publication) -> None:
        await self.session.refresh(publication)
