import uuid
from typing import Annotated

from fastapi import Depends, Request

from campaign_svc.partners.exceptions import CollaborationNotFound, PartnerNotFound
from campaign_svc.partners.models import Collaboration, Partner
from campaign_svc.partners.repository import CollaborationRepository, PartnerRepository
from campaign_svc.partners.returns import PublicationReturns
from campaign_svc.state import campaign_state
from servicekit.unitofwork import UnitOfWorkDep


async def get_partner_or_404(partner_id: uuid.UUID, uow: UnitOfWorkDep) -> Partner:
    return await uow.repo(PartnerRepository).get_or_raise(partner_id, PartnerNotFound)


PartnerDep = Annotated[Partner, Depends(get_partner_or_404)]


async def get_collaboration_or_404(
    collaboration_id: uuid.UUID, uow: UnitOfWorkDep
) -> Collaboration:
    return await uow.repo(CollaborationRepository).get_or_raise(
        collaboration_id, CollaborationNotFound
    )


CollaborationDep = Annotated[Collaboration, Depends(get_collaboration_or_404)]


async def get_publication_returns(request: Request) -> PublicationReturns:
    return campaign_state(request)["publication_returns"]


PublicationReturnsDep = Annotated[PublicationReturns, Depends(get_publication_returns)]
