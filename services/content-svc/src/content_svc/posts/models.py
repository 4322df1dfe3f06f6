import uuid
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from content_svc.base import Base
from servicekit.models import WorkspaceModel

POST_STATUSES = ("draft", "in_review", "changes_requested", "approved", "archived")


class Post(WorkspaceModel, Base):
    """A piece of content: Markdown body, reviewed, then published on channels."""

    __tablename__ = "post"
    __table_args__ = (CheckConstraint(f"status IN {POST_STATUSES!r}", name="status_known"),)

    topic_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("topic.id", ondelete="SET NULL"), default=None, index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(50)), default=list)
    # [{"url": "...", "kind": "image" | "video", "alt": "..."}]
    media: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    author_id: Mapped[str | None] = mapped_column(String(128), default=None, index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
