import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from content_svc.insights import BestTimesLookupDep
from content_svc.publications import service
from content_svc.publications.dependencies import PublicationDep
from content_svc.publications.exceptions import (
    BreaksChannelLimits,
    IllegalPublicationTransition,
    NoBestSlot,
    NotAManualChannel,
    PostNotApproved,
    PublishedChannelNotFound,
    PublishedPostNotFound,
    ScheduledTooEarly,
    ScheduledTooLate,
)
from content_svc.publications.models import PublicationStatus
from content_svc.publications.repository import PublicationRepository
from content_svc.publications.schemas import MarkPublished, PublicationCreate, PublicationRead
from content_svc.scopes import READ, WRITE
from servicekit.apidoc import problems
from servicekit.context import ContextDep
from servicekit.pagination import Page, PageDep
from servicekit.timebounds import Instant
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/publications", tags=["publications"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(
        PublishedPostNotFound,
        PublishedChannelNotFound,
        PostNotApproved,
        ScheduledTooEarly,
        ScheduledTooLate,
        NoBestSlot,
        BreaksChannelLimits,
    ),
)
async def create_publication(
    body: PublicationCreate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    response: Response,
    best_times_lookup: BestTimesLookupDep,
) -> PublicationRead:
    """Schedule an approved post on a channel: at ``scheduled_at``, at the channel's next best
    slot (``schedule: next_best_slot``), or now when neither is given.

    The piece (the post with this channel's overrides) must meet the channel's limits. The
    answer carries the publication's `tracking_code` for links, QR codes and posters.
    """
    publication = await service.create_publication(uow, body, ctx.actor_id, best_times_lookup)
    response.headers["Location"] = f"/v1/publications/{publication.id}"
    return PublicationRead.model_validate(publication)


@router.get("", dependencies=READ)
async def list_publications(
    uow: UnitOfWorkDep,
    page: PageDep,
    status: Annotated[
        PublicationStatus | None, Query(description="Only publications in this status")
    ] = None,
    channel_id: Annotated[uuid.UUID | None, Query(description="Only on this channel")] = None,
    post_id: Annotated[uuid.UUID | None, Query(description="Only of this post")] = None,
    scheduled_from: Annotated[
        Instant | None, Query(alias="from", description="scheduled_at >= from")
    ] = None,
    scheduled_to: Annotated[
        Instant | None, Query(alias="to", description="scheduled_at < to")
    ] = None,
) -> Page[PublicationRead]:
    """The workspace's publications, oldest first, a page at a time, filtered by status,
    channel, post and a window of `scheduled_at`."""
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
    """One publication: its status, attempts, last error, and where it was published."""
    return PublicationRead.model_validate(publication)


@router.post(
    "/{publication_id}/cancel",
    dependencies=WRITE,
    responses=problems(IllegalPublicationTransition),
)
async def cancel_publication(publication: PublicationDep, uow: UnitOfWorkDep) -> PublicationRead:
    """Stop a scheduled (or failed) publication from going out."""
    return PublicationRead.model_validate(await service.cancel_publication(uow, publication))


@router.post(
    "/{publication_id}/retry",
    dependencies=WRITE,
    responses=problems(IllegalPublicationTransition),
)
async def retry_publication(publication: PublicationDep, uow: UnitOfWorkDep) -> PublicationRead:
    """Put a failed publication back on the schedule, due now, with a fresh attempt budget."""
    return PublicationRead.model_validate(await service.retry_publication(uow, publication))


@router.post(
    "/{publication_id}/mark-published",
    dependencies=WRITE,
    responses=problems(NotAManualChannel, IllegalPublicationTransition),
)
async def mark_published(
    publication: PublicationDep,
    body: MarkPublished,
    uow: UnitOfWorkDep,
) -> PublicationRead:
    """Record that an operator published it by hand (channels with a manual publisher)."""
    published = await service.mark_published(uow, publication, body)
    return PublicationRead.model_validate(published)
