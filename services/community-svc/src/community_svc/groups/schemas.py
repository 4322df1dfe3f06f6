# The examples are Chinese text with its own full-width punctuation, which RUF001 flags.
# ruff: noqa: RUF001

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from community_svc.groups.vocabulary import (
    GoalHorizon,
    GroupKind,
    GroupPlatform,
    GroupStage,
    LiveStatus,
)
from community_svc.samples import (
    ASSISTANTS,
    CREATED_AT,
    GOAL_ID,
    GROUP_ID,
    LEADER,
    UPDATED_AT,
)
from community_svc.types import ActorId, LongText, Name, TimeZone
from servicekit.bodies import RequestBody
from servicekit.timebounds import Day

# 100,000 is far above any chat platform's group size; it bounds the counter, not the business.
Capacity = Annotated[int, Field(ge=1, le=100_000)]
Assistants = Annotated[list[ActorId], Field(max_length=50)]

# What each field of a group means, said once for the create, update and read schemas.
NAME = "The group's name as operators and members see it, 1 to 200 characters."
PLATFORM = "The chat platform the group lives on."
KIND = "What the group is for: product, interest, startup, learning or industry."
POSITIONING = "What the group offers its members and how it differs (free text)."
AUDIENCE = "Who the group is for (free text)."
RULES = "The group's rules as posted to members (free text)."
ENTRY_THRESHOLD = "What a person must do or be to get in, e.g. a questionnaire (free text)."
CAPACITY = "Most members the group takes at once (1 to 100,000); joins beyond it are refused (409)."
TIMEZONE = "IANA time zone the group's SOP tasks are dated in, e.g. `Asia/Shanghai`."
LEADER_ID = (
    "Actor id of the operator who leads the group and receives `leader` SOP tasks; null for none."
)
ASSISTANT_IDS = "Actor ids of the operators who take `assistant` SOP tasks in turn (at most 50)."

GROUP_CREATE_EXAMPLE: dict[str, Any] = {
    "name": "宝妈育儿交流群 · 第3期",
    "platform": "wechat_group",
    "kind": "interest",
    "positioning": "0-3 岁宝宝妈妈的互助群：育儿经验、辅食食谱、好物拼团",
    "audience": "一二线城市的新手妈妈",
    "rules": "不发广告，不刷屏；22:00 后请勿 @所有人",
    "entry_threshold": "扫码填写入群问卷",
    "capacity": 500,
    "timezone": "Asia/Shanghai",
    "leader_id": LEADER,
    "assistant_ids": ASSISTANTS,
}


class GroupCreate(RequestBody):
    """A new group; it starts in stage `planning` with no members."""

    model_config = ConfigDict(json_schema_extra={"examples": [GROUP_CREATE_EXAMPLE]})

    name: Name = Field(description=NAME)
    platform: GroupPlatform = Field(description=PLATFORM)
    kind: GroupKind = Field(description=KIND)
    positioning: LongText = Field(default="", description=POSITIONING)
    audience: LongText = Field(default="", description=AUDIENCE)
    rules: LongText = Field(default="", description=RULES)
    entry_threshold: LongText = Field(default="", description=ENTRY_THRESHOLD)
    capacity: Capacity = Field(default=500, description=CAPACITY)
    timezone: TimeZone = Field(default="Asia/Shanghai", description=TIMEZONE)
    leader_id: ActorId | None = Field(default=None, description=LEADER_ID)
    assistant_ids: Assistants = Field(default_factory=list, description=ASSISTANT_IDS)


_UNCHANGED = " Omit to keep the current value."


class GroupUpdate(RequestBody):
    """Every field optional; only the fields sent are changed. The stage moves by transitions."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"capacity": 800, "assistant_ids": ["op-ann", "op-bo", "op-cai"]}]
        }
    )

    name: Name | None = Field(default=None, description=NAME + _UNCHANGED)
    platform: GroupPlatform | None = Field(default=None, description=PLATFORM + _UNCHANGED)
    kind: GroupKind | None = Field(default=None, description=KIND + _UNCHANGED)
    positioning: LongText | None = Field(default=None, description=POSITIONING + _UNCHANGED)
    audience: LongText | None = Field(default=None, description=AUDIENCE + _UNCHANGED)
    rules: LongText | None = Field(default=None, description=RULES + _UNCHANGED)
    entry_threshold: LongText | None = Field(default=None, description=ENTRY_THRESHOLD + _UNCHANGED)
    capacity: Capacity | None = Field(
        default=None,
        description=CAPACITY + " Never below the current member count (409)." + _UNCHANGED,
    )
    timezone: TimeZone | None = Field(
        default=None,
        description=TIMEZONE + " Tasks already dated keep their time." + _UNCHANGED,
    )
    leader_id: ActorId | None = Field(
        default=None, description=LEADER_ID + " Send null to remove the leader; omit to keep."
    )
    assistant_ids: Assistants | None = Field(
        default=None, description=ASSISTANT_IDS + " Replaces the whole list." + _UNCHANGED
    )


class GroupTransition(RequestBody):
    """The stage to move the group to."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"to": "building"}]})

    to: GroupStage = Field(
        description="The next stage: planning → building → active → converting, or `dissolved` "
        "from any stage (final: cancels the group's open tasks and live SOP runs)."
    )


class GoalCreate(RequestBody):
    """A goal of the group: a metrics-svc metric to reach by a day."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "horizon": "short_term",
                    "metric": "activity_rate",
                    "target": 0.4,
                    "due_date": "2026-12-31",
                    "description": "首月群活跃度达到 40%",
                }
            ]
        }
    )

    horizon: GoalHorizon = Field(description="Short-term (this period) or long-term goal.")
    metric: Annotated[str, Field(min_length=1, max_length=100)] = Field(
        description="A metric name from metrics-svc's catalogue (`GET /v1/metrics`), e.g. "
        "`activity_rate` or `gmv`."
    )
    target: Annotated[Decimal, Field(gt=0, max_digits=18, decimal_places=4)] = Field(
        description="The value to reach, in the metric's unit (a rate as a fraction: 0.4 = "
        "40%); greater than 0, up to 4 decimal places."
    )
    due_date: Day = Field(
        description="The last day counted (YYYY-MM-DD, in the group's time zone)."
    )
    description: LongText = Field(default="", description="What the goal is about (free text).")


class LiveGoal(BaseModel):
    """The goal's standing now, from metrics-svc (``progress`` = actual / target)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"actual": 0.25, "progress": 0.625, "status": "at_risk", "reason": None},
                {
                    "actual": None,
                    "progress": None,
                    "status": "unavailable",
                    "reason": "metrics-svc is unreachable (ConnectError)",
                },
            ]
        }
    )

    actual: float | None = Field(
        description="The metric's value over the group's life to the end of the due date, in "
        "the metric's unit; null when unavailable or nothing to count yet."
    )
    progress: float | None = Field(
        description="actual / target (1.0 = reached); null when `actual` is null."
    )
    status: LiveStatus = Field(
        description="metrics-svc's judgement against the target; `unavailable` when it could "
        "not be asked."
    )
    reason: str | None = Field(
        default=None, description="Why the standing is unavailable (only then)"
    )


class GoalFields(BaseModel):
    """A goal as stored; what it reads as (``GoalRead``) adds its live standing."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The goal's id (assigned by the service).")
    group_id: uuid.UUID = Field(description="The group the goal belongs to.")
    horizon: GoalHorizon = Field(description="Short-term or long-term goal.")
    metric: str = Field(description="The metrics-svc metric the goal is measured by.")
    target: Decimal = Field(
        description="The value to reach, in the metric's unit (4 decimal places, as text)."
    )
    due_date: date = Field(description="The last day counted (in the group's time zone).")
    description: str = Field(description="What the goal is about.")
    created_at: datetime = Field(description="When the goal was added (RFC 3339, UTC).")
    reached_at: datetime | None = Field(
        description="When an operator marked the goal reached (`POST …/goals/{goal_id}/reached`, "
        "counted by metrics-svc's replication success rate); null until then."
    )
    reached_by: str | None = Field(description="Who marked it reached (the caller's id).")


GOAL_READ_EXAMPLE: dict[str, Any] = {
    "id": GOAL_ID,
    "group_id": GROUP_ID,
    "horizon": "short_term",
    "metric": "activity_rate",
    "target": "0.4000",
    "due_date": "2026-12-31",
    "description": "首月群活跃度达到 40%",
    "created_at": "2026-11-20T02:41:07Z",
    "reached_at": None,
    "reached_by": None,
    "live": {"actual": 0.25, "progress": 0.625, "status": "at_risk", "reason": None},
}


class GoalRead(GoalFields):
    """A goal with its live standing."""

    model_config = ConfigDict(json_schema_extra={"examples": [GOAL_READ_EXAMPLE]})

    live: LiveGoal = Field(
        description="Actual, progress and status from metrics-svc over the group's life to "
        "the end of the due date; `unavailable` (with a reason) when metrics-svc cannot tell"
    )


GROUP_READ_EXAMPLE: dict[str, Any] = {
    "id": GROUP_ID,
    **GROUP_CREATE_EXAMPLE,
    "member_count": 128,
    "stage": "active",
    "dissolved_at": None,
    "version": 3,
    "created_at": CREATED_AT,
    "updated_at": UPDATED_AT,
}


class GroupRead(BaseModel):
    """A group as listed (`GroupDetail` adds its goals)."""

    model_config = ConfigDict(
        from_attributes=True, json_schema_extra={"examples": [GROUP_READ_EXAMPLE]}
    )

    id: uuid.UUID = Field(description="The group's id (assigned by the service).")
    name: str = Field(description=NAME)
    platform: GroupPlatform = Field(description=PLATFORM)
    kind: GroupKind = Field(description=KIND)
    positioning: str = Field(description=POSITIONING)
    audience: str = Field(description=AUDIENCE)
    rules: str = Field(description=RULES)
    entry_threshold: str = Field(description=ENTRY_THRESHOLD)
    capacity: int = Field(description=CAPACITY)
    member_count: int = Field(
        description="Current members (kept by the service on each join, leave and import)."
    )
    timezone: str = Field(description=TIMEZONE)
    leader_id: str | None = Field(description=LEADER_ID)
    assistant_ids: list[str] = Field(description=ASSISTANT_IDS)
    stage: GroupStage = Field(
        description="Where the group is in its life: planning → building → active → "
        "converting; dissolved is final. Changed by `POST …/transitions` only."
    )
    dissolved_at: datetime | None = Field(
        description="When the group was dissolved (RFC 3339, UTC); null while it is not."
    )
    version: int = Field(
        description="Edit counter; the answer's `ETag` is this number in quotes, for `If-Match`."
    )
    created_at: datetime = Field(description="When the group was created (RFC 3339, UTC).")
    updated_at: datetime = Field(description="When the group last changed (RFC 3339, UTC).")


class GroupDetail(GroupRead):
    """One group with its goals, short-term first."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{**GROUP_READ_EXAMPLE, "goals": [GOAL_READ_EXAMPLE]}]}
    )

    goals: list[GoalRead] = Field(
        description="The group's goals, short-term first, each with its live standing."
    )
