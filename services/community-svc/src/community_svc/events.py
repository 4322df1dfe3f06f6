"""community-svc's domain events, declared once, each with the metrics-svc event type it
becomes.

Every ``uow.record`` / ``uow.record_many`` names a ``DomainEvent``. The outbox relay is to send
an event to metrics-svc as the type ``METRICS_EVENT_TYPES`` gives it; an event that maps to
None stays in the service (no metric counts it).
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class DomainEvent(StrEnum):
    MEMBER_JOINED = "member.joined"  # a join, and each row a bulk import stores
    MEMBER_LEFT = "member.left"
    TASK_COMPLETED = "task.completed"


METRICS_EVENT_TYPES: Mapping[DomainEvent, str | None] = MappingProxyType(
    {
        DomainEvent.MEMBER_JOINED: "join_group",
        DomainEvent.MEMBER_LEFT: "leave_group",
        # metrics-svc counts no finished tasks yet; when it does, this becomes "task_done".
        DomainEvent.TASK_COMPLETED: None,
    }
)
