import uuid
from datetime import datetime
from typing import Annotated, Self

from pydantic import BaseModel, Field, StringConstraints, model_validator

from campaign_svc.campaigns.vocabulary import CampaignKind, CampaignStatus, LiveStatus
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
RefId = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class Goal(RequestBody):
    metric: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    target: Annotated[float, Field(ge=0)]


class LiveGoal(BaseModel):
    """A goal's progress now, from metrics-svc over the campaign's window and its events."""

    actual: float | None = Field(description="the metric over the campaign's window")
    progress: float | None = Field(description="actual / target (1.0 = reached)")
    status: LiveStatus
    reason: str | None = Field(
        default=None, description="unavailable: why metrics-svc gave no answer"
    )


class GoalRead(BaseModel):
    metric: str
    target: float
    live: LiveGoal


class CampaignCreate(RequestBody):
    name: Name
    kind: CampaignKind
    starts_at: Instant
    ends_at: Instant
    budget_amount: Annotated[int, Field(ge=0, le=10**13, strict=True)] | None = Field(
        default=None, description="minor units (fen)"
    )
    currency: Currency = "CNY"
    goals: Annotated[list[Goal], Field(max_length=20)] = Field(default_factory=list)
    channel_ids: Annotated[list[RefId], Field(max_length=100)] = Field(default_factory=list)
    post_ids: Annotated[list[RefId], Field(max_length=500)] = Field(default_factory=list)
    group_ids: Annotated[list[RefId], Field(max_length=500)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _window_ordered(self) -> Self:
        if self.ends_at <= self.starts_at:
            raise ValueError(
                f"ends_at ({self.ends_at.isoformat()}) must be after starts_at "
                f"({self.starts_at.isoformat()})"
            )
        return self


class CampaignUpdate(RequestBody):
    """Every field optional; only the fields sent are changed."""

    name: Name | None = None
    kind: CampaignKind | None = None
    starts_at: Instant | None = None
    ends_at: Instant | None = None
    budget_amount: Annotated[int, Field(ge=0, le=10**13, strict=True)] | None = None
    goals: Annotated[list[Goal], Field(max_length=20)] | None = None
    channel_ids: Annotated[list[RefId], Field(max_length=100)] | None = None
    post_ids: Annotated[list[RefId], Field(max_length=500)] | None = None
    group_ids: Annotated[list[RefId], Field(max_length=500)] | None = None


class CampaignTransition(RequestBody):
    status: CampaignStatus


class CampaignRead(BaseModel):
    id: uuid.UUID
    name: str
    kind: CampaignKind
    status: CampaignStatus = Field(
        description="effective status: the operator's choice and the clock"
    )
    starts_at: datetime
    ends_at: datetime
    budget_amount: int | None
    currency: str
    goals: list[GoalRead] = Field(
        description="each goal with its live progress from metrics-svc (cached ~30 s)"
    )
    channel_ids: list[str]
    post_ids: list[str]
    group_ids: list[str]
    version: int
    created_at: datetime
    updated_at: datetime


class CampaignStats(BaseModel):
    campaign_id: uuid.UUID
    status: CampaignStatus
    batches: int
    issued: int
    claimed: int
    redeemed: int
    rolled_back: int
    discount_total: int
    gmv: int
    leads: int
    referral_seeds: int
    referral_invitees: int
