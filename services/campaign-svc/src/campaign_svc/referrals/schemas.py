import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from campaign_svc import examples
from campaign_svc.referrals.vocabulary import RewardStatus
from campaign_svc.sources.schemas import SourceIn, SourceRead
from servicekit.bodies import RequestBody

ParticipantId = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)
]

PARTICIPANT = (
    "the person's id in the shop or user system (1 to 128 characters), the same id their coupons "
    "are claimed for"
)
CAMPAIGN = "The campaign the referral runs in."
GENERATION = (
    "0 for a seed (a participant nobody invited); an invitee is one more than its referrer."
)

REWARD_EXAMPLE: dict[str, Any] = {
    "id": examples.REWARD_ID,
    "rule_id": examples.RULE_ID,
    "referrer_id": examples.CUSTOMER_ID,
    "coupon_id": examples.REWARD_COUPON_ID,
    "status": "issued",
    "detail": None,
    "created_at": "2027-11-05T12:41:09Z",
}


class ReferralCodeCreate(RequestBody):
    """Who asks for a referral code, in which campaign."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"campaign_id": examples.CAMPAIGN_ID, "participant_id": examples.CUSTOMER_ID}
            ]
        }
    )

    campaign_id: uuid.UUID = Field(description=CAMPAIGN + " It must be of the caller's workspace.")
    participant_id: ParticipantId = Field(description="Who shares the code: " + PARTICIPANT + ".")


class ReferralCodeRead(BaseModel):
    """A participant's invite code in one campaign."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": examples.REFERRAL_CODE_ID,
                    "campaign_id": examples.CAMPAIGN_ID,
                    "participant_id": examples.CUSTOMER_ID,
                    "code": examples.REFERRAL_CODE,
                    "generation": 0,
                    "accepted_count": 3,
                    "created_at": "2027-11-01T01:12:30Z",
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The referral code's id.")
    campaign_id: uuid.UUID = Field(description=CAMPAIGN)
    participant_id: str = Field(description="Who shares the code: " + PARTICIPANT + ".")
    code: str = Field(
        description="The code to share (R + 7 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ), "
        "put in the invite link or poster; accepted case-insensitively."
    )
    generation: int = Field(description=GENERATION)
    accepted_count: int = Field(description="Invites accepted with this code so far.")
    created_at: datetime = Field(description="When the code was handed out, UTC.")


class ReferralAccept(RequestBody):
    """An invitee accepts a referral code."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "code": examples.REFERRAL_CODE,
                    "invitee_id": examples.INVITEE_ID,
                    "source": examples.SOURCE_IN,
                }
            ]
        }
    )

    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)] = (
        Field(description="The referral code the invitee followed, case-insensitive.")
    )
    invitee_id: ParticipantId = Field(
        description="Who accepts: " + PARTICIPANT + "; not the code's own participant."
    )
    source: SourceIn | None = Field(
        default=None,
        description="The publication that brought the invitee: its tracking code, or explicit "
        "ids. Optional.",
    )


class RewardRead(BaseModel):
    """A referrer's reward under one rule: the coupon issued, or why it could not be."""

    model_config = ConfigDict(
        from_attributes=True, json_schema_extra={"examples": [REWARD_EXAMPLE]}
    )

    id: uuid.UUID = Field(description="The reward's id.")
    rule_id: uuid.UUID = Field(description="The reward rule that was reached.")
    referrer_id: str = Field(description="The participant rewarded.")
    coupon_id: uuid.UUID | None = Field(
        description="The coupon claimed for the referrer from the rule's batch (look it up in "
        "`GET /v1/coupons?customer_id=`); null when the claim failed."
    )
    status: RewardStatus = Field(
        description="issued, or failed when the coupon could not be claimed (out of stock, "
        "campaign not running…): `detail` says why, for an operator to act on."
    )
    detail: str | None = Field(description="Why a failed reward failed; null when issued.")
    created_at: datetime = Field(description="When the reward was reached, UTC.")


class ReferralRead(BaseModel):
    """An accepted invite: who invited whom, and the rewards it triggered."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": examples.REFERRAL_ID,
                    "campaign_id": examples.CAMPAIGN_ID,
                    "referrer_id": examples.CUSTOMER_ID,
                    "invitee_id": examples.INVITEE_ID,
                    "generation": 1,
                    "created_at": "2027-11-05T12:41:09Z",
                    "source": examples.SOURCE_READ,
                    "duplicate": False,
                    "rewards": [REWARD_EXAMPLE],
                }
            ]
        }
    )

    id: uuid.UUID = Field(description="The referral's id.")
    campaign_id: uuid.UUID = Field(description=CAMPAIGN)
    referrer_id: str = Field(description="The participant whose code was accepted.")
    invitee_id: str = Field(description="The person who accepted it.")
    generation: int = Field(description="The invitee's generation: " + GENERATION)
    created_at: datetime = Field(description="When the invite was accepted, UTC.")
    source: SourceRead | None = Field(
        description="Where the invitee came from; null when the accept named no source."
    )
    duplicate: bool = Field(
        default=False,
        description="true when this invitee had already accepted this code (the answer is the "
        "earlier referral, status 200, nothing changed).",
    )
    rewards: list[RewardRead] = Field(
        default=[],
        description="Rewards this accept triggered for the referrer (a rule's invites_required "
        "reached); empty for most accepts.",
    )


class RewardRuleCreate(RequestBody):
    """A reward rule: a coupon for every referrer who reaches N accepted invites."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "campaign_id": examples.CAMPAIGN_ID,
                    "invites_required": 3,
                    "batch_id": examples.REWARD_BATCH_ID,
                }
            ]
        }
    )

    campaign_id: uuid.UUID = Field(description=CAMPAIGN + " It must be of the caller's workspace.")
    invites_required: Annotated[int, Field(ge=1, le=10_000)] = Field(
        description="Accepted invites a referrer needs for the reward (1 to 10,000); rewarded once "
        "per referrer."
    )
    batch_id: uuid.UUID = Field(
        description="The coupon batch the reward's coupon is claimed from, for the referrer."
    )


class RewardRuleRead(BaseModel):
    """A reward rule of a campaign."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": examples.RULE_ID,
                    "campaign_id": examples.CAMPAIGN_ID,
                    "invites_required": 3,
                    "batch_id": examples.REWARD_BATCH_ID,
                    "created_at": "2027-10-28T08:00:00Z",
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The rule's id.")
    campaign_id: uuid.UUID = Field(description=CAMPAIGN)
    invites_required: int = Field(description="Accepted invites a referrer needs for the reward.")
    batch_id: uuid.UUID = Field(description="The coupon batch the reward comes from.")
    created_at: datetime = Field(description="When the rule was created, UTC.")


class GenerationStats(BaseModel):
    """One generation of a campaign's referral tree."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"generation": 1, "participants": 310, "invitees": 640}]}
    )

    generation: int = Field(description=GENERATION)
    participants: int = Field(description="Referral codes handed out in this generation.")
    invitees: int = Field(description="Invites accepted into this generation.")


class ReferralStats(BaseModel):
    """How far a campaign's fission spread."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "campaign_id": examples.CAMPAIGN_ID,
                    "seeds": 120,
                    "invitees": 850,
                    "multiplication_rate": 7.0833,
                    "rewards_issued": 96,
                    "generations": [
                        {"generation": 0, "participants": 120, "invitees": 0},
                        {"generation": 1, "participants": 310, "invitees": 640},
                        {"generation": 2, "participants": 45, "invitees": 210},
                    ],
                }
            ]
        }
    )

    campaign_id: uuid.UUID = Field(description="The campaign counted.")
    seeds: int = Field(description="Participants nobody invited (generation 0).")
    invitees: int = Field(description="Invites accepted, all generations.")
    multiplication_rate: float = Field(
        description="invitees ÷ seeds, rounded to 4 decimals (裂变倍增率); 0 without seeds."
    )
    rewards_issued: int = Field(description="Rewards whose coupon was issued.")
    generations: list[GenerationStats] = Field(
        description="Participants and invitees per generation, generation 0 first."
    )
