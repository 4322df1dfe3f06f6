import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from campaign_svc.referrals.vocabulary import RewardStatus
from campaign_svc.sources.schemas import SourceIn, SourceRead
from servicekit.bodies import RequestBody

ParticipantId = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)
]


class ReferralCodeCreate(RequestBody):
    campaign_id: uuid.UUID
    participant_id: ParticipantId


class ReferralCodeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    campaign_id: uuid.UUID
    participant_id: str
    code: str
    generation: int = Field(description="0 for a seed; an invitee is one more than its referrer")
    accepted_count: int
    created_at: datetime


class ReferralAccept(RequestBody):
    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
    invitee_id: ParticipantId
    source: SourceIn | None = Field(
        default=None, description="the publication that brought the invitee (tracking code or ids)"
    )


class RewardRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    rule_id: uuid.UUID
    referrer_id: str
    coupon_id: uuid.UUID | None
    status: RewardStatus
    detail: str | None
    created_at: datetime


class ReferralRead(BaseModel):
    id: uuid.UUID
    campaign_id: uuid.UUID
    referrer_id: str
    invitee_id: str
    generation: int
    created_at: datetime
    source: SourceRead | None = Field(description="where the invitee came from")
    duplicate: bool = Field(default=False, description="this invitee had already accepted")
    rewards: list[RewardRead] = Field(default=[], description="rewards this accept triggered")


class RewardRuleCreate(RequestBody):
    campaign_id: uuid.UUID
    invites_required: Annotated[int, Field(ge=1, le=10_000)]
    batch_id: uuid.UUID


class RewardRuleRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    campaign_id: uuid.UUID
    invites_required: int
    batch_id: uuid.UUID
    created_at: datetime


class GenerationStats(BaseModel):
    generation: int
    participants: int = Field(description="referral codes handed out in this generation")
    invitees: int = Field(description="invites accepted into this generation")


class ReferralStats(BaseModel):
    campaign_id: uuid.UUID
    seeds: int
    invitees: int
    multiplication_rate: float = Field(description="invitees per seed participant")
    rewards_issued: int
    generations: list[GenerationStats]
