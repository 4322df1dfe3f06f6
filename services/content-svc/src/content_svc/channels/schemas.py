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
from content_svc.examples import CHANNEL_ID, CREATED_AT, UPDATED_AT
from content_svc.wechat.schemas import (
    READ_EXAMPLE as WECHAT_READ_EXAMPLE,
)
from content_svc.wechat.schemas import (
    WRITE_EXAMPLE,
    WeChatAccountRead,
    WeChatAccountWrite,
)
from servicekit.bodies import RequestBody
from servicekit.zones import TimeZone

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


LimitValue = Annotated[int, Field(ge=0, le=10_000_000)] | None
_OVERRIDE = " on this channel; null lifts the platform's limit, omitted keeps it."


class LimitsOverride(RequestBody):
    """Limits this channel sets over its platform profile; an explicit ``null`` lifts one.

    Lengths count Unicode characters (a Chinese character is one).
    """

    model_config = ConfigDict(json_schema_extra={"examples": [{"title_max": 18, "tags_max": 8}]})

    title_max: LimitValue = Field(None, description="Most characters in a title" + _OVERRIDE)
    body_max: LimitValue = Field(None, description="Most characters in a body" + _OVERRIDE)
    summary_max: LimitValue = Field(None, description="Most characters in a summary" + _OVERRIDE)
    media_max: LimitValue = Field(None, description="Most media items per piece" + _OVERRIDE)
    tags_max: LimitValue = Field(None, description="Most tags per piece" + _OVERRIDE)


class Limits(BaseModel):
    """Effective limits, in characters (title, body, summary) and items (media, tags); null
    means no limit is enforced.

    A publication that breaks one is refused with a 422 naming the rule.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title_max": 20,
                    "body_max": 1000,
                    "summary_max": None,
                    "media_max": 18,
                    "tags_max": 10,
                }
            ]
        }
    )

    title_max: int | None = Field(description="Most characters in a title; null: no limit.")
    body_max: int | None = Field(description="Most characters in a body; null: no limit.")
    summary_max: int | None = Field(description="Most characters in a summary; null: no limit.")
    media_max: int | None = Field(description="Most media items per piece; null: no limit.")
    tags_max: int | None = Field(description="Most tags per piece; null: no limit.")


class PlatformProfile(BaseModel):
    """A platform's documented default limits, which every channel on it starts from."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "platform": "xiaohongshu",
                    "limits": {
                        "title_max": 20,
                        "body_max": 1000,
                        "summary_max": None,
                        "media_max": 18,
                        "tags_max": 10,
                    },
                }
            ]
        }
    )

    platform: Platform = Field(description="The platform these defaults are for.")
    limits: Limits = Field(description="The platform's own editor limits, as MediaOps enforces.")


class PrimeTimeSlot(RequestBody):
    """A recurring good moment to publish, in the channel's own time zone."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"weekday": 5, "time": "20:30"}]})

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
    """The publisher worker POSTs each due publication to ``url``, signed with HMAC-SHA256."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "webhook",
                    "url": "https://hooks.meiyan.example.com/mediaops/wechat",
                    "secret": "7d1f0c9a2b8e4c63a5f1e0d9",
                }
            ]
        },
    )

    kind: Literal["webhook"] = Field(description="`webhook`: publications are POSTed to `url`.")
    url: AnyHttpUrl = Field(
        description="Where the worker POSTs the rendered piece; a public http(s) address."
    )
    # Optional on PATCH of a channel that already has a secret (kept); required otherwise.
    secret: Annotated[str, StringConstraints(min_length=16, max_length=512)] | None = Field(
        None,
        description="HMAC-SHA256 key (16 to 512 characters) the receiver checks "
        "X-MediaOps-Signature with; never shown again. Required when a channel first gets a "
        "webhook; omitted on a later change, the stored one is kept.",
    )


class ManualPublisherWrite(BaseModel):
    """An operator publishes by hand and records it with ``POST …/mark-published``."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"kind": "manual"}]})

    kind: Literal["manual"] = Field(
        description="`manual`: nothing is sent; an operator publishes and marks it published."
    )


class WeChatPublisherWrite(BaseModel):
    """The publisher worker publishes through the channel's WeChat Official Account: a draft
    (``draft/add``), then a publish job (``freepublish/submit``), until the article's URL is
    known. The channel needs its ``wechat`` account (with a ``thumb_media_id`` cover)."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"kind": "wechat_oa"}]}
    )

    kind: Literal["wechat_oa"] = Field(
        description="`wechat_oa`: publications go out through the channel's Official Account API."
    )


PublisherWrite = Annotated[
    WebhookPublisherWrite | ManualPublisherWrite | WeChatPublisherWrite,
    Field(discriminator="kind"),
]


class PublisherRead(BaseModel):
    """How the channel's publications go out; the webhook secret itself never leaves the
    service."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "webhook",
                    "url": "https://hooks.meiyan.example.com/mediaops/wechat",
                    "has_secret": True,
                }
            ]
        }
    )

    kind: PublisherKind = Field(
        description="`manual` (by hand), `webhook` or `wechat_oa` (by the worker)."
    )
    url: str | None = Field(None, description="The webhook's address; null for the others.")
    has_secret: bool = Field(False, description="Whether a webhook secret is stored.")


_WECHAT_CHANNEL: dict[str, Any] = {
    "platform": "wechat_oa",
    "name": "美妍研究所服务号",
    "handle": "meiyan_lab",
    "timezone": "Asia/Shanghai",
    "prime_time_slots": [{"weekday": 2, "time": "20:30"}, {"weekday": 5, "time": "12:00"}],
}


class ChannelCreate(RequestBody):
    """A brand account on one platform, and how its publications go out."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                _WECHAT_CHANNEL
                | {
                    "limits": {"summary_max": 100},
                    "publisher": {"kind": "wechat_oa"},
                    "wechat": WRITE_EXAMPLE,
                }
            ]
        }
    )

    platform: Platform = Field(
        description="The platform the account is on; picks its default limits "
        "(GET /v1/channels/platform-profiles)."
    )
    name: Name = Field(description="What operators call the channel (1 to 200 characters).")
    handle: Name = Field(
        description="The account's handle or id on the platform (1 to 200 characters); unique per "
        "platform in the workspace."
    )
    timezone: TimeZone = Field(
        "Asia/Shanghai",
        description="IANA time zone of the channel's calendar days, prime-time slots and best "
        "times.",
    )
    limits: LimitsOverride | None = Field(
        None, description="Overrides of the platform's limits; omitted: the profile as it is."
    )
    prime_time_slots: PrimeTimeSlots = Field(
        default_factory=list,
        description="Recurring good moments to publish, in `timezone` (at most 100; repeats "
        "are dropped); the fallback of best times.",
    )
    publisher: PublisherWrite = Field(
        default_factory=lambda: ManualPublisherWrite(kind="manual"),
        description="How publications go out: `manual` (the default), a signed `webhook`, or "
        "`wechat_oa` (through the channel's `wechat` account).",
    )
    wechat: WeChatAccountWrite | None = Field(
        None,
        description="The WeChat Official Account of a `wechat_oa` channel: its pushes reach "
        "MediaOps at `wechat.callback_path`, and replies and the `wechat_oa` publisher call its "
        "API. Omitted: not connected.",
    )


class ChannelUpdate(RequestBody):
    """Every field optional; only the fields sent are changed.

    ``limits`` replaces the channel's overrides as a whole (send ``{}`` to go back to the
    platform profile); ``prime_time_slots`` replaces the list.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "美妍研究所 · 服务号",
                    "prime_time_slots": [
                        {"weekday": 3, "time": "21:00"},
                        {"weekday": 6, "time": "10:00"},
                    ],
                }
            ]
        }
    )

    name: Name | None = Field(None, description="New name (1 to 200 characters).")
    handle: Name | None = Field(
        None, description="New handle; unique per platform in the workspace."
    )
    timezone: TimeZone | None = Field(None, description="New IANA time zone.")
    limits: LimitsOverride | None = Field(
        None, description="Replaces all the channel's overrides; `{}` goes back to the profile."
    )
    prime_time_slots: PrimeTimeSlots | None = Field(
        None, description="Replaces the list of prime-time slots; `[]` clears it."
    )
    publisher: PublisherWrite | None = Field(
        None,
        description="New publisher; a webhook without `secret` keeps the stored secret.",
    )
    wechat: WeChatAccountWrite | None = Field(
        None,
        description="Connect the channel to its WeChat Official Account, or change the fields "
        "sent (secrets left out are kept); `null` disconnects it (not while the publisher is "
        "`wechat_oa`).",
    )


class ChannelRead(BaseModel):
    """One brand account on one platform, with the limits its publications must meet."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {"id": CHANNEL_ID}
                | _WECHAT_CHANNEL
                | {
                    "limits": {
                        "title_max": 64,
                        "body_max": 20000,
                        "summary_max": 100,
                        "media_max": 100,
                        "tags_max": None,
                    },
                    "limit_overrides": {"summary_max": 100},
                    "publisher": {"kind": "wechat_oa", "url": None, "has_secret": False},
                    "wechat": WECHAT_READ_EXAMPLE,
                    "version": 3,
                    "created_at": CREATED_AT,
                    "updated_at": UPDATED_AT,
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The channel's id, set by MediaOps.")
    platform: Platform = Field(description="The platform the account is on.")
    name: str = Field(description="What operators call the channel.")
    handle: str = Field(description="The account's handle or id on the platform.")
    timezone: str = Field(description="IANA time zone of the channel's calendar and slots.")
    limits: Limits = Field(description="Effective limits: the platform profile and overrides")
    limit_overrides: dict[str, int | None] = Field(
        description="Only the limits this channel overrides (null: lifted), by rule name."
    )
    prime_time_slots: list[PrimeTimeSlot] = Field(
        description="Recurring good moments to publish, in week order."
    )
    publisher: PublisherRead = Field(description="How publications go out.")
    wechat: WeChatAccountRead | None = Field(
        description="The channel's WeChat Official Account, without its secrets; null: not "
        "connected."
    )
    version: int = Field(
        description="Goes up by one on every change; answered as the ETag, sent back as If-Match."
    )
    created_at: datetime = Field(description="When the channel was created (RFC 3339, UTC).")
    updated_at: datetime = Field(description="When it last changed (RFC 3339, UTC).")

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
            "wechat": WeChatAccountRead.of(data.wechat) if data.wechat is not None else None,
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
    """A recurring hour of the week, and how well it did if metrics-svc learned it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "weekday": 3,
                    "time": "20:00",
                    "exposures": 18240,
                    "engagements": 1313,
                    "engagement_rate": 0.072,
                }
            ]
        }
    )

    weekday: int = Field(description="ISO weekday in the channel's time zone: 1 = Monday … 7")
    time: str = Field(description="HH:MM in the channel's time zone")
    exposures: int | None = Field(description="Learned slots: impressions and views seen")
    engagements: int | None = Field(
        description="Learned slots: clicks, likes, favourites, comments and shares seen"
    )
    engagement_rate: float | None = Field(description="Learned slots: engagements / exposures")


class BestTimesRead(BaseModel):
    """When this channel's audience responds best, and when the next such moment is."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "channel_id": CHANNEL_ID,
                    "timezone": "Asia/Shanghai",
                    "source": "learned",
                    "reason": None,
                    "slots": [
                        {
                            "weekday": 3,
                            "time": "20:00",
                            "exposures": 18240,
                            "engagements": 1313,
                            "engagement_rate": 0.072,
                        },
                        {
                            "weekday": 6,
                            "time": "10:00",
                            "exposures": 9650,
                            "engagements": 589,
                            "engagement_rate": 0.061,
                        },
                    ],
                    "next_best_slot": "2026-11-11T12:00:00Z",
                }
            ]
        }
    )

    channel_id: uuid.UUID = Field(description="The channel these times are for.")
    timezone: str = Field(description="The channel's IANA time zone, which the slots are in.")
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
