"""community-svc's domain events, declared once, each with the metrics-svc event type it
becomes.

Every ``uow.record`` / ``uow.record_many`` names a ``DomainEvent``. The outbox relay sends an
event to metrics-svc as the type ``METRICS_EVENT_TYPES`` gives it; an event that maps to None
stays in the service (no metric counts it).

The relay lifts the payload keys ``actor_id``, ``group_id``, ``campaign_id``,
``publication_id``, ``channel_id``, ``post_id`` and ``value`` into the metrics event and puts
every other key in its ``props``, so payloads use those names: the actor is the member's external
id (the same id campaign-svc uses for the customer), and the attribution ids come from the
member's ``source``.
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class DomainEvent(StrEnum):
    MEMBER_JOINED = "member.joined"  # a join, and each row a bulk import stores
    MEMBER_LEFT = "member.left"
    MEMBER_MESSAGE = "member.message"  # messages a member sent, as a chat tool reports them
    TASK_COMPLETED = "task.completed"
    # The group's life, for metrics-svc's replication success rate (复制成功率): an SOP
    # template applied to a group (its payload names template_id), a move to another stage,
    # and a goal an operator marked reached.
    SOP_RUN_STARTED = "sop_run.started"
    GROUP_STAGE_CHANGED = "group.stage_changed"
    GOAL_REACHED = "goal.reached"


METRICS_EVENT_TYPES: Mapping[DomainEvent, str | None] = MappingProxyType(
    {
        DomainEvent.MEMBER_JOINED: "join_group",
        DomainEvent.MEMBER_LEFT: "leave_group",
        DomainEvent.MEMBER_MESSAGE: "message",
        # An SOP task done: metrics-svc counts them per group (and per operator, the actor).
        DomainEvent.TASK_COMPLETED: "task_done",
        DomainEvent.SOP_RUN_STARTED: "sop_run_start",
        DomainEvent.GROUP_STAGE_CHANGED: "group_stage",
        DomainEvent.GOAL_REACHED: "goal_reached",
    }
)
