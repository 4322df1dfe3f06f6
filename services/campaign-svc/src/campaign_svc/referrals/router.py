import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from campaign_svc.referrals import service
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
from campaign_svc.sources.resolver import resolve_source
from campaign_svc.sources.schemas import source_of
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
    responses={200: {"model": ReferralCodeRead, "description": "the participant's existing code"}},
)
async def create_referral_code(
    body: ReferralCodeCreate, uow: UnitOfWorkDep, response: Response
) -> ReferralCodeRead:
    """A participant's referral code for a campaign (the same code every time they ask)."""
    code, created = await service.get_or_create_code(uow, body.campaign_id, body.participant_id)
    if not created:
        response.status_code = status.HTTP_200_OK
    return ReferralCodeRead.model_validate(code)


@router.get("/codes", dependencies=READ)
async def list_referral_codes(
    uow: UnitOfWorkDep, page: PageDep, campaign_id: CampaignQuery = None
) -> Page[ReferralCodeRead]:
    codes = uow.repo(ReferralRepository)
    rows, next_cursor = await codes.paginate(codes.list_codes(campaign_id), page)
    return Page(items=[ReferralCodeRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post(
    "/accept",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    response_model=ReferralRead,
    responses={200: {"model": ReferralRead, "description": "this invitee had already accepted"}},
)
async def accept_referral(
    body: ReferralAccept,
    uow: UnitOfWorkDep,
    response: Response,
    ctx: ContextDep,
    tracking_codes: TrackingCodesDep,
) -> ReferralRead:
    """An invitee accepts a referral code; may issue the referrer's reward (exactly once).
    ``source`` (a tracking code or ids) says which publication brought the invitee."""
    source = await resolve_source(tracking_codes, ctx, body.source)
    referral, created, rewards = await service.accept(uow, body.code, body.invitee_id, source)
    if not created:
        response.status_code = status.HTTP_200_OK
    return referral_read(referral, duplicate=not created, rewards=rewards)


@router.post("/rules", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def create_reward_rule(body: RewardRuleCreate, uow: UnitOfWorkDep) -> RewardRuleRead:
    """After ``invites_required`` accepted invites a referrer gets a coupon from ``batch_id``."""
    return RewardRuleRead.model_validate(await service.create_rule(uow, body))


@router.get("/rules", dependencies=READ)
async def list_reward_rules(
    uow: UnitOfWorkDep, page: PageDep, campaign_id: CampaignQuery = None
) -> Page[RewardRuleRead]:
    rules = uow.repo(RewardRuleRepository)
    rows, next_cursor = await rules.paginate(rules.list_rules(campaign_id), page)
    return Page(items=[RewardRuleRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/rewards", dependencies=READ)
async def list_referral_rewards(
    uow: UnitOfWorkDep, page: PageDep, campaign_id: CampaignQuery = None
) -> Page[RewardRead]:
    rewards = uow.repo(RewardRepository)
    rows, next_cursor = await rewards.paginate(rewards.list_rewards(campaign_id), page)
    return Page(items=[RewardRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/stats", dependencies=READ)
async def get_referral_stats(
    uow: UnitOfWorkDep, campaign_id: Annotated[uuid.UUID, Query()]
) -> ReferralStats:
    """Seeds, invitees, multiplication rate (invitees per seed) and per-generation counts."""
    return await service.stats(uow, campaign_id)
