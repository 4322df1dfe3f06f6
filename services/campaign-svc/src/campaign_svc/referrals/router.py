import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from campaign_svc.campaigns.exceptions import CampaignNotFound, CampaignNotRunning
from campaign_svc.coupons.exceptions import CouponBatchNotFound
from campaign_svc.guard import GUESSING_GUARD
from campaign_svc.referrals import service
from campaign_svc.referrals.exceptions import (
    AlreadyParticipant,
    AlreadyReferred,
    CodeAllocationFailed,
    ReferralCodeNotFound,
    SelfReferral,
)
from campaign_svc.referrals.models import Referral, ReferralReward
from campaign_svc.referrals.repository import (
    ReferralRepository,
    RewardRepository,
    RewardRuleRepository,
)
from campaign_svc.referrals.schemas import (
    ReferralAccept,
    ReferralCodeCreate,
    ReferralCodeRead,
    ReferralRead,
    ReferralStats,
    RewardRead,
    RewardRuleCreate,
    RewardRuleRead,
)
from campaign_svc.scopes import READ, WRITE
from campaign_svc.sources.dependencies import TrackingCodesDep
from campaign_svc.sources.exceptions import UnknownTrackingCode
from campaign_svc.sources.resolver import resolve_source
from campaign_svc.sources.schemas import source_of
from servicekit.apidoc import problems
from servicekit.context import ContextDep
from servicekit.pagination import Page, PageDep
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/referrals", tags=["referrals"])

CampaignQuery = Annotated[uuid.UUID | None, Query()]


def referral_read(
    referral: Referral, *, duplicate: bool, rewards: list[ReferralReward]
) -> ReferralRead:
    return ReferralRead(
        id=referral.id,
        campaign_id=referral.campaign_id,
        referrer_id=referral.referrer_id,
        invitee_id=referral.invitee_id,
        generation=referral.generation,
        created_at=referral.created_at,
        source=source_of(referral.source),
        duplicate=duplicate,
        rewards=[RewardRead.model_validate(r) for r in rewards],
    )


@router.post(
    "/codes",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses={
        200: {"model": ReferralCodeRead, "description": "The participant's existing code."},
        **problems(CampaignNotFound, CodeAllocationFailed),
    },
)
async def create_referral_code(
    body: ReferralCodeCreate, uow: UnitOfWorkDep, response: Response
) -> ReferralCodeRead:
    """Get a participant's referral code for a campaign, to put in their invite link or
    poster: 201 with a new code the first time, 200 with the same code every later time. An
    invitee's own code is one generation below its referrer's."""
    code, created = await service.get_or_create_code(uow, body.campaign_id, body.participant_id)
    if not created:
        response.status_code = status.HTTP_200_OK
    return ReferralCodeRead.model_validate(code)


@router.get("/codes", dependencies=READ)
async def list_referral_codes(
    uow: UnitOfWorkDep, page: PageDep, campaign_id: CampaignQuery = None
) -> Page[ReferralCodeRead]:
    """List referral codes, oldest first, optionally of one ``campaign_id``, each with its
    count of accepted invites."""
    codes = uow.repo(ReferralRepository)
    rows, next_cursor = await codes.paginate(codes.list_codes(campaign_id), page)
    return Page(items=[ReferralCodeRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post(
    "/accept",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    response_model=ReferralRead,
    responses={
        200: {
            "model": ReferralRead,
            "description": "This invitee had already accepted this code (`duplicate: true`).",
        },
        **problems(
            UnknownTrackingCode,
            ReferralCodeNotFound,
            CampaignNotRunning,
            SelfReferral,
            AlreadyParticipant,
            AlreadyReferred,
        ),
        **GUESSING_GUARD,
    },
)
async def accept_referral(
    body: ReferralAccept,
    uow: UnitOfWorkDep,
    response: Response,
    ctx: ContextDep,
    tracking_codes: TrackingCodesDep,
) -> ReferralRead:
    """An invitee accepts a referral code while its campaign runs: 201 with the referral, and
    the referrer's reward coupons when this accept reaches a rule (each issued exactly once per
    referrer; a coupon that cannot be claimed is recorded as a ``failed`` reward, the accept
    stands). The same invitee and code again is 200 with ``duplicate: true``. ``source`` (a
    tracking code or ids) says which publication brought the invitee."""
    source = await resolve_source(tracking_codes, ctx, body.source)
    referral, created, rewards = await service.accept(uow, body.code, body.invitee_id, source)
    if not created:
        response.status_code = status.HTTP_200_OK
    return referral_read(referral, duplicate=not created, rewards=rewards)


@router.post(
    "/rules",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(CampaignNotFound, CouponBatchNotFound),
)
async def create_reward_rule(body: RewardRuleCreate, uow: UnitOfWorkDep) -> RewardRuleRead:
    """Create a reward rule: after ``invites_required`` accepted invites a referrer gets a
    coupon claimed for them from ``batch_id`` (e.g. invite 3 friends, get ¥20 off), once per
    referrer."""
    return RewardRuleRead.model_validate(await service.create_rule(uow, body))


@router.get("/rules", dependencies=READ)
async def list_reward_rules(
    uow: UnitOfWorkDep, page: PageDep, campaign_id: CampaignQuery = None
) -> Page[RewardRuleRead]:
    """List reward rules, oldest first, optionally of one ``campaign_id``."""
    rules = uow.repo(RewardRuleRepository)
    rows, next_cursor = await rules.paginate(rules.list_rules(campaign_id), page)
    return Page(items=[RewardRuleRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/rewards", dependencies=READ)
async def list_referral_rewards(
    uow: UnitOfWorkDep, page: PageDep, campaign_id: CampaignQuery = None
) -> Page[RewardRead]:
    """List the rewards referrers reached, oldest first, optionally of one ``campaign_id``:
    issued ones with their coupon, failed ones with the reason."""
    rewards = uow.repo(RewardRepository)
    rows, next_cursor = await rewards.paginate(rewards.list_rewards(campaign_id), page)
    return Page(items=[RewardRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/stats", dependencies=READ, responses=problems(CampaignNotFound))
async def get_referral_stats(
    uow: UnitOfWorkDep, campaign_id: Annotated[uuid.UUID, Query()]
) -> ReferralStats:
    """Count a campaign's fission: seeds, invitees, multiplication rate (invitees per seed),
    rewards issued and per-generation counts."""
    return await service.stats(uow, campaign_id)
