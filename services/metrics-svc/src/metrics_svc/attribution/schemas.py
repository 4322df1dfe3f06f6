from datetime import datetime

from pydantic import BaseModel, Field

from metrics_svc.vocabulary import AttributionModel


class AttributionSteps(BaseModel):
    """The chain from a post to a purchase, and the conversion between consecutive steps
    (null when the step before counted 0)."""

    impressions: int
    clicks: int
    leads: int
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
    publication_id: str
    channel_id: str | None = Field(description="The channel the publication's events carry.")
    post_id: str | None


class ChannelAttribution(AttributionSteps):
    channel_id: str | None = Field(description="null: publications whose channel is unknown.")
    publications: int = Field(description="How many of the report's publications it holds.")


class ConversionCounts(BaseModel):
    attributed: int
    unattributed: int


class ActorChains(BaseModel):
    """The campaign's (or group's) converting actors: those with at least one conversion
    credited to a publication, and those with none (conversions without an actor_id are in
    ``conversions`` only)."""

    converted: int
    attributed: int
    unattributed: int


class AttributionReport(BaseModel):
    campaign_id: str | None
    group_id: str | None
    model: AttributionModel
    tz: str
    window_start: datetime
    window_end: datetime
    publications: list[PublicationAttribution]
    channels: list[ChannelAttribution]
    unattributed: AttributionSteps = Field(
        description="Conversions credited to no publication (impressions and clicks 0)."
    )
    total: AttributionSteps
    conversions: ConversionCounts
    actors: ActorChains
