import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from content_svc.base import Base
from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in


class PostStatus(StrEnum):
    """Where a post stands in review: draft → in_review → approved | changes_requested;
    changes_requested → in_review | draft; approved → archived | draft."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    ARCHIVED = "archived"


class MediaKind(StrEnum):
    """What a media reference of a post points at."""

    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    FILE = "file"


class Post(WorkspaceModel, Base):
    """A piece of content: Markdown body, reviewed, then published on channels."""

    __tablename__ = "post"
    __table_args__ = (CheckConstraint(sql_in("status", PostStatus), name="status_known"),)

    topic_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("topic.id", ondelete="SET NULL"), default=None, index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(50)), default=list)
    # [{"url": "...", "kind": a MediaKind, "alt": "..."}]
    media: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    author_id: Mapped[str | None] = mapped_column(String(128), default=None, index=True)
    # Stored as the word (VARCHAR with a CHECK) and read back as a plain string.
    status: Mapped[str] = mapped_column(String(20), default=PostStatus.DRAFT, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class PostRevision(WorkspaceModel, Base):
    """The content of a post as it stood after one create or edit; numbered 1, 2, 3… per post."""

    __tablename__ = "post_revision"
    # The last guard of "one number per post": numbers are assigned under the post's row lock,
    # and this constraint turns any path that forgot the lock into an error, never a duplicate.
    __table_args__ = (UniqueConstraint("post_id", "number"),)

    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("post.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(50)), default=list)
    media: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    author_id: Mapped[str | None] = mapped_column(String(128), default=None)


class PostComment(WorkspaceModel, Base):
    """A reviewer's remark on a post, optionally pinned to the revision it was about."""

    __tablename__ = "post_comment"

    post_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("post.id", ondelete="CASCADE"), index=True
    )
    revision_number: Mapped[int | None] = mapped_column(Integer, default=None)
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str | None] = mapped_column(String(128), default=None)
    # Set when the comment came with a workflow transition (the PostStatus the post moved to).
    transition_to: Mapped[str | None] = mapped_column(String(20), default=None)
