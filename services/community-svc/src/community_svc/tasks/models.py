import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from community_svc.base import Base
from community_svc.tasks.vocabulary import TaskStatus
from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in


class Task(WorkspaceModel, Base):
    """A dated to-do materialised from one SOP step (for one member, for member-anchored steps).

    Step fields are copied in, so a task reads the same whatever later happens to its template.
    """

    __tablename__ = "task"
    __table_args__ = (
        CheckConstraint(sql_in("status", TaskStatus), name="status_known"),
        # The to-do list: one workspace's tasks by due time, optionally per assignee/status.
        Index("ix_task_workspace_id_due_at_id", "workspace_id", "due_at", "id"),
        Index("ix_task_workspace_id_assignee_due_at", "workspace_id", "assignee", "due_at"),
    )

    run_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("sop_run.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("community_group.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("member.id", ondelete="CASCADE"), default=None, index=True
    )
    step_index: Mapped[int] = mapped_column(Integer)
    anchor: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    script: Mapped[str] = mapped_column(Text, default="")
    contingency_plan: Mapped[str] = mapped_column(Text, default="")
    owner_role: Mapped[str] = mapped_column(String(20))
    assignee: Mapped[str | None] = mapped_column(String(128), default=None)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default=TaskStatus.PENDING)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    skip_reason: Mapped[str | None] = mapped_column(Text, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    closed_by: Mapped[str | None] = mapped_column(String(128), default=None)
