from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from campaign_svc.campaigns import service
from campaign_svc.campaigns.dependencies import CampaignDep, LiveGoalsDep
from campaign_svc.campaigns.exceptions import CampaignWindowClosed, IllegalCampaignTransition
from campaign_svc.campaigns.repository import CampaignRepository
from campaign_svc.campaigns.schemas import (
    CampaignCreate,
    CampaignRead,
    CampaignStats,
    CampaignTransition,
    CampaignUpdate,
)
from campaign_svc.campaigns.vocabulary import CampaignKind
from campaign_svc.scopes import READ, WRITE
from servicekit.apidoc import problems
from servicekit.context import ContextDep
from servicekit.pagination import Page, PageDep
from servicekit.unitofwork import UnitOfWorkDep
from servicekit.versioning import etag

router = APIRouter(prefix="/v1/campaigns", tags=["campaigns"])


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def create_campaign(
    body: CampaignCreate,
    uow: UnitOfWorkDep,
    response: Response,
    live_goals: LiveGoalsDep,
    ctx: ContextDep,
) -> CampaignRead:
    """Create a campaign as a draft; move it to ``scheduled`` to let it run in its window.

    The answer carries the campaign with its goals' live progress, its ``ETag`` (send it back
    as ``If-Match`` to change the campaign safely) and ``Location``."""
    campaign = await service.create_campaign(uow, body)
    response.headers["ETag"] = etag(campaign.version)
    response.headers["Location"] = f"/v1/campaigns/{campaign.id}"
    return await service.read_campaign(live_goals, ctx, campaign)


@router.get("", dependencies=READ)
async def list_campaigns(
    uow: UnitOfWorkDep,
    page: PageDep,
    live_goals: LiveGoalsDep,
    ctx: ContextDep,
    kind: Annotated[CampaignKind | None, Query()] = None,
) -> Page[CampaignRead]:
    """List campaigns, oldest first, optionally of one ``kind``; each goal shows its live
    progress (metrics-svc is asked for every goal of the page at once)."""
    campaigns = uow.repo(CampaignRepository)
    rows, next_cursor = await campaigns.paginate(campaigns.list_campaigns(kind), page)
    items = await service.to_reads(live_goals, ctx, rows)
    return Page(items=items, next_cursor=next_cursor)


@router.get("/{campaign_id}", dependencies=READ)
async def get_campaign(
    campaign: CampaignDep, response: Response, live_goals: LiveGoalsDep, ctx: ContextDep
) -> CampaignRead:
    """Read a campaign with its effective status; each goal shows ``live`` progress from
    metrics-svc over the campaign's window (``unavailable`` with a ``reason`` when metrics-svc
    cannot answer). The ``ETag`` header carries its version, for ``If-Match``."""
    response.headers["ETag"] = etag(campaign.version)
    return await service.read_campaign(live_goals, ctx, campaign)


@router.patch("/{campaign_id}", dependencies=WRITE)
async def update_campaign(
    campaign: CampaignDep,
    body: CampaignUpdate,
    uow: UnitOfWorkDep,
    response: Response,
    live_goals: LiveGoalsDep,
    ctx: ContextDep,
    if_match: Annotated[str | None, Header()] = None,
) -> CampaignRead:
    """Change a campaign's name, kind, window, budget, goals or linked ids: only the fields
    sent change (lists are replaced whole). Send the ``ETag`` you read as ``If-Match`` so a
    change made meanwhile by someone else is a 412 instead of being overwritten; the new window
    must still end after it starts."""
    campaign = await service.update_campaign(uow, campaign, body, if_match)
    response.headers["ETag"] = etag(campaign.version)
    return await service.read_campaign(live_goals, ctx, campaign)


@router.post(
    "/{campaign_id}/status",
    dependencies=WRITE,
    responses=problems(IllegalCampaignTransition, CampaignWindowClosed),
)
async def transition_campaign(
    campaign: CampaignDep,
    body: CampaignTransition,
    uow: UnitOfWorkDep,
    response: Response,
    live_goals: LiveGoalsDep,
    ctx: ContextDep,
    if_match: Annotated[str | None, Header()] = None,
) -> CampaignRead:
    """Move a campaign by hand: draft → scheduled → running → paused → ended (409 names the
    moves allowed from where it is). Scheduling publishes it: it runs from ``starts_at`` to
    ``ends_at`` by the clock; ``running`` from scheduled starts it now. ``If-Match`` is honoured
    as on ``PATCH``."""
    campaign = await service.transition_campaign(uow, campaign, body.status, if_match)
    response.headers["ETag"] = etag(campaign.version)
    return await service.read_campaign(live_goals, ctx, campaign)


@router.get("/{campaign_id}/stats", dependencies=READ)
async def get_campaign_stats(campaign: CampaignDep, uow: UnitOfWorkDep) -> CampaignStats:
    """Count a campaign's coupons (batches, issued, claimed, redeemed, rolled back), the money
    its applied redemptions moved (discounts and GMV, in minor units), its leads and its
    referral seeds and invitees, as they stand now."""
    return await service.campaign_stats(uow, campaign)
