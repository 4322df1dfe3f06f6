import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError

from content_svc.channels.models import Channel
from content_svc.posts.models import Post
from content_svc.publications.codes import new_tracking_code
from content_svc.publications.models import Publication, PublicationStatus
from servicekit.repository import WorkspaceRepository

TRACKING_CODE_UNIQUE = "uq_publication_tracking_code"
# Draws before giving up. With a million codes stored, a draw clashes once in ~850,000; three
# clashes in a row mean something other than chance (and the error is not hidden).
TRACKING_CODE_DRAWS = 3


def _clashes_on_tracking_code(exc: IntegrityError) -> bool:
    # asyncpg names the violated constraint on the driver's exception, which SQLAlchemy's
    # adapter keeps as the cause of the DBAPI error it wraps.
    driver_error = getattr(exc.orig, "__cause__", None)
    return getattr(driver_error, "constraint_name", None) == TRACKING_CODE_UNIQUE


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

    async def add_with_tracking_code(self, publication: Publication) -> Publication:
        """Insert ``publication`` under a fresh tracking code; a clash with a stored code (any
        workspace's: codes are unique across the database) draws another."""
        for draw in range(1, TRACKING_CODE_DRAWS + 1):
            publication.tracking_code = new_tracking_code()
            try:
                async with self.session.begin_nested():
                    return await self.add(publication)
            except IntegrityError as exc:
                if draw == TRACKING_CODE_DRAWS or not _clashes_on_tracking_code(exc):
                    raise
        raise AssertionError("unreachable")  # the last draw returns or raises

    async def find_by_tracking_code(self, code: str) -> tuple[Publication, str] | None:
        """This workspace's publication carrying ``code`` (as stored: upper case), with its
        channel's platform; None when the workspace has none (another workspace's is none)."""
        stmt = (
            self.select(Publication.tracking_code == code)
            .join(Channel, Channel.id == Publication.channel_id)
            .add_columns(Channel.platform)
        )
        row = (await self.session.execute(stmt)).one_or_none()
        return None if row is None else (row[0], row[1])

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
