import re
import uuid
from datetime import date, datetime, time
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from community_svc.sop.vocabulary import OwnerRole, RunStatus, StepAction, StepAnchor
from community_svc.types import LongText, Name
from servicekit.bodies import RequestBody
from servicekit.timebounds import Day

# A wall-clock time in the group's zone, without an offset: JSON Schema's `format: time` (RFC
# 3339 full-time) requires one, so the schema states the accepted text by a pattern, and the same
# pattern is checked before parsing so that the document and the API cannot disagree.
WALL_CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"
_WALL_CLOCK = re.compile(WALL_CLOCK_PATTERN)


def _wall_clock_text(value: object) -> object:
    if isinstance(value, time):  # already parsed (a stored step read back)
        return value
    if not isinstance(value, str) or not _WALL_CLOCK.match(value):
        raise ValueError(
            "time_of_day is a wall-clock time in the group's zone, HH:MM or HH:MM:SS "
            "(e.g. 09:00:00), without an offset"
        )
    return value


WallClockTime = Annotated[
    time,
    BeforeValidator(_wall_clock_text),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": WALL_CLOCK_PATTERN,
            "description": "Wall-clock time in the group's time zone, HH:MM[:SS[.ffffff]], "
            "no offset.",
            "examples": ["09:00:00"],
        }
    ),
]


class SopStep(RequestBody):
    """One step: on day ``offset_days`` after the anchor, at ``time_of_day`` in the group's
    time zone, the ``owner_role`` does ``action``."""

    title: Name
    anchor: StepAnchor
    offset_days: Annotated[int, Field(ge=-365, le=3650)] = 0
    time_of_day: WallClockTime = time(9, 0)
    action: StepAction
    script: LongText = ""
    owner_role: OwnerRole
    contingency_plan: LongText = ""


# A member's join dates every live run's member-anchored steps in its own request, so runs per
# group (``service.MAX_LIVE_RUNS_PER_GROUP``) times steps per template bounds what one join
# writes: 10 x 100 = 1,000 tasks, measured by bench/community_join.py (see the README).
MAX_STEPS_PER_TEMPLATE = 100

Steps = Annotated[list[SopStep], Field(min_length=1, max_length=MAX_STEPS_PER_TEMPLATE)]


class SopTemplateCreate(RequestBody):
    name: Name
    description: LongText = ""
    steps: Steps


class SopTemplateUpdate(RequestBody):
    """Any change makes a new version; runs already started keep the version they began with."""

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


class SopRunCreate(RequestBody):
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
