"""Every model of community-svc, imported so Alembic sees one metadata."""

from sqlalchemy import Index, text

from community_svc.base import Base
from community_svc.groups.models import Group, GroupGoal
from community_svc.members.models import Member
from community_svc.sop.models import SopRun, SopTemplate, SopTemplateVersion
from community_svc.tasks.models import Task
from servicekit.outbox import OutboxEventMixin


class OutboxEvent(OutboxEventMixin, Base):
    """Domain events waiting for the relay to deliver them to metrics-svc."""

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
    "Group",
    "GroupGoal",
    "Member",
    "OutboxEvent",
    "SopRun",
    "SopTemplate",
    "SopTemplateVersion",
    "Task",
    "metadata",
]
