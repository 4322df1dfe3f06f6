# The examples are Chinese text with its own full-width punctuation, which RUF001 flags.
# ruff: noqa: RUF001

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from community_svc.samples import GROUP_ID, LEADER, RUN_ID, TASK_ID, UPDATED_AT
from community_svc.tasks.vocabulary import TaskStatus
from community_svc.types import ActorId
from servicekit.bodies import RequestBody
from servicekit.models import utcnow

Remark = Annotated[str, Field(max_length=5_000)]


TASK_COMPLETE_EXAMPLE: dict[str, Any] = {"note": "欢迎语已发，30 人回复"}


class TaskComplete(RequestBody):
    """How the task went (the body itself is optional)."""

    model_config = ConfigDict(json_schema_extra={"examples": [TASK_COMPLETE_EXAMPLE]})

    note: Remark | None = Field(
        default=None, description="How it went, for the team (up to 5,000 characters)."
    )


class TaskSkip(RequestBody):
    """Why the task is not done."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"reason": "直播改期到周六"}]})

    reason: Annotated[str, Field(min_length=1, max_length=5_000)] = Field(
        description="Why the task is skipped, for the team (1 to 5,000 characters)."
    )


class TaskReassign(RequestBody):
    """Who does the task from now on."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"assignee": "op-bo"}]})

    assignee: ActorId = Field(
        description="The actor id of the operator (or member) who takes the task over."
    )


class TaskRead(BaseModel):
    """One dated task of an SOP run, on an operator's to-do list."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": TASK_ID,
                    "run_id": RUN_ID,
                    "group_id": GROUP_ID,
                    "member_id": None,
                    "step_index": 0,
                    "anchor": "custom",
                    "action": "message",
                    "title": "开群欢迎",
                    "script": "大家好，欢迎加入宝妈育儿交流群！先看群公告，再做个自我介绍吧～",
                    "contingency_plan": "群主不在线时由助理代发",
                    "owner_role": "leader",
                    "assignee": LEADER,
                    "due_at": "2026-12-01T01:00:00Z",
                    "status": "done",
                    "note": "欢迎语已发，30 人回复",
                    "skip_reason": None,
                    "closed_at": "2026-12-01T01:12:40Z",
                    "closed_by": LEADER,
                    "created_at": UPDATED_AT,
                    "overdue": False,
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The task's id (assigned by the service).")
    run_id: uuid.UUID = Field(description="The SOP run the task belongs to.")
    group_id: uuid.UUID = Field(description="The group the task is for.")
    member_id: uuid.UUID | None = Field(
        description="For a `member_joined` step: the membership it is about; null otherwise."
    )
    step_index: int = Field(
        description="The step's position (0-based) in the run's template version."
    )
    anchor: str = Field(description="The step's anchor (`group_created`, `member_joined`, …).")
    action: str = Field(description="The step's action (`message`, `live`, `coupon`, …).")
    title: str = Field(description="What to do, from the step.")
    script: str = Field(description="What to say or do, from the step.")
    contingency_plan: str = Field(description="What to do if it cannot go as planned.")
    owner_role: str = Field(description="The step's owner role, which chose the assignee.")
    assignee: str | None = Field(
        description="The actor id of who does it; null when nobody held the role (reassign it)."
    )
    due_at: datetime = Field(
        description="When it is due (RFC 3339, UTC): the step's time of day in the group's zone."
    )
    status: TaskStatus = Field(
        description="pending → done | skipped | cancelled (by a stopped run, a dissolved group "
        "or the member leaving)."
    )
    note: str | None = Field(description="The note given when it was completed.")
    skip_reason: str | None = Field(description="The reason given when it was skipped.")
    closed_at: datetime | None = Field(
        description="When it was done, skipped or cancelled (RFC 3339, UTC); null while pending."
    )
    closed_by: str | None = Field(description="The actor who closed it.")
    created_at: datetime = Field(description="When the task was made (RFC 3339, UTC).")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def overdue(self) -> bool:
        """Open and past due (computed when read, so it is never stale)."""
        return self.status == TaskStatus.PENDING and self.due_at < utcnow()
