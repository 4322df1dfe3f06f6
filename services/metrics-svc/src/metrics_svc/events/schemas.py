import math
import re
import uuid
from typing import Annotated, Any

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter

EVENT_TYPES = (
    "impression",
    "view",
    "read",
    "click",
    "like",
    "favorite",
    "comment",
    "share",
    "follow",
    "unfollow",
    "lead",
    "register",
    "join_group",
    "leave_group",
    "message",
    "coupon_claim",
    "coupon_redeem",
    "purchase",
    "refund",
    "referral_accept",
    "publish",
)
_CUSTOM_TYPE = re.compile(r"^custom\.[a-z0-9_][a-z0-9_.-]{0,56}$")
MAX_BATCH = 1000


def known_event_type(value: str) -> str:
    if value in EVENT_TYPES or _CUSTOM_TYPE.fullmatch(value):
        return value
    raise ValueError(
        f"unknown event type {value!r}; use one of {', '.join(EVENT_TYPES)} "
        "or custom.<name> (lower case letters, digits, _ . -)"
    )


def _finite(value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise ValueError("value must be a finite number")
    return value


DimensionId = Annotated[str, Field(min_length=1, max_length=64)]


class EventIn(BaseModel):
    """One event as sent; ``value`` is dwell seconds for ``read`` and the amount for
    ``purchase``/``refund``. For ``referral_accept`` the actor is the invitee and
    ``props.referrer_id`` names the referrer."""

    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID
    type: Annotated[str, Field(max_length=64), AfterValidator(known_event_type)]
    occurred_at: AwareDatetime
    actor_id: Annotated[str, Field(min_length=1, max_length=128)] | None = None
    channel_id: DimensionId | None = None
    post_id: DimensionId | None = None
    publication_id: DimensionId | None = None
    campaign_id: DimensionId | None = None
    group_id: DimensionId | None = None
    value: Annotated[float | None, AfterValidator(_finite)] = None
    props: dict[str, Any] = Field(default_factory=dict)


event_adapter: TypeAdapter[EventIn] = TypeAdapter(EventIn)
# The whole batch in one call, straight from the JSON bytes: ~3x faster than item by item from
# parsed objects (measured 4 ms vs 13 ms per 1,000 events), used when every item is valid.
batch_adapter: TypeAdapter[list[EventIn]] = TypeAdapter(list[EventIn])


class ItemError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class RejectedEvent(BaseModel):
    index: int
    errors: list[ItemError]


class IngestResult(BaseModel):
    accepted: int
    duplicates: int
    rejected: list[RejectedEvent]


EVENT_BATCH_SCHEMA: dict[str, Any] = {
    "type": "array",
    "minItems": 1,
    "maxItems": MAX_BATCH,
    "items": EventIn.model_json_schema(),
}
