import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Query, Response, status

from campaign_svc.campaigns.exceptions import CampaignNotFound, CampaignNotRunning
from campaign_svc.coupons import service
from campaign_svc.coupons.dependencies import BatchDep, CouponDep, RedemptionDep
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
from servicekit.csvexport import csv_document
from servicekit.pagination import Page, PageDep
from servicekit.unitofwork import UnitOfWorkDep

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


def redemption_read(redemption: Redemption, coupon: Coupon) -> RedemptionRead:
    fields = {
        name: getattr(redemption, name) for name in RedemptionRead.model_fields if name != "code"
    }
    return RedemptionRead.model_validate({**fields, "code": coupon.code})


@batch_router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(CampaignNotFound, CodeGenerationFailed),
)
async def create_coupon_batch(
    body: CouponBatchCreate, uow: UnitOfWorkDep, response: Response
) -> CouponBatchRead:
    """Create a batch and generate its ``total_quantity`` codes in the request (up to 100,000,
    a few seconds). Amounts are integer minor units (fen: ``amount_off: 3000`` is ¥30 off);
    validity is a fixed window or ``valid_days`` from each claim. ``Location`` names the new
    batch."""
    batch = await service.create_batch(uow, body)
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
async def export_coupon_batch_codes(batch: BatchDep, uow: UnitOfWorkDep) -> Response:
    """Download every code of a batch as CSV (UTF-8, oldest first), e.g. to print codes or hand
    them to a shop system. A cell that a spreadsheet would read as a formula is prefixed with a
    single quote."""
    rows = [
        [
            row.code,
            row.status,
            row.customer_id,
            row.claimed_at.isoformat() if row.claimed_at else None,
            row.valid_until.isoformat() if row.valid_until else None,
        ]
        for row in await uow.repo(CouponRepository).export_codes(batch.id)
    ]
    return Response(
        csv_document(CODES_CSV_COLUMNS, rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="coupon-batch-{batch.id}.csv"'},
    )


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
    batch: BatchDep,
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
    source = await resolve_source(tracking_codes, ctx, body.source)
    coupon = await service.claim_coupon(uow, batch, body.customer_id, source)
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
    coupon: CouponDep,
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
    source = await resolve_source(tracking_codes, ctx, body.source)
    redemption = await service.redeem_coupon(uow, coupon, body, source)
    return redemption_read(redemption, coupon)


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
