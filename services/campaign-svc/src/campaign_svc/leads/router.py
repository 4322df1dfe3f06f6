import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.leads import service
from campaign_svc.leads.repository import LeadRepository
from campaign_svc.leads.schemas import LeadCreate, LeadRead
from campaign_svc.scopes import READ, WRITE, Scope
from campaign_svc.sources.dependencies import TrackingCodesDep
from campaign_svc.sources.exceptions import UnknownTrackingCode
from campaign_svc.sources.resolver import resolve_source
from servicekit.apidoc import problems
from servicekit.context import ContextDep, get_request_context
from servicekit.csvexport import csv_document, csv_response, csv_stream
from servicekit.idempotency import answer_view
from servicekit.pagination import Page, PageDep
from servicekit.unitofwork import StreamingUnitOfWorkDep, UnitOfWorkDep

router = APIRouter(prefix="/v1/leads", tags=["leads"])

LEADS_CSV_COLUMNS = [
    "id",
    "campaign_id",
    "name",
    "phone",
    "email",
    "wechat_id",
    "source_channel_id",
]
# What the export looks like (as a caller without leads:pii gets it), built by the same writer
# the route uses; the route adds a UTF-8 byte order mark, left out here.
LEADS_CSV_EXAMPLE = csv_document(
    [*LEADS_CSV_COLUMNS, "consent_at", "created_at"],
    [
        [
            "0d9c8b7a-6f5e-4d4c-b3a2-19f8e7d6c5b4",
            "3f6c1a2e-8b4d-4e5f-9a7b-1c2d3e4f5a6b",
            "张**",
            "138****5678",
            "x***@example.com",
            "z***6",
            "9a8b7c6d-5e4f-4a3b-8c1d-0e9f8a7b6c5d",
            "2027-11-03T11:25:40.192837+00:00",
            "2027-11-03T11:25:40.192837+00:00",
        ]
    ],
)


async def _shown_to_caller(request: Request, answer: Response) -> Response:
    """The answer is stored unmasked (under an Idempotency-Key) and masked per caller here: a
    replay of the same key may come from a caller without leads:pii, who must not see what
    the first caller saw."""
    ctx = await get_request_context(request)
    if ctx.has_scope(Scope.LEADS_PII):
        return answer
    shown = service.mask_read(LeadRead.model_validate_json(bytes(answer.body)))
    headers = {k: v for k, v in answer.headers.items() if k.lower() != "content-length"}
    return Response(shown.model_dump_json(), status_code=answer.status_code, headers=headers)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    response_model=LeadRead,
    responses={
        200: {
            "model": LeadRead,
            "description": "Already a lead of this campaign (`duplicate: true`): the existing "
            "lead, nothing stored.",
        },
        **problems(UnknownTrackingCode, CampaignNotFound),
    },
)
@answer_view(_shown_to_caller)
async def capture_lead(
    body: LeadCreate,
    uow: UnitOfWorkDep,
    response: Response,
    ctx: ContextDep,
    tracking_codes: TrackingCodesDep,
) -> LeadRead:
    """Capture a lead (consent required). 201 when new; 200 with ``duplicate: true`` when the
    phone, e-mail or WeChat id is already a lead of the campaign. Masked without ``leads:pii``.
    ``source`` (a tracking code or ids) says which publication brought the lead."""
    source = await resolve_source(tracking_codes, ctx, body.source)
    lead, created = await service.capture_lead(uow, body, source)
    if not created:
        response.status_code = status.HTTP_200_OK
    # The full answer: _shown_to_caller masks it for this caller (and for every replay).
    return service.to_read(lead, full=True, duplicate=not created)


@router.get("", dependencies=READ)
async def list_leads(
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    page: PageDep,
    campaign_id: Annotated[uuid.UUID | None, Query()] = None,
    source_channel_id: Annotated[str | None, Query(max_length=64)] = None,
) -> Page[LeadRead]:
    """List leads, oldest first, by ``campaign_id`` and ``source_channel_id``; contact details
    are masked (``138****5678``, ``a***@example.com``) unless the caller holds ``leads:pii``."""
    leads = uow.repo(LeadRepository)
    rows, next_cursor = await leads.paginate(leads.list_leads(campaign_id, source_channel_id), page)
    full = ctx.has_scope(Scope.LEADS_PII)
    return Page(items=[service.to_read(r, full=full) for r in rows], next_cursor=next_cursor)


@router.get(
    "/export.csv",
    dependencies=READ,
    response_class=Response,
    responses={
        200: {
            "content": {"text/csv": {"example": LEADS_CSV_EXAMPLE}},
            "description": "Leads as CSV (UTF-8 with a byte order mark, so spreadsheets read "
            "Chinese names right), one row each, oldest first; contact details masked without "
            "`leads:pii`.",
        }
    },
)
async def export_leads(
    stream: StreamingUnitOfWorkDep,
    ctx: ContextDep,
    campaign_id: Annotated[uuid.UUID | None, Query()] = None,
) -> Response:
    """Download every lead (of a ``campaign_id``) as CSV, masked unless the caller holds
    ``leads:pii``, streamed as it is read (never built whole in memory). A cell that a
    spreadsheet would read as a formula is prefixed with a single quote (an E.164 phone reads
    ``'+8613812345678``)."""
    full = ctx.has_scope(Scope.LEADS_PII)
    rows = service.export_rows(stream.repo(LeadRepository).stream_leads(campaign_id), full=full)
    return csv_response(csv_stream(service.EXPORT_COLUMNS, rows, bom=True), "leads.csv")
