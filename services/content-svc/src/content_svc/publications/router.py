import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from content_svc.insights import BestTimesLookupDep
from content_svc.publications import service
from content_svc.publications.dependencies import PublicationDep
from content_svc.publications.models import PublicationStatus
from content_svc.publications.repository import PublicationRepository
from content_svc.publications.schemas import MarkPublished, PublicationCreate, PublicationRead
from content_svc.scopes import READ, WRITE
from servicekit.context import ContextDep
from servicekit.pagination import Page, PageDep
from servicekit.timebounds import Instant
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/publications", tags=["publications"])


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def create_publication(
    body: PublicationCreate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    response: Response,
    best_times_lookup: BestTimesLookupDep,
) -> PublicationRead:
    """Schedule an approved post on a channel: at ``scheduled_at``, at the channel's next best
    slot (``schedule: next_best_slot``), or now when neither is given."""
    publication = await service.create_publication(uow, body, ctx.actor_id, best_times_lookup)
    response.headers["Location"] = f"/v1/publications/{publication.id}"
    return PublicationRead.model_validate(publication)


@router.get("", dependencies=READ)
async def list_publications(
    uow: UnitOfWorkDep,
    page: PageDep,
    status: Annotated[PublicationStatus | None, Query()] = None,
    channel_id: Annotated[uuid.UUID | None, Query()] = None,
    post_id: Annotated[uuid.UUID | None, Query()] = None,
    scheduled_from: Annotated[
        Instant | None, Query(alias="from", description="scheduled_at >= from")
    ] = None,
    scheduled_to: Annotated[
        Instant | None, Query(alias="to", description="scheduled_at < to")
    ] = None,
) -> Page[PublicationRead]:
    publications = uow.repo(PublicationRepository)
    stmt = publications.list_publications(
        status=status,
        channel_id=channel_id,
        post_id=post_id,
        scheduled_from=scheduled_from,
        scheduled_to=scheduled_to,
    )
    rows, next_cursor = await publications.paginate(stmt, page)
    return Page(items=[PublicationRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/{publication_id}", dependencies=READ)
async def get_publication(publication: PublicationDep) -> PublicationRead:
    return PublicationRead.model_validate(publication)


@router.post("/{publication_id}/cancel", dependencies=WRITE)
async def cancel_publication(publication: PublicationDep, uow: UnitOfWorkDep) -> PublicationRead:
    """Stop a scheduled (or failed) publication from going out."""
    return PublicationRead.model_validate(await service.cancel_publication(uow, publication))


@router.post("/{publication_id}/retry", dependencies=WRITE)
async def retry_publication(publication: PublicationDep, uow: UnitOfWorkDep) -> PublicationRead:
    """Put a failed publication back on the schedule, due now, with a fresh attempt budget."""
    return PublicationRead.model_validate(await service.retry_publication(uow, publication))


@router.post("/{publication_id}/mark-published", dependencies=WRITE)
async def mark_published(
    publication: PublicationDep,
    body: MarkPublished,
    uow: UnitOfWorkDep,
) -> PublicationRead:
    """Record that an operator published it by hand (channels with a manual publisher)."""
    published = await service.mark_published(uow, publication, body)
    return PublicationRead.model_validate(published)
