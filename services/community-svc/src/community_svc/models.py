"""Every model of community-svc, imported so Alembic sees one metadata."""

from community_svc.base import Base
from community_svc.groups.models import Group, GroupGoal
from community_svc.idempotency import IdempotencyKey
from community_svc.jobs import Job, JobResultPart
from community_svc.members.models import Member
from community_svc.sop.models import SopRun, SopTemplate, SopTemplateVersion
from community_svc.tasks.models import Task
from servicekit.outbox import OutboxEventMixin


class OutboxEvent(OutboxEventMixin, Base):
    """Domain events waiting for the relay to deliver them to metrics-svc."""


metadata = Base.metadata

__all__ = [
    "Group",
    "GroupGoal",
    "IdempotencyKey",
    "Job",
    "JobResultPart",
    "Member",
    "OutboxEvent",
    "SopRun",
    "SopTemplate",
    "SopTemplateVersion",
    "Task",
    "metadata",
]
