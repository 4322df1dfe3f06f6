import uuid
from datetime import datetime
from typing import Annotated, Any, Self

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from content_svc.examples import (
    CHANNEL_ID,
    CREATED_AT,
    DELIVERY_ID,
    EDITOR,
    POST_ID,
    PUBLICATION_ID,
    PUBLISHED_AT,
    SCHEDULED_AT,
    TRACKING_CODE,
    WECHAT_TITLE,
)
from content_svc.publications.models import PublicationStatus, Schedule
from servicekit.bodies import RequestBody
from servicekit.timebounds import InstantText

Override = Annotated[str, StringConstraints(min_length=1, max_length=200_000)]


_TITLE_OVERRIDE = "This channel's title instead of the post's; null: the post's."
_BODY_OVERRIDE = "This channel's body instead of the post's (Markdown); null: the post's."
_URL = "Where the piece can be read on the platform."


class PublicationCreate(RequestBody):
    """An approved post to go out on one channel, now, at a time, or at the channel's next
    best slot; it must meet the channel's limits."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "post_id": POST_ID,
                    "channel_id": CHANNEL_ID,
                    "title_override": WECHAT_TITLE,
                    "scheduled_at": SCHEDULED_AT,
                },
                {"post_id": POST_ID, "channel_id": CHANNEL_ID, "schedule": "next_best_slot"},
            ]
        }
    )

    post_id: uuid.UUID = Field(description="The approved post to publish; one of the workspace's.")
    channel_id: uuid.UUID = Field(description="The channel to publish on; one of the workspace's.")
    title_override: Override | None = Field(None, description=_TITLE_OVERRIDE)
    body_override: Override | None = Field(None, description=_BODY_OVERRIDE)
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
    """Where an operator published the piece by hand."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "url": "https://mp.weixin.qq.com/s/8kQ2vX7nLmPa3RtYc1HbZw",
                    "external_id": "2247483921_1",
                }
            ]
        }
    )

    url: AnyHttpUrl = Field(description=_URL)
    external_id: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = Field(
        None, description="The platform's own id of the piece, if it shows one."
    )


PUBLICATION_EXAMPLE: dict[str, Any] = {
    "id": PUBLICATION_ID,
    "post_id": POST_ID,
    "channel_id": CHANNEL_ID,
    "title_override": WECHAT_TITLE,
    "body_override": None,
    "status": "published",
    "scheduled_at": SCHEDULED_AT,
    "next_attempt_at": SCHEDULED_AT,
    "attempts": 1,
    "last_error": None,
    "delivery_id": DELIVERY_ID,
    "external_id": "2247483921_1",
    "url": "https://mp.weixin.qq.com/s/8kQ2vX7nLmPa3RtYc1HbZw",
    "published_at": PUBLISHED_AT,
    "created_by": EDITOR,
    "tracking_code": TRACKING_CODE,
    "created_at": CREATED_AT,
    "updated_at": PUBLISHED_AT,
}


class PublicationRead(BaseModel):
    """One post on one channel, and how its publishing went."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={"examples": [PUBLICATION_EXAMPLE]},
    )

    id: uuid.UUID = Field(description="The publication's id, set by MediaOps.")
    post_id: uuid.UUID = Field(description="The post that goes out.")
    channel_id: uuid.UUID = Field(description="The channel it goes out on.")
    title_override: str | None = Field(description=_TITLE_OVERRIDE)
    body_override: str | None = Field(description=_BODY_OVERRIDE)
    status: PublicationStatus = Field(
        description="scheduled → publishing → published | failed; scheduled or failed → "
        "cancelled. Moved by the publisher worker, cancel, retry and mark-published."
    )
    scheduled_at: datetime = Field(description="When it is due to go out (RFC 3339, UTC).")
    next_attempt_at: datetime = Field(
        description="When the worker tries next (after a failed attempt: later, with backoff)."
    )
    attempts: int = Field(description="Delivery attempts made so far; retry starts again at 0.")
    last_error: str | None = Field(
        description="Why the last attempt failed, as the worker saw it; null if none failed."
    )
    delivery_id: uuid.UUID = Field(
        description="Sent with every webhook attempt (X-MediaOps-Delivery), the same on each, "
        "so a receiver can de-duplicate."
    )
    external_id: str | None = Field(
        description="The platform's id of the published piece, once it is known."
    )
    url: str | None = Field(description=_URL + " Set once published.")
    published_at: datetime | None = Field(
        description="When it went out (RFC 3339, UTC); null until published."
    )
    created_by: str | None = Field(description="Who scheduled it (a token's `sub`).")
    tracking_code: str = Field(
        description="The publication's public code for links, QR codes and posters; "
        "never changes (resolve it with GET /v1/tracking-codes/{code})"
    )
    created_at: datetime = Field(description="When it was scheduled (RFC 3339, UTC).")
    updated_at: datetime = Field(description="When it last changed (RFC 3339, UTC).")
