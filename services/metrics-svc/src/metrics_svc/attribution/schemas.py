from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from metrics_svc import examples as ex
from metrics_svc.vocabulary import AttributionModel

# The Double 11 campaign's report: its article on the WeChat OA and on Xiaohongshu, and what
# no publication can be credited with.
_WECHAT: dict[str, Any] = {
    "impressions": 52000,
    "clicks": 2080,
    "leads": 312,
    "joins": 140,
    "claims": 118,
    "redemptions": 64,
    "gmv": 12736.0,
    "ctr": 0.04,
    "lead_rate": 0.15,
    "join_rate": 0.4487,
    "claim_rate": 0.8429,
    "redemption_rate": 0.5424,
}
_XIAOHONGSHU: dict[str, Any] = {
    "impressions": 18500,
    "clicks": 925,
    "leads": 96,
    "joins": 31,
    "claims": 40,
    "redemptions": 22,
    "gmv": 4378.0,
    "ctr": 0.05,
    "lead_rate": 0.1038,
    "join_rate": 0.3229,
    "claim_rate": 1.2903,
    "redemption_rate": 0.55,
}
_UNATTRIBUTED: dict[str, Any] = {
    "impressions": 0,
    "clicks": 0,
    "leads": 18,
    "joins": 9,
    "claims": 6,
    "redemptions": 3,
    "gmv": 597.0,
    "ctr": None,
    "lead_rate": None,
    "join_rate": 0.5,
    "claim_rate": 0.6667,
    "redemption_rate": 0.5,
}
_TOTAL: dict[str, Any] = {
    "impressions": 70500,
    "clicks": 3005,
    "leads": 426,
    "joins": 180,
    "claims": 164,
    "redemptions": 89,
    "gmv": 17711.0,
    "ctr": 0.0426,
    "lead_rate": 0.1418,
    "join_rate": 0.4225,
    "claim_rate": 0.9111,
    "redemption_rate": 0.5427,
}
_PUBLICATIONS: list[Any] = [
    {
        "publication_id": ex.OTHER_PUBLICATION_ID,
        "channel_id": ex.OTHER_CHANNEL_ID,
        "post_id": ex.POST_ID,
        **_XIAOHONGSHU,
    },
    {
        "publication_id": ex.PUBLICATION_ID,
        "channel_id": ex.CHANNEL_ID,
        "post_id": ex.POST_ID,
        **_WECHAT,
    },
]
_CHANNELS: list[Any] = [
    {"channel_id": ex.OTHER_CHANNEL_ID, "publications": 1, **_XIAOHONGSHU},
    {"channel_id": ex.CHANNEL_ID, "publications": 1, **_WECHAT},
]
_CONVERSIONS: dict[str, Any] = {"attributed": 909, "unattributed": 39}
_ACTORS: dict[str, Any] = {"converted": 402, "attributed": 371, "unattributed": 31}


# What one partner's post (a publication on Xiaohongshu) brought, asked by its id.
_PARTNER_POST: dict[str, Any] = {
    "impressions": 0,
    "clicks": 0,
    "leads": 3,
    "joins": 0,
    "claims": 2,
    "redemptions": 1,
    "gmv": 199.0,
    "ctr": None,
    "lead_rate": None,
    "join_rate": 0.0,
    "claim_rate": None,
    "redemption_rate": 0.5,
}
_PUBLICATION_REPORT: dict[str, Any] = {
    "campaign_id": None,
    "group_id": None,
    "publication_ids": [ex.OTHER_PUBLICATION_ID],
    "model": "last_touch",
    "tz": "UTC",
    "window_start": "2026-11-01T00:00:00Z",
    "window_end": "2026-12-01T00:00:00Z",
    "publications": [
        {
            "publication_id": ex.OTHER_PUBLICATION_ID,
            "channel_id": ex.OTHER_CHANNEL_ID,
            "post_id": ex.POST_ID,
            **_PARTNER_POST,
        }
    ],
    "channels": [{"channel_id": ex.OTHER_CHANNEL_ID, "publications": 1, **_PARTNER_POST}],
    "unattributed": {
        **dict.fromkeys(("impressions", "clicks", "leads", "joins", "claims", "redemptions"), 0),
        "gmv": 0.0,
        **dict.fromkeys(("ctr", "lead_rate", "join_rate", "claim_rate", "redemption_rate")),
    },
    "total": _PARTNER_POST,
    "conversions": {"attributed": 7, "unattributed": 0},
    "actors": {"converted": 3, "attributed": 3, "unattributed": 0},
}


class AttributionSteps(BaseModel):
    """The chain from a post to a purchase, and the conversion between consecutive steps
    (null when the step before counted 0)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_WECHAT]})

    impressions: int = Field(description="impression events")
    clicks: int = Field(description="click events")
    leads: int = Field(description="lead events (contact details captured)")
    joins: int = Field(description="join_group events")
    claims: int = Field(description="coupon_claim events")
    redemptions: int = Field(description="coupon_redeem events")
    gmv: float = Field(description="sum(purchase.value) - sum(refund.value)")
    ctr: float | None = Field(description="clicks / impressions")
    lead_rate: float | None = Field(description="leads / clicks")
    join_rate: float | None = Field(description="joins / leads")
    claim_rate: float | None = Field(description="claims / joins")
    redemption_rate: float | None = Field(description="redemptions / claims")


class PublicationAttribution(AttributionSteps):
    """What one publication (a post on a channel) brought the campaign or group."""

    model_config = ConfigDict(json_schema_extra={"examples": [_PUBLICATIONS[1]]})

    publication_id: str = Field(description="The content-svc publication credited.")
    channel_id: str | None = Field(description="The channel the publication's events carry.")
    post_id: str | None = Field(
        description="The post the publication's events carry; null when none does."
    )


class ChannelAttribution(AttributionSteps):
    """The report's publications added up per channel."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CHANNELS[1]]})

    channel_id: str | None = Field(description="null: publications whose channel is unknown.")
    publications: int = Field(description="How many of the report's publications it holds.")


class ConversionCounts(BaseModel):
    """The scope's conversion events (leads, joins, claims, redemptions, purchases, refunds)
    by whether a publication was credited."""

    model_config = ConfigDict(json_schema_extra={"examples": [_CONVERSIONS]})

    attributed: int = Field(description="Conversions credited to a publication.")
    unattributed: int = Field(
        description="Conversions credited to none (no publication of their own, and no "
        "actor or no touch before them)."
    )


class ActorChains(BaseModel):
    """The campaign's (or group's) converting actors: those with at least one conversion
    credited to a publication, and those with none (conversions without an actor_id are in
    ``conversions`` only)."""

    model_config = ConfigDict(json_schema_extra={"examples": [_ACTORS]})

    converted: int = Field(description="Distinct actors with at least one conversion.")
    attributed: int = Field(
        description="Of them, those with at least one conversion credited to a publication."
    )
    unattributed: int = Field(description="Of them, those with none credited.")


class AttributionReport(BaseModel):
    """Which publications brought a campaign's (or a group's) leads, joins, coupon claims,
    redemptions and GMV; or what given publications brought."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "campaign_id": ex.CAMPAIGN_ID,
                    "group_id": None,
                    "publication_ids": [],
                    "model": "last_touch",
                    "tz": "Asia/Shanghai",
                    "window_start": "2026-11-01T00:00:00+08:00",
                    "window_end": "2026-11-12T00:00:00+08:00",
                    "publications": _PUBLICATIONS,
                    "channels": _CHANNELS,
                    "unattributed": _UNATTRIBUTED,
                    "total": _TOTAL,
                    "conversions": _CONVERSIONS,
                    "actors": _ACTORS,
                },
                _PUBLICATION_REPORT,
            ]
        }
    )

    campaign_id: str | None = Field(description="The campaign reported on, as asked.")
    group_id: str | None = Field(description="The group reported on, as asked.")
    publication_ids: list[str] = Field(
        default_factory=list,
        description="The publications reported on, as asked (each once, by id); empty for a "
        "campaign's or a group's report.",
    )
    model: AttributionModel = Field(
        description="Which touch a conversion without a publication of its own is credited to."
    )
    tz: str = Field(description="The time zone dates in `from`/`to` were read in.")
    window_start: datetime = Field(description="`from`, as read (inclusive).")
    window_end: datetime = Field(description="`to`, as read (exclusive).")
    publications: list[PublicationAttribution] = Field(
        description="Each publication credited with a conversion or carrying the scope's "
        "impressions or clicks, by id."
    )
    channels: list[ChannelAttribution] = Field(
        description="The publications added up per channel, by id (unknown channel first)."
    )
    unattributed: AttributionSteps = Field(
        description="Conversions credited to no publication (impressions and clicks 0)."
    )
    total: AttributionSteps = Field(
        description="Everything: the publications plus the unattributed."
    )
    conversions: ConversionCounts = Field(description="Conversion events, credited or not.")
    actors: ActorChains = Field(description="Converting people, credited or not.")
