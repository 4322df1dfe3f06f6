import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from community_svc.groups.vocabulary import (
    GoalHorizon,
    GroupKind,
    GroupPlatform,
    GroupStage,
    LiveStatus,
)
from community_svc.types import ActorId, LongText, Name, TimeZone
from servicekit.bodies import RequestBody
from servicekit.timebounds import Day

# 100,000 is far above any chat platform's group size; it bounds the counter, not the business.
Capacity = Annotated[int, Field(ge=1, le=100_000)]
Assistants = Annotated[list[ActorId], Field(max_length=50)]


class GroupCreate(RequestBody):
    name: Name
    platform: GroupPlatform
    kind: GroupKind
    positioning: LongText = ""
    audience: LongText = ""
    rules: LongText = ""
    entry_threshold: LongText = ""
    capacity: Capacity = 500
    timezone: TimeZone = "Asia/Shanghai"
    leader_id: ActorId | None = None
    assistant_ids: Assistants = Field(default_factory=list)


class GroupUpdate(RequestBody):
    """Every field optional; only the fields sent are changed. The stage moves by transitions."""

    name: Name | None = None
    platform: GroupPlatform | None = None
    kind: GroupKind | None = None
    positioning: LongText | None = None
    audience: LongText | None = None
    rules: LongText | None = None
    entry_threshold: LongText | None = None
    capacity: Capacity | None = None
    timezone: TimeZone | None = None
    leader_id: ActorId | None = None
    assistant_ids: Assistants | None = None


class GroupTransition(RequestBody):
    to: GroupStage


class GoalCreate(RequestBody):
    horizon: GoalHorizon
    metric: Annotated[str, Field(min_length=1, max_length=100)]
    target: Annotated[Decimal, Field(gt=0, max_digits=18, decimal_places=4)]
    due_date: Day
    description: LongText = ""


class LiveGoal(BaseModel):
    """The goal's standing now, from metrics-svc (``progress`` = actual / target)."""

    actual: float | None
    progress: float | None
    status: LiveStatus
    reason: str | None = Field(
        default=None, description="Why the standing is unavailable (only then)"
    )


class GoalFields(BaseModel):
    """A goal as stored; what it reads as (``GoalRead``) adds its live standing."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    group_id: uuid.UUID
    horizon: GoalHorizon
    metric: str
    target: Decimal
    due_date: date
    description: str
    created_at: datetime


class GoalRead(GoalFields):
    live: LiveGoal = Field(
        description="Actual, progress and status from metrics-svc over the group's life to "
        "the end of the due date; `unavailable` (with a reason) when metrics-svc cannot tell"
    )


class GroupRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    platform: GroupPlatform
    kind: GroupKind
    positioning: str
    audience: str
    rules: str
    entry_threshold: str
    capacity: int
    member_count: int
    timezone: str
    leader_id: str | None
    assistant_ids: list[str]
    stage: GroupStage
    dissolved_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime


class GroupDetail(GroupRead):
    """One group with its goals, short-term first."""

    goals: list[GoalRead]
