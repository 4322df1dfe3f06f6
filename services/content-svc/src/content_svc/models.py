"""Every model of content-svc, imported so Alembic sees one metadata."""

from sqlalchemy import Index, text

from content_svc.base import Base
from content_svc.channels.models import Channel
from content_svc.posts.models import Post, PostComment, PostRevision
from content_svc.publications.models import Publication
from content_svc.topics.models import Topic
from servicekit.outbox import OutboxEventMixin


class OutboxEvent(OutboxEventMixin, Base):
    """Domain events (a post published, …) waiting for the relay to deliver them to metrics-svc."""

    __tablename__ = "outbox_event"
    __table_args__ = (
        # The relay reads only undelivered rows, oldest first; delivered rows (nearly all of
        # them, in time) stay out of this index so it stays small.
        Index(
            "ix_outbox_event_undelivered_created_at",
            "created_at",
            postgresql_where=text("delivered_at IS NULL"),
        ),
    )


metadata = Base.metadata

__all__ = [
    "Channel",
    "OutboxEvent",
    "Post",
    "PostComment",
    "PostRevision",
    "Publication",
    "Topic",
    "metadata",
]
