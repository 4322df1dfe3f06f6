"""Campaign rules: the status an operator chose, combined with the clock.

Stored ``status`` is what a person decided: draft, scheduled (published, runs in its window),
running (resumed by hand), paused, ended. The *effective* status is computed on every read and
check from that and the current time (``effective_status``): a scheduled campaign runs once
``starts_at`` passes and ends at ``ends_at`` without any timer or worker touching the row, so
the answer is never stale and there is nothing to fall behind.
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from campaign_svc.campaigns.exceptions import (
    CampaignNotFound,
    CampaignNotRunning,
    CampaignWindowClosed,
    IllegalCampaignTransition,
)
from campaign_svc.campaigns.goals import LiveGoals
from campaign_svc.campaigns.models import Campaign
from campaign_svc.campaigns.repository import CampaignRepository
from campaign_svc.campaigns.schemas import (
    CampaignCreate,
    CampaignRead,
    CampaignStats,
    CampaignUpdate,
    GoalRead,
)
from campaign_svc.campaigns.vocabulary import CampaignStatus
from servicekit.context import RequestContext
from servicekit.errors import Unprocessable
from servicekit.unitofwork import UnitOfWork
from servicekit.versioning import check_if_match

# Hand moves by effective status (the clock moves scheduled → running → ended by itself).
TRANSITIONS: dict[CampaignStatus, list[CampaignStatus]] = {
    CampaignStatus.DRAFT: [CampaignStatus.SCHEDULED, CampaignStatus.ENDED],
    CampaignStatus.SCHEDULED: [CampaignStatus.DRAFT, CampaignStatus.RUNNING, CampaignStatus.ENDED],
    CampaignStatus.RUNNING: [CampaignStatus.PAUSED, CampaignStatus.ENDED],
    CampaignStatus.PAUSED: [CampaignStatus.RUNNING, CampaignStatus.ENDED],
    CampaignStatus.ENDED: [],
}


def now_utc() -> datetime:
    return datetime.now(UTC)


def effective_status(campaign: Campaign, now: datetime | None = None) -> CampaignStatus:
    now = now or now_utc()
    stored = CampaignStatus(campaign.status)
    if stored in (CampaignStatus.DRAFT, CampaignStatus.ENDED):
        return stored
    if now >= campaign.ends_at:
        return CampaignStatus.ENDED
    if stored == CampaignStatus.PAUSED:
        return CampaignStatus.PAUSED
    return CampaignStatus.RUNNING if now >= campaign.starts_at else CampaignStatus.SCHEDULED


def to_read(campaign: Campaign, goals: list[GoalRead]) -> CampaignRead:
    data: dict[str, Any] = {
        name: getattr(campaign, name)
        for name in CampaignRead.model_fields
        if name not in ("status", "goals")
    }
    return CampaignRead(status=effective_status(campaign), goals=goals, **data)


async def to_reads(
    live_goals: LiveGoals, ctx: RequestContext, campaigns: Sequence[Campaign]
) -> list[CampaignRead]:
    """The campaigns as read, each goal with its live progress from metrics-svc."""
    goals = await live_goals.of_campaigns(ctx, campaigns)
    return [to_read(c, g) for c, g in zip(campaigns, goals, strict=True)]


async def read_campaign(
    live_goals: LiveGoals, ctx: RequestContext, campaign: Campaign
) -> CampaignRead:
    return (await to_reads(live_goals, ctx, [campaign]))[0]


def ensure_running(campaign: Campaign) -> None:
    """A campaign outside its window (or paused, draft, ended) cannot issue or redeem."""
    status = effective_status(campaign)
    if status != CampaignStatus.RUNNING:
        raise CampaignNotRunning(campaign.name, status, campaign.starts_at, campaign.ends_at)


async def create_campaign(uow: UnitOfWork, data: CampaignCreate) -> Campaign:
    return await uow.repo(CampaignRepository).add(
        Campaign(**data.model_dump(), status=CampaignStatus.DRAFT)
    )


async def _lock(uow: UnitOfWork, campaign: Campaign, if_match: str | None) -> Campaign:
    # Under the row lock two writers holding the same version cannot both pass If-Match.
    repo = uow.repo(CampaignRepository)
    locked = await repo.get_or_raise(campaign.id, CampaignNotFound, lock=True)
    check_if_match(if_match, locked.version)
    return locked


async def update_campaign(
    uow: UnitOfWork, campaign: Campaign, data: CampaignUpdate, if_match: str | None
) -> Campaign:
    campaign = await _lock(uow, campaign, if_match)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    starts_at = data.starts_at or campaign.starts_at
    ends_at = data.ends_at or campaign.ends_at
    if ends_at <= starts_at:
        raise Unprocessable(
            f"ends_at ({ends_at.isoformat()}) must be after starts_at ({starts_at.isoformat()})"
        )
    # Flushed here so the answer (and its ETag) carries the version the change was given.
    return await uow.repo(CampaignRepository).update(campaign, changes)


async def transition_campaign(
    uow: UnitOfWork, campaign: Campaign, target: CampaignStatus, if_match: str | None
) -> Campaign:
    campaign = await _lock(uow, campaign, if_match)
    now = now_utc()
    current = effective_status(campaign, now)
    allowed = TRANSITIONS[current]
    if target not in allowed:
        raise IllegalCampaignTransition(current, target, allowed)
    if target in (CampaignStatus.SCHEDULED, CampaignStatus.RUNNING) and now >= campaign.ends_at:
        raise CampaignWindowClosed(campaign.ends_at)
    if target == CampaignStatus.RUNNING and current == CampaignStatus.SCHEDULED:
        # Starting early by hand moves the window's start to now.
        campaign.starts_at = now
    campaign.status = target
    await uow.repo(CampaignRepository).flush()
    return campaign


async def campaign_stats(uow: UnitOfWork, campaign: Campaign) -> CampaignStats:
    numbers = await uow.repo(CampaignRepository).stats_numbers(campaign.id)
    return CampaignStats(
        campaign_id=campaign.id,
        status=effective_status(campaign),
        **numbers,
    )
