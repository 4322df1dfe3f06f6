import uuid
from typing import Annotated

from fastapi import Depends, Request

from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.campaigns.goals import LiveGoals
from campaign_svc.campaigns.models import Campaign
from campaign_svc.campaigns.repository import CampaignRepository
from campaign_svc.state import campaign_state
from servicekit.unitofwork import UnitOfWorkDep


async def get_campaign_or_404(campaign_id: uuid.UUID, uow: UnitOfWorkDep) -> Campaign:
    return await uow.repo(CampaignRepository).get_or_raise(campaign_id, CampaignNotFound)


CampaignDep = Annotated[Campaign, Depends(get_campaign_or_404)]


async def get_live_goals(request: Request) -> LiveGoals:
    return campaign_state(request)["live_goals"]


LiveGoalsDep = Annotated[LiveGoals, Depends(get_live_goals)]
