"""Referral (fission) rules: codes for participants, one referrer per invitee, no
self-referral, and rewards issued exactly once when a referrer reaches N accepted invites.

"Exactly once" rests on two database facts, not on Python timing: the referrer's accepted
counter is incremented in one statement (concurrent accepts queue on the row, so the Nth and
(N+1)th each see their own number and only one sees N), and a reward row is unique per rule and
referrer.
"""

import uuid

from campaign_svc.campaigns import service as campaigns
from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.campaigns.repository import CampaignRepository
from campaign_svc.coupons import service as coupons
from campaign_svc.coupons.codes import random_chars
from campaign_svc.coupons.exceptions import CouponBatchNotFound
from campaign_svc.coupons.repository import CouponBatchRepository
from campaign_svc.events import DomainEvent, payload
from campaign_svc.referrals.exceptions import (
    AlreadyParticipant,
    AlreadyReferred,
    CodeAllocationFailed,
    ReferralCodeNotFound,
    SelfReferral,
)
from campaign_svc.referrals.models import Referral, ReferralCode, ReferralReward, ReferralRewardRule
from campaign_svc.referrals.repository import ReferralRepository, RewardRuleRepository
from campaign_svc.referrals.schemas import (
    GenerationStats,
    ReferralStats,
    RewardRuleCreate,
)
from campaign_svc.referrals.vocabulary import RewardStatus
from campaign_svc.sources.schemas import SourceRead
from servicekit.errors import ServiceError
from servicekit.unitofwork import UnitOfWork

REFERRAL_CODE_LENGTH = 8


async def _campaign(uow: UnitOfWork, campaign_id: uuid.UUID) -> None:
    await uow.repo(CampaignRepository).get_or_raise(campaign_id, CampaignNotFound)


async def get_or_create_code(
    uow: UnitOfWork, campaign_id: uuid.UUID, participant_id: str
) -> tuple[ReferralCode, bool]:
    await _campaign(uow, campaign_id)
    repo = uow.repo(ReferralRepository)
    existing = await repo.code_of(campaign_id, participant_id)
    if existing is not None:
        return existing, False
    referral = await repo.referral_of(campaign_id, participant_id)
    generation = referral.generation if referral is not None else 0
    for _ in range(5):
        code = "R" + random_chars(REFERRAL_CODE_LENGTH - 1)
        created = await repo.insert_code_unless_exists(
            campaign_id, participant_id, code, generation
        )
        found = await repo.code_of(campaign_id, participant_id)
        if found is not None:
            return found, created
    raise CodeAllocationFailed()


async def accept(
    uow: UnitOfWork, code_text: str, invitee_id: str, source: SourceRead | None = None
) -> tuple[Referral, bool, list[ReferralReward]]:
    """The referral, whether it is new, and the rewards it triggered."""
    repo = uow.repo(ReferralRepository)
    code = await repo.by_code(code_text.upper())
    if code is None:
        raise ReferralCodeNotFound(code_text)
    campaign = await uow.repo(CampaignRepository).get_for_share(code.campaign_id)
    assert campaign is not None
    campaigns.ensure_running(campaign)
    if invitee_id == code.participant_id:
        raise SelfReferral()
    own = await repo.code_of(code.campaign_id, invitee_id)
    if own is not None and own.generation == 0:
        # A seed who already invites others is not someone's invitee (no cycles).
        raise AlreadyParticipant(invitee_id)
    referral_id = await repo.insert_referral_unless_referred(
        code, invitee_id, source.fields() if source is not None else None
    )
    if referral_id is None:
        existing = await repo.referral_of(code.campaign_id, invitee_id)
        assert existing is not None
        if existing.referral_code_id != code.id:
            raise AlreadyReferred(invitee_id, existing.referrer_id)
        return existing, False, []
    accepted = await repo.count_accepted(code.id)
    referral = await repo.get_referral(referral_id)
    assert referral is not None
    # metrics-svc's referral_accept: the invitee is the actor, props.referrer_id the referrer.
    await uow.record(
        DomainEvent.REFERRAL_ACCEPTED,
        payload(
            source,
            actor_id=invitee_id,
            referrer_id=code.participant_id,
            campaign_id=str(code.campaign_id),
            referral_id=str(referral.id),
            generation=referral.generation,
        ),
    )
    rewards = []
    for rule in await repo.rules_reached(code.campaign_id, accepted):
        reward = await _issue_reward(uow, rule, code.participant_id)
        if reward is not None:
            rewards.append(reward)
    return referral, True, rewards


async def _issue_reward(
    uow: UnitOfWork, rule: ReferralRewardRule, referrer_id: str
) -> ReferralReward | None:
    reward = await uow.repo(ReferralRepository).insert_reward_unless_given(rule, referrer_id)
    if reward is None:
        return None
    batch = await uow.repo(CouponBatchRepository).get(rule.batch_id)
    try:
        if batch is None:
            raise CouponBatchNotFound(rule.batch_id)
        # A savepoint: a refused claim (out of stock…) undoes only itself; the invite stands
        # and the reward is recorded as failed with the reason, for an operator to act on.
        async with uow.session.begin_nested():
            coupon = await coupons.claim_coupon(uow, batch, referrer_id)
        reward.coupon_id = coupon.id
    except ServiceError as exc:
        reward.status = RewardStatus.FAILED
        reward.detail = exc.detail
    await uow.repo(ReferralRepository).flush()
    return reward


async def create_rule(uow: UnitOfWork, data: RewardRuleCreate) -> ReferralRewardRule:
    await _campaign(uow, data.campaign_id)
    await uow.repo(CouponBatchRepository).get_or_raise(data.batch_id, CouponBatchNotFound)
    return await uow.repo(RewardRuleRepository).add(ReferralRewardRule(**data.model_dump()))


async def stats(uow: UnitOfWork, campaign_id: uuid.UUID) -> ReferralStats:
    await _campaign(uow, campaign_id)
    numbers = await uow.repo(ReferralRepository).stats(campaign_id)
    participants: dict[int, int] = numbers["participants"]
    invitees: dict[int, int] = numbers["invitees"]
    seeds = participants.get(0, 0)
    total_invitees = sum(invitees.values())
    generations = sorted(set(participants) | set(invitees))
    return ReferralStats(
        campaign_id=campaign_id,
        seeds=seeds,
        invitees=total_invitees,
        multiplication_rate=round(total_invitees / seeds, 4) if seeds else 0.0,
        rewards_issued=numbers["rewards_issued"],
        generations=[
            GenerationStats(
                generation=g, participants=participants.get(g, 0), invitees=invitees.get(g, 0)
            )
            for g in generations
        ],
    )
