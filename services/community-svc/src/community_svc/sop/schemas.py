# The examples are Chinese text with its own full-width punctuation, which RUF001 flags.
# ruff: noqa: RUF001

import re
import uuid
from datetime import date, datetime, time
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from community_svc.samples import (
    GROUP_ID,
    LEADER,
    RUN_ID,
    TEMPLATE_ID,
    UPDATED_AT,
)
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


# A new group's first week, as operators write it: the run's start day, a live session, the
# weekly review, and a welcome for each newcomer.
STEPS_EXAMPLE: list[Any] = [
    {
        "title": "开群欢迎",
        "anchor": "custom",
        "offset_days": 0,
        "time_of_day": "09:00:00",
        "action": "message",
        "script": "大家好，欢迎加入宝妈育儿交流群！先看群公告，再做个自我介绍吧～",
        "owner_role": "leader",
        "contingency_plan": "群主不在线时由助理代发",
    },
    {
        "title": "晚间育儿直播",
        "anchor": "custom",
        "offset_days": 1,
        "time_of_day": "20:00:00",
        "action": "live",
        "script": "主题：6 个月宝宝辅食怎么加",
        "owner_role": "assistant",
        "contingency_plan": "主播缺席改发录播，并在群里说明",
    },
    {
        "title": "首周数据复盘",
        "anchor": "custom",
        "offset_days": 7,
        "time_of_day": "10:00:00",
        "action": "data_review",
        "script": "看活跃度、发言人数、退群人数，定下周话题",
        "owner_role": "leader",
        "contingency_plan": "",
    },
    {
        "title": "新人欢迎",
        "anchor": "member_joined",
        "offset_days": 0,
        "time_of_day": "21:00:00",
        "action": "message",
        "script": "@新人 欢迎！入群福利：新人券已发到你的账户",
        "owner_role": "assistant",
        "contingency_plan": "",
    },
]


class SopStep(RequestBody):
    """One step: on day ``offset_days`` after the anchor, at ``time_of_day`` in the group's
    time zone, the ``owner_role`` does ``action``."""

    model_config = ConfigDict(json_schema_extra={"examples": [STEPS_EXAMPLE[1]]})

    title: Name = Field(description="What to do, as the task's title (1 to 200 characters).")
    anchor: StepAnchor = Field(
        description="The day `offset_days` counts from: the group's creation date "
        "(`group_created`), each member's join date (`member_joined`), the run's "
        "`campaign_start_date` (`campaign_start`) or its `anchor_date` (`custom`)."
    )
    offset_days: Annotated[int, Field(ge=-365, le=3650)] = Field(
        default=0, description="Days after the anchor's date (-365 to 3,650); 0 = that day."
    )
    time_of_day: WallClockTime = Field(
        default=time(9, 0),
        description="Wall-clock time in the group's time zone, HH:MM[:SS[.ffffff]], no offset.",
    )
    action: StepAction = Field(description="What kind of work the step is.")
    script: LongText = Field(default="", description="What to say or do (free text).")
    owner_role: OwnerRole = Field(
        description="Who gets the task: the group's leader, its assistants in turn, or its "
        "current seed or KOL members in turn."
    )
    contingency_plan: LongText = Field(
        default="", description="What to do if the step cannot go as planned (free text)."
    )


# A member's join dates every live run's member-anchored steps in its own request, so runs per
# group (``service.MAX_LIVE_RUNS_PER_GROUP``) times steps per template bounds what one join
# writes: 10 x 100 = 1,000 tasks, measured by bench/community_join.py (see the README).
MAX_STEPS_PER_TEMPLATE = 100

Steps = Annotated[list[SopStep], Field(min_length=1, max_length=MAX_STEPS_PER_TEMPLATE)]


TEMPLATE_NAME = "The template's name (1 to 200 characters)."
TEMPLATE_DESCRIPTION = "What the template is for (free text)."
STEPS = "The steps, 1 to 100; tasks keep their order by due time, not by this list."
TEMPLATE_CREATE_EXAMPLE: dict[str, Any] = {
    "name": "新群 7 天 SOP",
    "description": "新建社群第一周：开群、直播、复盘，以及每位新人的欢迎",
    "steps": STEPS_EXAMPLE,
}


class SopTemplateCreate(RequestBody):
    """A new SOP template; it starts at version 1."""

    model_config = ConfigDict(json_schema_extra={"examples": [TEMPLATE_CREATE_EXAMPLE]})

    name: Name = Field(description=TEMPLATE_NAME)
    description: LongText = Field(default="", description=TEMPLATE_DESCRIPTION)
    steps: Steps = Field(description=STEPS)


class SopTemplateUpdate(RequestBody):
    """Any change makes a new version; runs already started keep the version they began with."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "新群 7 天 SOP v2", "steps": STEPS_EXAMPLE[:3]}]}
    )

    name: Name | None = Field(default=None, description=TEMPLATE_NAME + " Omit to keep it.")
    description: LongText | None = Field(
        default=None, description=TEMPLATE_DESCRIPTION + " Omit to keep it."
    )
    steps: Steps | None = Field(
        default=None, description=STEPS + " Replaces the whole list; omit to keep it."
    )


class SopTemplateRead(BaseModel):
    """A template as it is now: its newest version's name, description and steps."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": TEMPLATE_ID,
                    **TEMPLATE_CREATE_EXAMPLE,
                    "current_version": 2,
                    "created_at": "2026-11-18T03:00:00Z",
                    "updated_at": "2026-11-25T06:40:00Z",
                }
            ]
        }
    )

    id: uuid.UUID = Field(description="The template's id (assigned by the service).")
    name: str = Field(description=TEMPLATE_NAME)
    description: str = Field(description=TEMPLATE_DESCRIPTION)
    current_version: int = Field(
        description="The newest version's number (1, 2, …); the answer's `ETag` is this number "
        "in quotes, for `If-Match`."
    )
    steps: list[SopStep] = Field(description="The newest version's steps.")
    created_at: datetime = Field(description="When the template was created (RFC 3339, UTC).")
    updated_at: datetime = Field(description="When its newest version was made (RFC 3339, UTC).")


class SopTemplateVersionRead(BaseModel):
    """One immutable version of a template, as runs started from it use it."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "template_id": TEMPLATE_ID,
                    "number": 1,
                    **TEMPLATE_CREATE_EXAMPLE,
                    "created_at": "2026-11-18T03:00:00Z",
                }
            ]
        },
    )

    template_id: uuid.UUID = Field(description="The template this is a version of.")
    number: int = Field(description="The version's number, from 1 up.")
    name: str = Field(description="The template's name in this version.")
    description: str = Field(description="The template's description in this version.")
    steps: list[SopStep] = Field(description="The steps of this version.")
    created_at: datetime = Field(description="When this version was made (RFC 3339, UTC).")


# A servicekit Day: dating steps (offsets of up to ten years) never leaves Python's date range,
# which was a 500 rather than a message naming the field.
RunDate = Day


class SopRunCreate(RequestBody):
    """Which template version to run in which group, and from which days."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "template_id": TEMPLATE_ID,
                    "group_id": GROUP_ID,
                    "anchor_date": "2026-12-01",
                    "template_version": 2,
                }
            ]
        }
    )

    template_id: uuid.UUID = Field(description="The SOP template to run.")
    group_id: uuid.UUID = Field(
        description="The group to run it in; its time zone dates the tasks."
    )
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
    """A template version applied to a group."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": RUN_ID,
                    "template_id": TEMPLATE_ID,
                    "template_version": 2,
                    "group_id": GROUP_ID,
                    "anchor_date": "2026-12-01",
                    "campaign_start_date": None,
                    "status": "active",
                    "started_by": LEADER,
                    "created_at": UPDATED_AT,
                    "updated_at": UPDATED_AT,
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The run's id (assigned by the service).")
    template_id: uuid.UUID = Field(description="The template it runs.")
    template_version: int = Field(
        description="The version it runs, fixed at the start (later edits do not change it)."
    )
    group_id: uuid.UUID = Field(description="The group it runs in.")
    anchor_date: date = Field(description="Day 0 of `custom`-anchored steps, in the group's zone")
    campaign_start_date: date | None = Field(
        description="Day 0 of `campaign_start` steps; null when none was given."
    )
    status: RunStatus = Field(
        description="`active` ⇄ `paused` by pause and resume, either → `stopped` (final); "
        "`cancelled` when its group was dissolved. Only an active run dates newcomers' "
        "`member_joined` steps."
    )
    started_by: str | None = Field(description="The actor who started the run.")
    created_at: datetime = Field(description="When the run started (RFC 3339, UTC).")
    updated_at: datetime = Field(description="When its status last changed (RFC 3339, UTC).")
