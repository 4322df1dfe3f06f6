import uuid
from typing import Annotated

from fastapi import Depends

from content_svc.publications.exceptions import PublicationNotFound
from content_svc.publications.models import Publication
from content_svc.publications.repository import PublicationRepository
from servicekit.context import ContextDep
from servicekit.db import SessionDep


def get_publication_repository(session: SessionDep, ctx: ContextDep) -> PublicationRepository:
    return PublicationRepository(session, ctx.workspace_id)


PublicationRepoDep = Annotated[PublicationRepository, Depends(get_publication_repository)]


async def get_publication_or_404(
    publication_id: uuid.UUID, repo: PublicationRepoDep
) -> Publication:
    publication = await repo.get(publication_id)
    if publication is None:
        raise PublicationNotFound(publication_id)
    return publication


PublicationDep = Annotated[Publication, Depends(get_publication_or_404)]
