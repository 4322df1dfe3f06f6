import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

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
from servicekit.context import ContextDep, require_scope
from servicekit.db import SessionDep
from servicekit.idempotency import json_answer
from servicekit.pagination import Page, PageDep
from servicekit.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1/referrals", tags=["referrals"], responses=PROBLEM_RESPONSES)
read = [Depends(require_scope("campaign:read"))]
write = [Depends(require_scope("campaign:write"))]


def get_referral_repository(session: SessionDep, ctx: ContextDep) -> ReferralRepository:
    return ReferralRepository(session, ctx.workspace_id)


def get_rule_repository(session: SessionDep, ctx: ContextDep) -> RewardRuleRepository:
    return RewardRuleRepository(session, ctx.workspace_id)


def get_reward_repository(session: SessionDep, ctx: ContextDep) -> RewardRepository:
    return RewardRepository(session, ctx.workspace_id)


ReferralRepoDep = Annotated[ReferralRepository, Depends(get_referral_repository)]
RuleRepoDep = Annotated[RewardRuleRepository, Depends(get_rule_repository)]
RewardRepoDep = Annotated[RewardRepository, Depends(get_reward_repository)]
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
        duplicate=duplicate,
        rewards=[RewardRead.model_validate(r) for r in rewards],
    )


@router.post(
    "/codes",
    status_code=status.HTTP_201_CREATED,
    dependencies=write,
    responses={200: {"model": ReferralCodeRead, "description": "the participant's existing code"}},
)
async def create_referral_code(
    body: ReferralCodeCreate, repo: ReferralRepoDep, response: Response
) -> ReferralCodeRead:
    """A participant's referral code for a campaign (the same code every time they ask)."""
    code, created = await service.get_or_create_code(repo, body.campaign_id, body.participant_id)
    if not created:
        response.status_code = status.HTTP_200_OK
    return ReferralCodeRead.model_validate(code)


@router.get("/codes", dependencies=read)
async def list_referral_codes(
    repo: ReferralRepoDep, page: PageDep, campaign_id: CampaignQuery = None
) -> Page[ReferralCodeRead]:
    rows, next_cursor = await repo.paginate(repo.list_codes(campaign_id), page)
    return Page(items=[ReferralCodeRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post(
    "/accept",
    status_code=status.HTTP_201_CREATED,
    dependencies=write,
    response_model=ReferralRead,
    responses={200: {"model": ReferralRead, "description": "this invitee had already accepted"}},
)
async def accept_referral(body: ReferralAccept, repo: ReferralRepoDep) -> Response:
    """An invitee accepts a referral code; may issue the referrer's reward (exactly once)."""
    referral, created, rewards = await service.accept(repo, body.code, body.invitee_id)
    answer = referral_read(referral, duplicate=not created, rewards=rewards)
    return json_answer(answer, status.HTTP_201_CREATED if created else status.HTTP_200_OK)


@router.post("/rules", status_code=status.HTTP_201_CREATED, dependencies=write)
async def create_reward_rule(body: RewardRuleCreate, repo: ReferralRepoDep) -> RewardRuleRead:
    """After ``invites_required`` accepted invites a referrer gets a coupon from ``batch_id``."""
    return RewardRuleRead.model_validate(await service.create_rule(repo, body))


@router.get("/rules", dependencies=read)
async def list_reward_rules(
    repo: RuleRepoDep, page: PageDep, campaign_id: CampaignQuery = None
) -> Page[RewardRuleRead]:
    rows, next_cursor = await repo.paginate(repo.list_rules(campaign_id), page)
    return Page(items=[RewardRuleRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/rewards", dependencies=read)
async def list_referral_rewards(
    repo: RewardRepoDep, page: PageDep, campaign_id: CampaignQuery = None
) -> Page[RewardRead]:
    rows, next_cursor = await repo.paginate(repo.list_rewards(campaign_id), page)
    return Page(items=[RewardRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/stats", dependencies=read)
async def get_referral_stats(
    repo: ReferralRepoDep, campaign_id: Annotated[uuid.UUID, Query()]
) -> ReferralStats:
    """Seeds, invitees, multiplication rate (invitees per seed) and per-generation counts."""
    return await service.stats(repo, campaign_id)
