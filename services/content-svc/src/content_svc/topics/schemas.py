import uuid
from datetime import date, datetime
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from content_svc.examples import (
    CREATED_AT,
    EDITOR,
    TOPIC_ID,
    TOPIC_NOTE,
    TOPIC_PAIN_POINT,
    UPDATED_AT,
)
from content_svc.topics.models import TopicStatus, TopicTarget
from servicekit.bodies import RequestBody
from servicekit.timebounds import Day

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Tags = Annotated[list[Tag], Field(max_length=30)]
ActorId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
Priority = Annotated[int, Field(ge=1, le=5)]

_TOPIC: dict[str, Any] = {
    "title": "双十一小红书种草选题",
    "brief": "用三个真实案例讲清楚平价面霜怎么选",
    "audience": "25-35 岁的职场妈妈",
    "pain_point": TOPIC_PAIN_POINT,
    "tags": ["双十一", "种草"],
    "priority": 2,
    "owner_id": EDITOR,
    "due_date": "2026-11-08",
}

_TITLE = "What the topic is about (1 to 200 characters)."
_BRIEF = "The idea in a few lines, free text (up to 20,000 characters)."
_AUDIENCE = "Who it is for (up to 20,000 characters)."
_PAIN_POINT = "The reader's problem it answers (up to 20,000 characters)."
_TAGS = "Up to 30 tags of 1 to 50 characters each."
_PRIORITY = "1 (highest) to 5 (lowest)."
_OWNER = "Who drives the topic: a user id, as in a token's `sub`."
_DUE = "When the topic's post should be ready, `YYYY-MM-DD`; null: no date."


class TopicCreate(RequestBody):
    """A topic idea (选题) to propose; it starts `proposed`."""

    model_config = ConfigDict(json_schema_extra={"examples": [_TOPIC]})

    title: Title = Field(description=_TITLE)
    brief: Text = Field("", description=_BRIEF)
    audience: Text = Field("", description=_AUDIENCE)
    pain_point: Text = Field("", description=_PAIN_POINT)
    tags: Tags = Field(default_factory=list, description=_TAGS)
    priority: Priority = Field(3, description=_PRIORITY + " Default 3.")
    # Omitted: the caller owns the topic they propose.
    owner_id: ActorId | None = Field(None, description=_OWNER + " Omitted: the caller.")
    due_date: Day | None = Field(None, description=_DUE)


class TopicUpdate(RequestBody):
    """Every field optional; only the fields sent are changed (status moves by transitions).

    Only ``owner_id`` and ``due_date`` may be cleared with null.
    """

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"priority": 1, "due_date": "2026-11-06"}]}
    )

    title: Title | None = Field(None, description=_TITLE)
    brief: Text | None = Field(None, description=_BRIEF)
    audience: Text | None = Field(None, description=_AUDIENCE)
    pain_point: Text | None = Field(None, description=_PAIN_POINT)
    tags: Tags | None = Field(None, description=_TAGS + " Replaces the list.")
    priority: Priority | None = Field(None, description=_PRIORITY)
    owner_id: ActorId | None = Field(None, description=_OWNER + " null: nobody.")
    due_date: Day | None = Field(None, description=_DUE)

    @model_validator(mode="after")
    def _no_null_required_fields(self) -> Self:
        # owner_id and due_date may be cleared with an explicit null; the others cannot.
        nulls = [
            name
            for name in self.model_fields_set
            if name not in ("owner_id", "due_date") and getattr(self, name) is None
        ]
        if nulls:
            raise ValueError(
                f"{', '.join(sorted(nulls))} cannot be null; omit a field to leave it unchanged"
            )
        return self


class TopicTransition(RequestBody):
    """A decision on a topic: accept or reject a proposed one, mark an accepted one done."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"to": "accepted", "note": TOPIC_NOTE}]}
    )

    to: TopicTarget = Field(
        description="The status to move to: proposed → accepted | rejected; accepted → done."
    )
    note: Annotated[str, StringConstraints(max_length=2_000)] | None = Field(
        None,
        description="Why, for the team (up to 2,000 characters); carried by the "
        "`topic.accepted` event.",
    )


class TopicRead(BaseModel):
    """A topic idea (选题) and where it stands."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {"id": TOPIC_ID}
                | _TOPIC
                | {
                    "status": "accepted",
                    "version": 2,
                    "created_at": CREATED_AT,
                    "updated_at": UPDATED_AT,
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The topic's id, set by MediaOps.")
    title: str = Field(description=_TITLE)
    brief: str = Field(description=_BRIEF)
    audience: str = Field(description=_AUDIENCE)
    pain_point: str = Field(description=_PAIN_POINT)
    tags: list[str] = Field(description="The topic's tags, in the order written.")
    priority: int = Field(description=_PRIORITY)
    owner_id: str | None = Field(description=_OWNER + " null: nobody.")
    due_date: date | None = Field(description=_DUE)
    status: TopicStatus = Field(
        description="proposed, accepted, rejected or done; moved by "
        "POST /v1/topics/{topic_id}/transitions."
    )
    version: int = Field(
        description="Goes up by one on every change; answered as the ETag, sent back as If-Match."
    )
    created_at: datetime = Field(description="When it was proposed (RFC 3339, UTC).")
    updated_at: datetime = Field(description="When it last changed (RFC 3339, UTC).")
