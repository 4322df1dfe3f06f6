import uuid
from datetime import datetime
from typing import Annotated, Self

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from content_svc.publications.models import PublicationStatus, Schedule
from servicekit.bodies import RequestBody
from servicekit.timebounds import InstantText

Override = Annotated[str, StringConstraints(min_length=1, max_length=200_000)]


class PublicationCreate(RequestBody):
    post_id: uuid.UUID
    channel_id: uuid.UUID
    title_override: Override | None = None
    body_override: Override | None = None
    scheduled_at: InstantText | None = Field(
        default=None,
        description="When to publish (RFC 3339 with an offset); omitted (and no schedule) = now",
    )
    schedule: Schedule | None = Field(
        default=None,
        description="Instead of scheduled_at: next_best_slot = the next occurrence of the "
        "channel's best slot (GET /v1/channels/{id}/best-times: learned by metrics-svc, else the "
        "channel's prime time)",
    )

    @model_validator(mode="after")
    def _one_way_to_schedule(self) -> Self:
        if self.scheduled_at is not None and self.schedule is not None:
            raise ValueError("give scheduled_at or schedule, not both")
        return self


class MarkPublished(RequestBody):
    url: AnyHttpUrl
    external_id: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None


class PublicationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    post_id: uuid.UUID
    channel_id: uuid.UUID
    title_override: str | None
    body_override: str | None
    status: PublicationStatus
    scheduled_at: datetime
    next_attempt_at: datetime
    attempts: int
    last_error: str | None
    delivery_id: uuid.UUID
    external_id: str | None
    url: str | None
    published_at: datetime | None
    created_by: str | None
    tracking_code: str = Field(
        description="The publication's public code for links, QR codes and posters; "
        "never changes (resolve it with GET /v1/tracking-codes/{code})"
    )
    created_at: datetime
    updated_at: datetime
