import uuid
from typing import Annotated

from fastapi import Depends

from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.campaigns.models import Campaign
from campaign_svc.campaigns.repository import CampaignRepository
from servicekit.unitofwork import UnitOfWorkDep


async def get_campaign_or_404(campaign_id: uuid.UUID, uow: UnitOfWorkDep) -> Campaign:
    campaign = await uow.repo(CampaignRepository).get(campaign_id)
    if campaign is None:
        raise CampaignNotFound(campaign_id)
    return campaign


CampaignDep = Annotated[Campaign, Depends(get_campaign_or_404)]
