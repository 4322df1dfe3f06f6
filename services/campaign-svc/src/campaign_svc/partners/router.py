import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response, status

from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.partners import service
from campaign_svc.partners.dependencies import (
    CollaborationDep,
    PartnerDep,
    PublicationReturnsDep,
)
from campaign_svc.partners.exceptions import (
    AgreedPriceMissing,
    CollaborationFinal,
    IllegalCollaborationTransition,
    PartnerHandleTaken,
    PartnerHasCollaborations,
    PartnerNotFound,
    PublicationRequired,
    PublicationTaken,
    WindowInvalid,
)
from campaign_svc.partners.repository import CollaborationRepository, PartnerRepository
from campaign_svc.partners.schemas import (
    CollaborationCreate,
    CollaborationRead,
    CollaborationRoi,
    CollaborationTransition,
    CollaborationUpdate,
    Currency,
    PartnerCreate,
    PartnerRanking,
    PartnerRead,
    PartnerUpdate,
)
from campaign_svc.partners.vocabulary import CollaborationStatus, PartnerPlatform
from campaign_svc.scopes import READ, WRITE, Scope
from campaign_svc.sources.dependencies import TrackingCodesDep
from campaign_svc.sources.exceptions import PublicationNotFound
from servicekit.apidoc import problems
from servicekit.context import ContextDep, get_request_context
from servicekit.idempotency import answer_view
from servicekit.pagination import MAX_LIMIT, Page, PageDep
from servicekit.timebounds import Day
from servicekit.unitofwork import UnitOfWorkDep
from servicekit.versioning import etag
from servicekit.zones import TimeZone

partner_router = APIRouter(prefix="/v1/partners", tags=["partners"])
collaboration_router = APIRouter(prefix="/v1/collaborations", tags=["collaborations"])

# The window parameters of a collaboration's return and of the ranking.
FromDay = Annotated[
    Day | None,
    Query(
        alias="from",
        description="The window's first day (YYYY-MM-DD, read in `tz`).",
        examples=["2027-10-01"],
    ),
]
ToDay = Annotated[
    Day | None,
    Query(
        description="The window's last day, included (YYYY-MM-DD, read in `tz`); at most 366 "
        "days after `from`.",
        examples=["2027-11-30"],
    ),
]
Tz = Annotated[
    TimeZone,
    Query(
        description="The IANA time zone the window's days are read in.", examples=["Asia/Shanghai"]
    ),
]


async def _partner_shown_to_caller(request: Request, answer: Response) -> Response:
    """The answer is stored unmasked (under an Idempotency-Key) and masked per caller here: a
    replay of the same key may come from a caller without leads:pii, who must not see what
    the first caller saw."""
    ctx = await get_request_context(request)
    if ctx.has_scope(Scope.LEADS_PII):
        return answer
    shown = service.mask_partner_read(PartnerRead.model_validate_json(bytes(answer.body)))
    headers = {k: v for k, v in answer.headers.items() if k.lower() != "content-length"}
    return Response(shown.model_dump_json(), status_code=answer.status_code, headers=headers)


@partner_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    response_model=PartnerRead,
    responses=problems(PartnerHandleTaken),
)
@answer_view(_partner_shown_to_caller)
async def create_partner(
    body: PartnerCreate, uow: UnitOfWorkDep, response: Response
) -> PartnerRead:
    """Add a partner account (a KOL, a creator, another brand's account) the team may pay to
    carry a post: platform and handle (one partner per account), audience, tone tags, reach,
    price per post and the person's contact, masked in the answer without ``leads:pii``."""
    partner = await service.create_partner(uow.repo(PartnerRepository), body)
    response.headers["ETag"] = etag(partner.version)
    response.headers["Location"] = f"/v1/partners/{partner.id}"
    # The full answer: _partner_shown_to_caller masks it for this caller (and every replay).
    return service.to_partner_read(partner, full=True)


@partner_router.get("", dependencies=READ)
async def list_partners(
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    page: PageDep,
    platform: Annotated[
        PartnerPlatform | None, Query(description="Only accounts on this platform.")
    ] = None,
    tag: Annotated[
        str | None,
        Query(min_length=1, max_length=32, description="Only partners with this tone tag."),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=100,
            description="Only partners whose handle or display name contains this text (any case).",
        ),
    ] = None,
    min_followers: Annotated[
        int | None, Query(ge=0, description="Only accounts with at least this many followers.")
    ] = None,
    max_price: Annotated[
        int | None,
        Query(
            ge=0, description="Only accounts whose price per post is at most this (minor units)."
        ),
    ] = None,
) -> Page[PartnerRead]:
    """List partner accounts, oldest first, by platform, tone tag, text in the handle or name,
    reach and price; contacts are masked unless the caller holds ``leads:pii``."""
    partners = uow.repo(PartnerRepository)
    stmt = partners.list_partners(
        platform=platform, tag=tag, q=q, min_followers=min_followers, max_price=max_price
    )
    rows, next_cursor = await partners.paginate(stmt, page)
    full = ctx.has_scope(Scope.LEADS_PII)
    return Page(
        items=[service.to_partner_read(r, full=full) for r in rows], next_cursor=next_cursor
    )


@partner_router.get("/ranking", dependencies=READ, responses=problems(WindowInvalid))
async def rank_partners(
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    returns: PublicationReturnsDep,
    from_: FromDay = None,
    to: ToDay = None,
    tz: Tz = "UTC",
    currency: Annotated[
        Currency, Query(description="Only collaborations agreed in this currency count.")
    ] = "CNY",
    platform: Annotated[
        PartnerPlatform | None, Query(description="Only partners on this platform.")
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="How many partners, from the best.")
    ] = 50,
) -> PartnerRanking:
    """Rank partners by the return of their collaborations due in the window (default: the 90
    days up to today) that went out (published or paid): cost (agreed prices), and what their
    publications brought in the window — leads, joins, coupon claims, redemptions, GMV — from
    metrics-svc's attribution; best ROI first. When metrics-svc cannot answer, the partners
    are listed with their cost, unranked, and ``status`` says ``unavailable``."""
    return await service.partner_ranking(
        uow.repo(CollaborationRepository),
        returns,
        ctx,
        first_day=from_,
        last_day=to,
        tz=tz,
        currency=currency,
        platform=platform,
        limit=limit,
    )


@partner_router.get("/{partner_id}", dependencies=READ)
async def get_partner(partner: PartnerDep, ctx: ContextDep, response: Response) -> PartnerRead:
    """Read a partner account; its contact is masked unless the caller holds ``leads:pii``.
    The ``ETag`` header carries its version, for ``If-Match``."""
    response.headers["ETag"] = etag(partner.version)
    return service.to_partner_read(partner, full=ctx.has_scope(Scope.LEADS_PII))


@partner_router.patch("/{partner_id}", dependencies=WRITE, responses=problems(PartnerHandleTaken))
async def update_partner(
    partner: PartnerDep,
    body: PartnerUpdate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> PartnerRead:
    """Change the fields sent (null clears an optional one; `contact` is replaced whole).
    Send the ``ETag`` you read as ``If-Match`` so a change made meanwhile by someone else is a
    412 instead of being overwritten."""
    partner = await service.update_partner(uow.repo(PartnerRepository), partner, body, if_match)
    response.headers["ETag"] = etag(partner.version)
    return service.to_partner_read(partner, full=ctx.has_scope(Scope.LEADS_PII))


@partner_router.delete(
    "/{partner_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=WRITE,
    responses=problems(PartnerHasCollaborations),
)
async def delete_partner(partner: PartnerDep, uow: UnitOfWorkDep) -> None:
    """Remove a partner that never had a collaboration; one with collaborations keeps their
    history and return, and cannot be deleted."""
    await service.delete_partner(uow, partner)


# --- collaborations -------------------------------------------------------------------------


@collaboration_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(
        PartnerNotFound,
        CampaignNotFound,
        PublicationNotFound,
        PublicationTaken,
        AgreedPriceMissing,
    ),
)
async def create_collaboration(
    body: CollaborationCreate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    codes: TrackingCodesDep,
    response: Response,
) -> CollaborationRead:
    """Propose a collaboration with a partner: the brief, the price agreed (default: the
    partner's price per post), the due date, the campaign it serves and the publication that
    carries the post (content-svc tells its tracking code; it can be linked later). It starts
    as ``proposed``."""
    collaboration = await service.create_collaboration(uow, codes, ctx, body)
    response.headers["ETag"] = etag(collaboration.version)
    response.headers["Location"] = f"/v1/collaborations/{collaboration.id}"
    return service.to_collaboration_read(collaboration)


@collaboration_router.get("", dependencies=READ)
async def list_collaborations(
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    codes: TrackingCodesDep,
    page: PageDep,
    partner_id: Annotated[uuid.UUID | None, Query(description="Only this partner's.")] = None,
    campaign_id: Annotated[uuid.UUID | None, Query(description="Only this campaign's.")] = None,
    status: Annotated[
        CollaborationStatus | None, Query(description="Only those in this status.")
    ] = None,
    publication_id: Annotated[
        uuid.UUID | None, Query(description="Only the one this publication carries.")
    ] = None,
    due_from: Annotated[
        Day | None, Query(description="Only those due on or after this day (YYYY-MM-DD).")
    ] = None,
    due_to: Annotated[
        Day | None, Query(description="Only those due on or before this day (YYYY-MM-DD).")
    ] = None,
) -> Page[CollaborationRead]:
    """List collaborations, oldest first, by partner, campaign, status, publication and a
    window of due dates."""
    collaborations = uow.repo(CollaborationRepository)
    stmt = collaborations.list_collaborations(
        partner_id=partner_id,
        campaign_id=campaign_id,
        status=status,
        publication_id=publication_id,
        due_from=due_from,
        due_to=due_to,
    )
    rows, next_cursor = await collaborations.paginate(stmt, page)
    items = await service.collaboration_reads(codes, ctx, rows)
    return Page(items=items, next_cursor=next_cursor)


@collaboration_router.get("/{collaboration_id}", dependencies=READ)
async def get_collaboration(
    collaboration: CollaborationDep, ctx: ContextDep, codes: TrackingCodesDep, response: Response
) -> CollaborationRead:
    """Read a collaboration with its publication's tracking code. The ``ETag`` header carries
    its version, for ``If-Match``."""
    response.headers["ETag"] = etag(collaboration.version)
    return await service.read_collaboration(codes, ctx, collaboration)


@collaboration_router.patch(
    "/{collaboration_id}",
    dependencies=WRITE,
    responses=problems(
        CollaborationFinal,
        PublicationRequired,
        PublicationTaken,
        CampaignNotFound,
        PublicationNotFound,
    ),
)
async def update_collaboration(
    collaboration: CollaborationDep,
    body: CollaborationUpdate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    codes: TrackingCodesDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> CollaborationRead:
    """Change the brief, price, currency, due date, campaign or publication (only the fields
    sent; null clears the campaign or unlinks the publication, which a published or paid
    collaboration keeps). A paid or cancelled collaboration is final (409). ``If-Match`` as on
    every edited resource."""
    collaboration = await service.update_collaboration(
        uow, codes, ctx, collaboration, body, if_match
    )
    response.headers["ETag"] = etag(collaboration.version)
    return await service.read_collaboration(codes, ctx, collaboration)


@collaboration_router.post(
    "/{collaboration_id}/status",
    dependencies=WRITE,
    responses=problems(IllegalCollaborationTransition, PublicationRequired),
)
async def transition_collaboration(
    collaboration: CollaborationDep,
    body: CollaborationTransition,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    codes: TrackingCodesDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> CollaborationRead:
    """Move a collaboration: proposed → agreed → published → paid, or to cancelled from any
    but paid (409 names the moves allowed from where it is). Published needs the publication
    that carries the post. ``If-Match`` is honoured as on ``PATCH``."""
    collaboration = await service.transition_collaboration(
        uow.repo(CollaborationRepository), collaboration, body.status, if_match
    )
    response.headers["ETag"] = etag(collaboration.version)
    return await service.read_collaboration(codes, ctx, collaboration)


@collaboration_router.get(
    "/{collaboration_id}/roi", dependencies=READ, responses=problems(WindowInvalid)
)
async def get_collaboration_roi(
    collaboration: CollaborationDep,
    ctx: ContextDep,
    codes: TrackingCodesDep,
    returns: PublicationReturnsDep,
    from_: FromDay = None,
    to: ToDay = None,
    tz: Tz = "UTC",
) -> CollaborationRoi:
    """What the collaboration's publication brought — leads, group joins, coupon claims,
    redemptions and GMV made with its tracking code, from metrics-svc's attribution — against
    its cost (the agreed price): ROI = (GMV - cost) / cost, net return and cost per lead.

    The window defaults to the days from the earlier of the collaboration's creation and its
    due date up to today (at most 366). When metrics-svc cannot answer, ``numbers.status`` is
    ``unavailable`` with the reason and the rest of the answer stands; without a linked
    publication it is ``no_publication``."""
    return await service.collaboration_roi(
        returns, codes, ctx, collaboration, first_day=from_, last_day=to, tz=tz
    )
