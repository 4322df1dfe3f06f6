import uuid
from datetime import datetime
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from content_svc.channels.best_times import BestTimes, BestTimesSource
from content_svc.channels.models import Platform, PublisherKind
from content_svc.channels.profiles import PLATFORM_PROFILES, effective_limits
from servicekit.bodies import RequestBody
from servicekit.zones import TimeZone

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


LimitValue = Annotated[int, Field(ge=0, le=10_000_000)] | None


class LimitsOverride(RequestBody):
    """Limits this channel sets over its platform profile; an explicit ``null`` lifts one."""

    title_max: LimitValue = None
    body_max: LimitValue = None
    summary_max: LimitValue = None
    media_max: LimitValue = None
    tags_max: LimitValue = None


class Limits(BaseModel):
    """Effective limits, in characters (title, body, summary) and items (media, tags)."""

    title_max: int | None
    body_max: int | None
    summary_max: int | None
    media_max: int | None
    tags_max: int | None


class PlatformProfile(BaseModel):
    platform: Platform
    limits: Limits


class PrimeTimeSlot(RequestBody):
    """A recurring good moment to publish, in the channel's own time zone."""

    weekday: int = Field(ge=1, le=7, description="ISO weekday: 1 = Monday … 7 = Sunday")
    time: Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")] = Field(
        description="HH:MM, 24-hour clock"
    )


PrimeTimeSlots = Annotated[list[PrimeTimeSlot], Field(max_length=100)]


# The two members of a discriminated union stay plain models: pydantic allows no "before"
# validator (RequestBody's) on the discriminator `kind`, and they hold no number or boolean.
# Their `kind` stays a Literal of the word, not of the PublisherKind member: pydantic accepts
# Literal[PublisherKind.WEBHOOK] too, but its 422 then lists the expected tags as
# "<PublisherKind.WEBHOOK: 'webhook'>" instead of 'webhook'. The words are checked against
# PublisherKind by tests/test_vocabulary.py, so they cannot drift from it.
class WebhookPublisherWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["webhook"]
    url: AnyHttpUrl
    # Optional on PATCH of a channel that already has a secret (kept); required otherwise.
    secret: Annotated[str, StringConstraints(min_length=16, max_length=512)] | None = None


class ManualPublisherWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["manual"]


PublisherWrite = Annotated[
    WebhookPublisherWrite | ManualPublisherWrite, Field(discriminator="kind")
]


class PublisherRead(BaseModel):
    kind: PublisherKind
    url: str | None = None
    has_secret: bool = False


class ChannelCreate(RequestBody):
    platform: Platform
    name: Name
    handle: Name
    timezone: TimeZone = "Asia/Shanghai"
    limits: LimitsOverride | None = None
    prime_time_slots: PrimeTimeSlots = Field(default_factory=list)
    publisher: PublisherWrite = Field(default_factory=lambda: ManualPublisherWrite(kind="manual"))


class ChannelUpdate(RequestBody):
    """Every field optional; only the fields sent are changed.

    ``limits`` replaces the channel's overrides as a whole (send ``{}`` to go back to the
    platform profile); ``prime_time_slots`` replaces the list.
    """

    name: Name | None = None
    handle: Name | None = None
    timezone: TimeZone | None = None
    limits: LimitsOverride | None = None
    prime_time_slots: PrimeTimeSlots | None = None
    publisher: PublisherWrite | None = None


class ChannelRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    platform: Platform
    name: str
    handle: str
    timezone: str
    limits: Limits = Field(description="Effective limits: the platform profile and overrides")
    limit_overrides: dict[str, int | None]
    prime_time_slots: list[PrimeTimeSlot]
    publisher: PublisherRead
    version: int
    created_at: datetime
    updated_at: datetime

    @model_validator(mode="before")
    @classmethod
    def _from_channel(cls, data: Any) -> Any:
        # The secret never leaves the service: the read model is built from named fields only.
        if isinstance(data, dict):
            return data
        return {
            "id": data.id,
            "platform": data.platform,
            "name": data.name,
            "handle": data.handle,
            "timezone": data.timezone,
            "limits": effective_limits(data.platform, data.limit_overrides).as_dict(),
            "limit_overrides": data.limit_overrides or {},
            "prime_time_slots": data.prime_time_slots or [],
            "publisher": {
                "kind": data.publisher_kind,
                "url": data.publisher_url,
                "has_secret": data.publisher_secret is not None,
            },
            "version": data.version,
            "created_at": data.created_at,
            "updated_at": data.updated_at,
        }


def platform_profiles() -> list[PlatformProfile]:
    return [
        PlatformProfile.model_validate({"platform": name, "limits": limits.as_dict()})
        for name, limits in PLATFORM_PROFILES.items()
    ]


class BestTimeSlotRead(BaseModel):
    weekday: int = Field(description="ISO weekday in the channel's time zone: 1 = Monday … 7")
    time: str = Field(description="HH:MM in the channel's time zone")
    exposures: int | None = Field(description="Learned slots: impressions and views seen")
    engagements: int | None = Field(
        description="Learned slots: clicks, likes, favourites, comments and shares seen"
    )
    engagement_rate: float | None = Field(description="Learned slots: engagements / exposures")


class BestTimesRead(BaseModel):
    channel_id: uuid.UUID
    timezone: str
    source: BestTimesSource = Field(
        description="learned: metrics-svc's history of the channel; channel_prime_time: the "
        "channel's own prime_time_slots, when metrics-svc is unavailable or has too little history"
    )
    reason: str | None = Field(description="Why the channel's prime time answers; null if learned")
    slots: list[BestTimeSlotRead] = Field(description="Learned: best first; prime time: week order")
    next_best_slot: datetime | None = Field(
        description="When a publication created now with schedule=next_best_slot would go out; "
        "null when there is no slot at all"
    )

    @classmethod
    def of(cls, best: BestTimes) -> Self:
        return cls(
            channel_id=best.channel_id,
            timezone=best.timezone,
            source=best.source,
            reason=best.reason,
            slots=[
                BestTimeSlotRead(
                    weekday=s.weekday,
                    time=s.at.strftime("%H:%M"),
                    exposures=s.exposures,
                    engagements=s.engagements,
                    engagement_rate=s.engagement_rate,
                )
                for s in best.slots
            ],
            next_best_slot=best.next_best_slot,
        )
