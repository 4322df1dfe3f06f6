import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Query, Response, status

from campaign_svc.campaigns.exceptions import CampaignNotFound, CampaignNotRunning
from campaign_svc.coupons import service
from campaign_svc.coupons.dependencies import (
    BatchDep,
    CodePath,
    CouponDep,
    RedemptionDep,
    claim_target_or_404,
    redeem_target_or_404,
)
from campaign_svc.coupons.exceptions import (
    AlreadyRolledBack,
    BatchExpired,
    BelowMinimumSpend,
    CannotVoidRedeemed,
    CodeGenerationFailed,
    CouponAlreadyRedeemed,
    CouponExpired,
    CouponNotClaimed,
    CouponNotStarted,
    CouponVoided,
    CurrencyMismatch,
    CustomerLimitReached,
    NotTheOwner,
    OutOfStock,
)
from campaign_svc.coupons.models import Coupon, Redemption
from campaign_svc.coupons.repository import (
    CouponBatchRepository,
    CouponRepository,
    RedemptionRepository,
)
from campaign_svc.coupons.schemas import (
    MAX_BATCH_QUANTITY,
    ROLLBACK_EXAMPLE,
    BatchStats,
    ClaimCreate,
    CouponBatchCreate,
    CouponBatchRead,
    CouponRead,
    RedeemCreate,
    RedemptionRead,
    RollbackCreate,
)
from campaign_svc.coupons.vocabulary import CouponStatus
from campaign_svc.guard import GUESSING_GUARD
from campaign_svc.scopes import READ, WRITE
from campaign_svc.sources.dependencies import TrackingCodesDep
from campaign_svc.sources.exceptions import UnknownTrackingCode
from campaign_svc.sources.resolver import resolve_source
from servicekit.apidoc import problems
from servicekit.context import ContextDep
from servicekit.csvexport import csv_document, csv_response, csv_stream
from servicekit.jobs import accepted, accepted_response
from servicekit.pagination import Page, PageDep
from servicekit.problems import problem_doc
from servicekit.unitofwork import StreamingUnitOfWorkDep, UnitOfWorkDep

batch_router = APIRouter(prefix="/v1/coupon-batches", tags=["coupon-batches"])
coupon_router = APIRouter(prefix="/v1/coupons", tags=["coupons"])

CODES_CSV_COLUMNS = ["code", "status", "customer_id", "claimed_at", "valid_until"]
# What the export looks like, built by the same writer the route uses.
CODES_CSV_EXAMPLE = csv_document(
    CODES_CSV_COLUMNS,
    [
        [
            "DXK7M2Q9RTA4",
            "claimed",
            "u-1001",
            "2027-11-10T16:03:12.482913+00:00",
            "2027-11-17T16:03:12.482913+00:00",
        ],
        ["DX3HN8W5PZCE", "available", None, None, None],
    ],
)
# The batch routes that hand their work to a job, each listing the errors it returns.
batch_jobs_router = APIRouter(prefix="/v1/coupon-batches", tags=["coupon-batches"])

_GENERATION_JOB_EXAMPLE = {
    "id": "campaign-6f2c1a9e-4b7d-4e0f-9a51-3c8d2e7f1b40",
    "kind": "generate_coupon_codes",
    "status": "queued",
    "done": 0,
    "total": 1000000,
    "errors": [],
    "error_count": 0,
    "result": {"batch_id": "0b3e8c1d-5a7f-4c2e-9d16-8f4a2b7e6c90"},
    "result_url": None,
    "created_at": "2026-12-10T08:00:00Z",
    "started_at": None,
    "finished_at": None,
}
_EXPORT_JOB_EXAMPLE = {
    **_GENERATION_JOB_EXAMPLE,
    "id": "campaign-9a1d4e7b-2c3f-4b8a-a6e5-1f0c7d2b3e84",
    "kind": "export_coupon_codes",
    "result": None,
}


def redemption_read(redemption: Redemption, coupon: Coupon) -> RedemptionRead:
    fields = {
        name: getattr(redemption, name) for name in RedemptionRead.model_fields if name != "code"
    }
    return RedemptionRead.model_validate({**fields, "code": coupon.code})


@batch_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    response_model=CouponBatchRead,
    responses={
        **problems(CampaignNotFound, CodeGenerationFailed),
        202: accepted_response(
            f"More than {MAX_BATCH_QUANTITY:,} codes: the batch exists (its id in the job's "
            "`result.batch_id`) and a job makes its codes; follow it at `Location`",
            _GENERATION_JOB_EXAMPLE,
        ),
    },
)
async def create_coupon_batch(
    body: CouponBatchCreate, uow: UnitOfWorkDep, response: Response
) -> CouponBatchRead | Response:
    """Create a batch and its ``total_quantity`` codes. Up to 100,000 codes are made in the
    request (about a second), answered ``201`` with the batch and ``Location``. A bigger batch
    (up to 10,000,000) is answered ``202`` with a job (``Location: /v1/jobs/campaign-…``) that
    makes the codes 20,000 at a time; the batch's ``generated_count`` and the job's ``done``
    show how far it is, and a claim may take any code already made. Amounts are integer minor
    units (fen: ``amount_off: 3000`` is ¥30 off); validity is a fixed window or ``valid_days``
    from each claim. Send ``Idempotency-Key``: a retry gets the same batch, or the same job."""
    batch, job = await service.create_batch(uow, body)
    if job is not None:
        return accepted(job)
    response.headers["Location"] = f"/v1/coupon-batches/{batch.id}"
    return CouponBatchRead.model_validate(batch)


@batch_router.get("", dependencies=READ)
async def list_coupon_batches(
    uow: UnitOfWorkDep, page: PageDep, campaign_id: Annotated[uuid.UUID | None, Query()] = None
) -> Page[CouponBatchRead]:
    """List coupon batches, oldest first, optionally only those of one ``campaign_id``."""
    batches = uow.repo(CouponBatchRepository)
    rows, next_cursor = await batches.paginate(batches.list_batches(campaign_id), page)
    return Page(items=[CouponBatchRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@batch_router.get("/{batch_id}", dependencies=READ)
async def get_coupon_batch(batch: BatchDep) -> CouponBatchRead:
    """Read a coupon batch: its discount, validity, code format and how many codes are
    claimed."""
    return CouponBatchRead.model_validate(batch)


@batch_router.get("/{batch_id}/codes", dependencies=READ)
async def list_coupon_batch_codes(
    batch: BatchDep,
    uow: UnitOfWorkDep,
    page: PageDep,
    status: Annotated[CouponStatus | None, Query()] = None,
    customer_id: Annotated[str | None, Query(max_length=128)] = None,
) -> Page[CouponRead]:
    """List a batch's codes, oldest first, optionally by ``status`` or ``customer_id``."""
    coupons = uow.repo(CouponRepository)
    stmt = coupons.list_coupons(batch.id, status, customer_id)
    rows, next_cursor = await coupons.paginate(stmt, page)
    return Page(items=[CouponRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@batch_router.get(
    "/{batch_id}/codes.csv",
    dependencies=READ,
    response_class=Response,
    responses={
        200: {
            "content": {"text/csv": {"example": CODES_CSV_EXAMPLE}},
            "description": "Every code of the batch, one row each: code, status, customer_id, "
            "claimed_at, valid_until (UTC, empty when not set).",
        }
    },
)
async def export_coupon_batch_codes(batch: BatchDep, stream: StreamingUnitOfWorkDep) -> Response:
    """Download every code of a batch as CSV (UTF-8, oldest first), e.g. to print codes or hand
    them to a shop system, streamed as it is read (a big batch never sits in memory). A cell
    that a spreadsheet would read as a formula is prefixed with a single quote. For a million
    codes, an export job (``POST …/exports``) is kinder to a flaky connection: its file can be
    downloaded again."""
    rows = service.code_rows(stream.repo(CouponRepository).stream_codes(batch.id))
    return csv_response(csv_stream(service.CODE_COLUMNS, rows), f"coupon-batch-{batch.id}.csv")


@batch_jobs_router.post(
    "/{batch_id}/exports",
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=WRITE,
    response_class=Response,
    summary="Export a batch's codes (job)",
    responses={
        202: accepted_response(
            "The export job; once it has succeeded, its `result_url` streams the CSV "
            "(code, status, customer_id, claimed_at, valid_until)",
            _EXPORT_JOB_EXAMPLE,
        ),
        409: problem_doc(
            "The batch's codes are still being made, or the Idempotency-Key was used for "
            "another request"
        ),
    },
)
async def export_coupon_batch_codes_later(batch: BatchDep, uow: UnitOfWorkDep) -> Response:
    """Write every code of the batch as CSV in a job (20,000 rows a chunk, surviving a
    restart of the service), then download the file as often as needed from the job's
    `result_url` within 7 days. Answered ``202`` with the job and
    ``Location: /v1/jobs/campaign-…``. A batch whose codes are still being made is a 409. With
    the same ``Idempotency-Key``, a retry gets the same job."""
    return accepted(await service.export_codes_later(uow, batch))


@batch_router.post(
    "/{batch_id}/claims",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    response_model=CouponRead,
    responses=problems(
        UnknownTrackingCode, CampaignNotRunning, BatchExpired, OutOfStock, CustomerLimitReached
    )
    | GUESSING_GUARD,
)
async def claim_coupon(
    batch_id: uuid.UUID,
    body: ClaimCreate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    tracking_codes: TrackingCodesDep,
) -> CouponRead:
    """Give one code of the batch to a customer: stock and per-customer limit hold under any
    concurrency. Send ``Idempotency-Key`` to make retries safe. ``source`` (a tracking code or
    ids) says which publication brought the customer; an unknown code is a 422. Refusals
    carry a machine-readable ``reason``; a batch of a campaign gives codes only while the
    campaign runs."""
    # The source first: it may ask content-svc, and the batch's campaign is read FOR SHARE
    # with the batch, a lock held until the commit.
    source = await resolve_source(tracking_codes, ctx, body.source)
    target = await claim_target_or_404(batch_id, uow)
    coupon = await service.claim_coupon(
        uow, target.batch, body.customer_id, source, target.campaign
    )
    return CouponRead.model_validate(coupon)


@batch_router.get("/{batch_id}/stats", dependencies=READ)
async def get_coupon_batch_stats(batch: BatchDep, uow: UnitOfWorkDep) -> BatchStats:
    """Count a batch's codes (issued, claimed, voided), its redemptions (applied, rolled back)
    and the discounts and GMV of the applied ones, in minor units."""
    return await service.batch_stats(uow.repo(CouponBatchRepository), batch)


@coupon_router.get("", dependencies=READ)
async def list_coupons(
    uow: UnitOfWorkDep,
    page: PageDep,
    batch_id: Annotated[uuid.UUID | None, Query()] = None,
    status: Annotated[CouponStatus | None, Query()] = None,
    customer_id: Annotated[str | None, Query(max_length=128)] = None,
) -> Page[CouponRead]:
    """List coupons of every batch, oldest first, filtered by ``batch_id``, ``status`` and
    ``customer_id`` (a customer's coupons: ``?customer_id=u-1001&status=claimed``)."""
    coupons = uow.repo(CouponRepository)
    rows, next_cursor = await coupons.paginate(
        coupons.list_coupons(batch_id, status, customer_id), page
    )
    return Page(items=[CouponRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@coupon_router.get("/{code}", dependencies=READ, responses=GUESSING_GUARD)
async def get_coupon(coupon: CouponDep) -> CouponRead:
    """Look a coupon up by its code (case-insensitive): its status, owner and validity."""
    return CouponRead.model_validate(coupon)


@coupon_router.post(
    "/{code}/redeem",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    response_model=RedemptionRead,
    responses=problems(
        UnknownTrackingCode,
        CampaignNotRunning,
        CouponNotClaimed,
        CouponVoided,
        CouponAlreadyRedeemed,
        CouponNotStarted,
        CouponExpired,
        NotTheOwner,
        CurrencyMismatch,
        BelowMinimumSpend,
    )
    | GUESSING_GUARD,
)
async def redeem_coupon(
    code: CodePath,
    body: RedeemCreate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    tracking_codes: TrackingCodesDep,
) -> RedemptionRead:
    """Apply the coupon to an order: ``discount_amount`` and ``final_amount`` in minor units.
    A code is never redeemed twice, whatever the concurrency. Only the customer who claimed it
    redeems it, within its validity, on an order of at least the batch's ``min_spend``. Without
    a ``source`` the purchase is attributed to where the coupon was claimed. Send
    ``Idempotency-Key`` (the order id is a good one) to make retries safe."""
    # The source first, as for a claim: the campaign's lock is held from the read on.
    source = await resolve_source(tracking_codes, ctx, body.source)
    target = await redeem_target_or_404(code, uow)
    redemption = await service.redeem_coupon(uow, target, body, source)
    return redemption_read(redemption, target.coupon)


@coupon_router.get("/{code}/redemptions", dependencies=READ)
async def list_coupon_redemptions(
    coupon: CouponDep, uow: UnitOfWorkDep, page: PageDep
) -> Page[RedemptionRead]:
    """List a coupon's redemptions, oldest first: the applied one and any rolled back."""
    redemptions = uow.repo(RedemptionRepository)
    rows, next_cursor = await redemptions.paginate(redemptions.list_of_coupon(coupon.id), page)
    return Page(items=[redemption_read(r, coupon) for r in rows], next_cursor=next_cursor)


@coupon_router.post(
    "/{code}/redemptions/{redemption_id}/rollback",
    dependencies=WRITE,
    response_model=RedemptionRead,
    responses=problems(AlreadyRolledBack),
)
async def rollback_coupon_redemption(
    coupon: CouponDep,
    redemption: RedemptionDep,
    uow: UnitOfWorkDep,
    # The reason is checked and, under an Idempotency-Key, part of the request's fingerprint;
    # the rollback itself does not store it.
    # Optional, so its schema is "RollbackCreate or null": the example is given here.
    body: Annotated[  # noqa: ARG001
        RollbackCreate | None, Body(examples=[ROLLBACK_EXAMPLE])
    ] = None,
) -> RedemptionRead:
    """Undo a redemption (the order was refunded): the code is usable again within its
    validity. A second rollback is a 409."""
    rolled_back = await service.rollback_redemption(uow, coupon, redemption)
    return redemption_read(rolled_back, coupon)


@coupon_router.post(
    "/{code}/void", dependencies=WRITE, responses=problems(CannotVoidRedeemed, CouponVoided)
)
async def void_coupon(coupon: CouponDep, uow: UnitOfWorkDep) -> CouponRead:
    """Withdraw a code that is available or claimed; a redeemed code must be rolled back first."""
    voided = await service.void_coupon(uow.repo(CouponRepository), coupon)
    return CouponRead.model_validate(voided)
