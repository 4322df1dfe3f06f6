import uuid
from datetime import date, datetime, time
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from community_svc.types import LongText, Name
from servicekit.timebounds import Day

Anchor = Literal["group_created", "member_joined", "campaign_start", "custom"]
Action = Literal["message", "content", "live", "activity", "coupon", "survey", "data_review"]
OwnerRole = Literal["leader", "assistant", "seed", "kol"]
RunStatus = Literal["active", "paused", "stopped", "cancelled"]


class SopStep(BaseModel):
    """One step: on day ``offset_days`` after the anchor, at ``time_of_day`` in the group's
    time zone, the ``owner_role`` does ``action``."""

    model_config = ConfigDict(extra="forbid")

    title: Name
    anchor: Anchor
    offset_days: Annotated[int, Field(ge=-365, le=3650)] = 0
    time_of_day: time = time(9, 0)
    action: Action
    script: LongText = ""
    owner_role: OwnerRole
    contingency_plan: LongText = ""

    @field_validator("time_of_day")
    @classmethod
    def _local_wall_clock(cls, value: time) -> time:
        if value.tzinfo is not None:
            raise ValueError(
                "time_of_day is a wall-clock time in the group's zone; drop the offset"
            )
        return value


Steps = Annotated[list[SopStep], Field(min_length=1, max_length=200)]


class SopTemplateCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    description: LongText = ""
    steps: Steps


class SopTemplateUpdate(BaseModel):
    """Any change makes a new version; runs already started keep the version they began with."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    description: LongText | None = None
    steps: Steps | None = None


class SopTemplateRead(BaseModel):
    id: uuid.UUID
    name: str
    description: str
    current_version: int
    steps: list[SopStep]
    created_at: datetime
    updated_at: datetime


class SopTemplateVersionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    template_id: uuid.UUID
    number: int
    name: str
    description: str
    steps: list[SopStep]
    created_at: datetime


# A servicekit Day: dating steps (offsets of up to ten years) never leaves Python's date range,
# which was a 500 rather than a message naming the field.
RunDate = Day


class SopRunCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    template_id: uuid.UUID
    group_id: uuid.UUID
    anchor_date: RunDate = Field(
        description="Day 0 of `custom`-anchored steps, in the group's zone"
    )
    campaign_start_date: RunDate | None = Field(
        default=None, description="Day 0 of `campaign_start` steps; required if there are any"
    )
    template_version: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="Which version to run; the newest when omitted"
    )


class SopRunRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    template_id: uuid.UUID
    template_version: int
    group_id: uuid.UUID
    anchor_date: date
    campaign_start_date: date | None
    status: RunStatus
    started_by: str | None
    created_at: datetime
    updated_at: datetime
