from datetime import date

from sqlalchemy import CheckConstraint, Date, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from content_svc.base import Base
from servicekit.models import WorkspaceModel

TOPIC_STATUSES = ("proposed", "accepted", "rejected", "done")


class Topic(WorkspaceModel, Base):
    """A topic idea (选题) the team proposes, accepts or rejects, and writes posts from."""

    __tablename__ = "topic"
    __table_args__ = (
        CheckConstraint(f"status IN {TOPIC_STATUSES!r}", name="status_known"),
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
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
