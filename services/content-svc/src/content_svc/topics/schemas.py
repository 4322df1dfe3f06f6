import uuid
from datetime import date, datetime
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from content_svc.topics.models import TopicStatus, TopicTarget
from servicekit.bodies import RequestBody
from servicekit.timebounds import Day

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Tags = Annotated[list[Tag], Field(max_length=30)]
ActorId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
Priority = Annotated[int, Field(ge=1, le=5)]


class TopicCreate(RequestBody):
    title: Title
    brief: Text = ""
    audience: Text = ""
    pain_point: Text = ""
    tags: Tags = Field(default_factory=list)
    priority: Priority = 3
    # Omitted: the caller owns the topic they propose.
    owner_id: ActorId | None = None
    due_date: Day | None = None


class TopicUpdate(RequestBody):
    """Every field optional; only the fields sent are changed (status moves by transitions)."""

    title: Title | None = None
    brief: Text | None = None
    audience: Text | None = None
    pain_point: Text | None = None
    tags: Tags | None = None
    priority: Priority | None = None
    owner_id: ActorId | None = None
    due_date: Day | None = None

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
    to: TopicTarget
    note: Annotated[str, StringConstraints(max_length=2_000)] | None = None


class TopicRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    title: str
    brief: str
    audience: str
    pain_point: str
    tags: list[str]
    priority: int
    owner_id: str | None
    due_date: date | None
    status: TopicStatus
    version: int
    created_at: datetime
    updated_at: datetime
