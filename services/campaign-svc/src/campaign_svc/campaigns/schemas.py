import uuid
from datetime import datetime
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from campaign_svc import examples
from campaign_svc.campaigns.vocabulary import CampaignKind, CampaignStatus, LiveStatus
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
RefId = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Budget = Annotated[int, Field(ge=0, le=10**13, strict=True)]

# The words each field's description shares between the create, update and read models.
NAME = "The campaign's name as operators see it, 1 to 200 characters."
KIND = "What kind of activity it is (group_buy, flash_sale, holiday_promo, …)."
STARTS_AT = (
    "When the campaign starts running (RFC 3339 with an offset; answered in UTC). A scheduled "
    "campaign runs from then without anyone touching it."
)
ENDS_AT = "When the campaign ends (RFC 3339 with an offset; answered in UTC); after `starts_at`."
BUDGET = "The budget in minor units of `currency` (fen for CNY: 8000000 = ¥80,000), an integer."
CURRENCY = "ISO 4217 code of the budget's currency."
GOALS = "Up to 20 targets for metrics-svc metrics over the campaign's window."
CHANNEL_IDS = "content-svc channels (accounts) the campaign runs on, up to 100."
POST_IDS = "content-svc posts that promote the campaign, up to 500."
GROUP_IDS = "community-svc groups (社群) the campaign runs in, up to 500."

GOAL_EXAMPLE: dict[str, Any] = {"metric": "gmv", "target": 1200000}
LIVE_GOAL_EXAMPLE: dict[str, Any] = {
    "actual": 318000.0,
    "progress": 0.265,
    "status": "on_track",
    "reason": None,
}


class Goal(RequestBody):
    """A target for one metric over the campaign's window."""

    model_config = ConfigDict(json_schema_extra={"examples": [GOAL_EXAMPLE]})

    metric: Annotated[str, StringConstraints(min_length=1, max_length=64)] = Field(
        description="A metric of metrics-svc's catalogue (`GET /v1/metrics`): gmv, leads, "
        "coupon_claims, redemptions, purchase_conversion_rate, fission_rate, …"
    )
    target: Annotated[float, Field(ge=0)] = Field(
        description="The value to reach over the window, in the metric's unit: gmv in yuan "
        "(major units, as metrics-svc sums it), counts as counts, rates as a fraction "
        "(0.05 = 5%)."
    )


class LiveGoal(BaseModel):
    """A goal's progress now, from metrics-svc over the campaign's window and its events."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                LIVE_GOAL_EXAMPLE,
                {
                    "actual": None,
                    "progress": None,
                    "status": "unavailable",
                    "reason": "metrics-svc did not answer within 2 s",
                },
            ]
        }
    )

    actual: float | None = Field(
        description="The metric over the campaign's window so far, in the metric's unit; null "
        "when there is nothing to compute yet or metrics-svc gave no answer."
    )
    progress: float | None = Field(
        description="actual / target (1.0 = reached); null when actual is."
    )
    status: LiveStatus = Field(
        description="metrics-svc's judgement: on_track or at_risk against the share of the "
        "window elapsed, achieved, missed (the window ended short of it); unavailable when "
        "metrics-svc could not answer."
    )
    reason: str | None = Field(
        default=None, description="When unavailable: why metrics-svc gave no answer; else null."
    )


class GoalRead(BaseModel):
    """A goal as set, with its live progress."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{**GOAL_EXAMPLE, "live": LIVE_GOAL_EXAMPLE}]}
    )

    metric: str = Field(description="The metrics-svc metric the goal is set on.")
    target: float = Field(description="The value to reach over the window, in the metric's unit.")
    live: LiveGoal = Field(
        description="Progress now, asked from metrics-svc on every read (cached ~30 s)."
    )


class CampaignCreate(RequestBody):
    """A new campaign; it starts as a draft."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "2027 双十一大促",
                    "kind": "holiday_promo",
                    "starts_at": "2027-11-01T00:00:00+08:00",
                    "ends_at": "2027-11-12T00:00:00+08:00",
                    "budget_amount": 8000000,
                    "currency": "CNY",
                    "goals": [GOAL_EXAMPLE, {"metric": "leads", "target": 5000}],
                    "channel_ids": [examples.CHANNEL_ID],
                    "post_ids": [examples.POST_ID],
                    "group_ids": [examples.GROUP_ID],
                }
            ]
        }
    )

    name: Name = Field(description=NAME)
    kind: CampaignKind = Field(description=KIND)
    starts_at: Instant = Field(description=STARTS_AT)
    ends_at: Instant = Field(description=ENDS_AT)
    budget_amount: Budget | None = Field(default=None, description=BUDGET + " Optional.")
    currency: Currency = Field(default="CNY", description=CURRENCY)
    goals: Annotated[list[Goal], Field(max_length=20)] = Field(
        default_factory=list, description=GOALS
    )
    channel_ids: Annotated[list[RefId], Field(max_length=100)] = Field(
        default_factory=list, description=CHANNEL_IDS
    )
    post_ids: Annotated[list[RefId], Field(max_length=500)] = Field(
        default_factory=list, description=POST_IDS
    )
    group_ids: Annotated[list[RefId], Field(max_length=500)] = Field(
        default_factory=list, description=GROUP_IDS
    )

    @model_validator(mode="after")
    def _window_ordered(self) -> Self:
        if self.ends_at <= self.starts_at:
            raise ValueError(
                f"ends_at ({self.ends_at.isoformat()}) must be after starts_at "
                f"({self.starts_at.isoformat()})"
            )
        return self


_UNCHANGED = " Omit to leave it unchanged."


class CampaignUpdate(RequestBody):
    """Every field optional; only the fields sent are changed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"ends_at": "2027-11-13T00:00:00+08:00", "budget_amount": 10000000}]
        }
    )

    name: Name | None = Field(default=None, description=NAME + _UNCHANGED)
    kind: CampaignKind | None = Field(default=None, description=KIND + _UNCHANGED)
    starts_at: Instant | None = Field(default=None, description=STARTS_AT + _UNCHANGED)
    ends_at: Instant | None = Field(default=None, description=ENDS_AT + _UNCHANGED)
    budget_amount: Budget | None = Field(default=None, description=BUDGET + _UNCHANGED)
    goals: Annotated[list[Goal], Field(max_length=20)] | None = Field(
        default=None, description=GOALS + " Replaces the list." + _UNCHANGED
    )
    channel_ids: Annotated[list[RefId], Field(max_length=100)] | None = Field(
        default=None, description=CHANNEL_IDS + " Replaces the list." + _UNCHANGED
    )
    post_ids: Annotated[list[RefId], Field(max_length=500)] | None = Field(
        default=None, description=POST_IDS + " Replaces the list." + _UNCHANGED
    )
    group_ids: Annotated[list[RefId], Field(max_length=500)] | None = Field(
        default=None, description=GROUP_IDS + " Replaces the list." + _UNCHANGED
    )


class CampaignTransition(RequestBody):
    """A move of the campaign's status by hand."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "scheduled"}]})

    status: CampaignStatus = Field(
        description="The status to move to; allowed from (as read): draft → scheduled, ended; "
        "scheduled → draft, running (starts it now), ended; running → paused, ended; "
        "paused → running, ended."
    )


class CampaignRead(BaseModel):
    """A campaign as stored, its status read with the clock, its goals with live progress."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": examples.CAMPAIGN_ID,
                    "name": "2027 双十一大促",
                    "kind": "holiday_promo",
                    "status": "running",
                    "starts_at": "2027-10-31T16:00:00Z",
                    "ends_at": "2027-11-11T16:00:00Z",
                    "budget_amount": 8000000,
                    "currency": "CNY",
                    "goals": [{**GOAL_EXAMPLE, "live": LIVE_GOAL_EXAMPLE}],
                    "channel_ids": [examples.CHANNEL_ID],
                    "post_ids": [examples.POST_ID],
                    "group_ids": [examples.GROUP_ID],
                    "version": 2,
                    "created_at": "2027-10-20T02:15:00Z",
                    "updated_at": "2027-10-25T09:30:00Z",
                }
            ]
        }
    )

    id: uuid.UUID = Field(description="The campaign's id.")
    name: str = Field(description=NAME)
    kind: CampaignKind = Field(description=KIND)
    status: CampaignStatus = Field(
        description="Effective status: the operator's choice with the clock applied (a "
        "scheduled campaign reads running once starts_at has passed, anything reads ended "
        "once ends_at has)."
    )
    starts_at: datetime = Field(description="When the campaign starts running, UTC.")
    ends_at: datetime = Field(description="When the campaign ends, UTC.")
    budget_amount: int | None = Field(
        description="The budget in minor units of `currency` (fen for CNY); null when none."
    )
    currency: str = Field(description=CURRENCY)
    goals: list[GoalRead] = Field(
        description="Each goal with its live progress from metrics-svc (cached ~30 s)."
    )
    channel_ids: list[str] = Field(description="content-svc channels the campaign runs on.")
    post_ids: list[str] = Field(description="content-svc posts that promote it.")
    group_ids: list[str] = Field(description="community-svc groups it runs in.")
    version: int = Field(
        description="Counts the campaign's changes; the `ETag` carries it: send it back as "
        "`If-Match` to change the campaign only if nobody else has since."
    )
    created_at: datetime = Field(description="When the campaign was created, UTC.")
    updated_at: datetime = Field(description="When it last changed, UTC.")


class CampaignStats(BaseModel):
    """A campaign's coupon, lead and referral numbers, counted now."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "campaign_id": examples.CAMPAIGN_ID,
                    "status": "running",
                    "batches": 2,
                    "issued": 15000,
                    "claimed": 5731,
                    "redeemed": 3102,
                    "rolled_back": 41,
                    "discount_total": 9306000,
                    "gmv": 71035800,
                    "leads": 1406,
                    "referral_seeds": 120,
                    "referral_invitees": 850,
                }
            ]
        }
    )

    campaign_id: uuid.UUID = Field(description="The campaign counted.")
    status: CampaignStatus = Field(description="Its effective status now.")
    batches: int = Field(description="Coupon batches of the campaign.")
    issued: int = Field(description="Codes generated in those batches.")
    claimed: int = Field(description="Codes claimed by customers.")
    redeemed: int = Field(description="Redemptions currently applied (rolled back ones not).")
    rolled_back: int = Field(description="Redemptions rolled back (orders refunded).")
    discount_total: int = Field(
        description="Discounts of the applied redemptions, minor units (fen for CNY)."
    )
    gmv: int = Field(
        description="Final amounts paid on the applied redemptions, minor units (fen for CNY)."
    )
    leads: int = Field(description="Leads the campaign captured.")
    referral_seeds: int = Field(
        description="Participants who got a referral code without being invited (generation 0)."
    )
    referral_invitees: int = Field(description="Invites accepted in the campaign.")
