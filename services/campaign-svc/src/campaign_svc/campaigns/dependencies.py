import uuid
from typing import Annotated

from fastapi import Depends

from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.campaigns.models import Campaign
from campaign_svc.campaigns.repository import CampaignRepository
from servicekit.unitofwork import UnitOfWorkDep


async def get_campaign_or_404(campaign_id: uuid.UUID, uow: UnitOfWorkDep) -> Campaign:
    return await uow.repo(CampaignRepository).get_or_raise(campaign_id, CampaignNotFound)


CampaignDep = Annotated[Campaign, Depends(get_campaign_or_404)]
