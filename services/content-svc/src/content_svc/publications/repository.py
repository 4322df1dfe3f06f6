import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select

from content_svc.posts.models import Post
from content_svc.publications.models import Publication, PublicationStatus
from servicekit.repository import WorkspaceRepository


class PublicationRepository(WorkspaceRepository[Publication]):
    model = Publication

    def list_publications(
        self,
        *,
        status: PublicationStatus | None = None,
        channel_id: uuid.UUID | None = None,
        post_id: uuid.UUID | None = None,
        scheduled_from: datetime | None = None,
        scheduled_to: datetime | None = None,
    ) -> Select[Publication]:
        stmt = self.select(status=status, channel_id=channel_id, post_id=post_id)
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
        return (await self.session.scalars(stmt)).one_or_none()

    async def transition(
        self,
        publication: Publication,
        allowed_from: Sequence[PublicationStatus],
        values: dict[str, Any],
    ) -> Publication | None:
        """Apply ``values`` only if the row is still in one of ``allowed_from``, in one statement.

        A conditional UPDATE rather than read-then-write: the worker may claim the row at the
        same moment; whichever commits first wins and the other sees the new status.
        """
        stmt = (
            self.update_where(
                Publication.id == publication.id, Publication.status.in_(allowed_from)
            )
            .values(**values)
            .returning(Publication)
            .execution_options(populate_existing=True)
        )
        changed: Publication | None = (await self.session.execute(stmt)).scalar_one_or_none()
        return changed
