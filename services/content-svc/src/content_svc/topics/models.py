from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, Date, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from content_svc.base import Base
from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in


class TopicStatus(StrEnum):
    """Where a topic stands: proposed, then accepted or rejected; accepted ones end done."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DONE = "done"


class TopicTarget(StrEnum):
    """The statuses a topic transition can move to (a topic never goes back to proposed)."""

    # The TopicStatus words themselves, not spelled a second time.
    ACCEPTED = TopicStatus.ACCEPTED
    REJECTED = TopicStatus.REJECTED
    DONE = TopicStatus.DONE


class Topic(WorkspaceModel, Base):
    """A topic idea (选题) the team proposes, accepts or rejects, and writes posts from."""

    __tablename__ = "topic"
    __table_args__ = (
        CheckConstraint(sql_in("status", TopicStatus), name="status_known"),
        CheckConstraint("priority BETWEEN 1 AND 5", name="priority_range"),
    )

    title: Mapped[str] = mapped_column(String(200))
    brief: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(Text, default="")
    pain_point: Mapped[str] = mapped_column(Text, default="")
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(50)), default=list)
    priority: Mapped[int] = mapped_column(Integer, default=3)
    owner_id: Mapped[str | None] = mapped_column(String(128), default=None, index=True)
    due_date: Mapped[date | None] = mapped_column(Date, default=None)
    # Stored as the word (VARCHAR with a CHECK) and read back as a plain string.
    status: Mapped[str] = mapped_column(String(20), default=TopicStatus.PROPOSED)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
