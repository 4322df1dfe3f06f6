import uuid
from typing import Annotated

from fastapi import Depends

from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.campaigns.models import Campaign
from campaign_svc.campaigns.repository import CampaignRepository
from servicekit.context import ContextDep
from servicekit.db import SessionDep


def get_campaign_repository(session: SessionDep, ctx: ContextDep) -> CampaignRepository:
    return CampaignRepository(session, ctx.workspace_id)


CampaignRepoDep = Annotated[CampaignRepository, Depends(get_campaign_repository)]


async def get_campaign_or_404(campaign_id: uuid.UUID, repo: CampaignRepoDep) -> Campaign:
    campaign = await repo.get(campaign_id)
    if campaign is None:
        raise CampaignNotFound(campaign_id)
    return campaign


CampaignDep = Annotated[Campaign, Depends(get_campaign_or_404)]
