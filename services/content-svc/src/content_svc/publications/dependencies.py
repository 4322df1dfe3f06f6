import uuid
from typing import Annotated

from fastapi import Depends

from content_svc.publications.exceptions import PublicationNotFound
from content_svc.publications.models import Publication
from content_svc.publications.repository import PublicationRepository
from servicekit.unitofwork import UnitOfWorkDep


async def get_publication_or_404(publication_id: uuid.UUID, uow: UnitOfWorkDep) -> Publication:
    return await uow.repo(PublicationRepository).get_or_raise(publication_id, PublicationNotFound)


PublicationDep = Annotated[Publication, Depends(get_publication_or_404)]
