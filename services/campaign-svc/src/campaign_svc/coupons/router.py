import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from campaign_svc.coupons import service
from campaign_svc.coupons.dependencies import BatchDep, CouponDep, RedemptionDep
from campaign_svc.coupons.models import Coupon, Redemption
from campaign_svc.coupons.repository import (
    CouponBatchRepository,
    CouponRepository,
    RedemptionRepository,
)
from campaign_svc.coupons.schemas import (
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
from campaign_svc.scopes import READ, WRITE
from campaign_svc.sources.dependencies import TrackingCodesDep
from campaign_svc.sources.resolver import resolve_source
from servicekit.context import ContextDep
from servicekit.csvexport import csv_document
from servicekit.pagination import Page, PageDep
from servicekit.unitofwork import UnitOfWorkDep

batch_router = APIRouter(prefix="/v1/coupon-batches", tags=["coupon-batches"])
coupon_router = APIRouter(prefix="/v1/coupons", tags=["coupons"])


def redemption_read(redemption: Redemption, coupon: Coupon) -> RedemptionRead:
    fields = {
        name: getattr(redemption, name) for name in RedemptionRead.model_fields if name != "code"
    }
    return RedemptionRead.model_validate({**fields, "code": coupon.code})


@batch_router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def create_coupon_batch(
    body: CouponBatchCreate, uow: UnitOfWorkDep, response: Response
) -> CouponBatchRead:
    """Create a batch and generate its ``total_quantity`` codes (100,000 in about a second)."""
    batch = await service.create_batch(uow, body)
    response.headers["Location"] = f"/v1/coupon-batches/{batch.id}"
    return CouponBatchRead.model_validate(batch)


@batch_router.get("", dependencies=READ)
async def list_coupon_batches(
    uow: UnitOfWorkDep, page: PageDep, campaign_id: Annotated[uuid.UUID | None, Query()] = None
) -> Page[CouponBatchRead]:
    batches = uow.repo(CouponBatchRepository)
    rows, next_cursor = await batches.paginate(batches.list_batches(campaign_id), page)
    return Page(items=[CouponBatchRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@batch_router.get("/{batch_id}", dependencies=READ)
async def get_coupon_batch(batch: BatchDep) -> CouponBatchRead:
    return CouponBatchRead.model_validate(batch)


@batch_router.get("/{batch_id}/codes", dependencies=READ)
async def list_coupon_batch_codes(
    batch: BatchDep,
    uow: UnitOfWorkDep,
    page: PageDep,
    status: Annotated[CouponStatus | None, Query()] = None,
    customer_id: Annotated[str | None, Query(max_length=128)] = None,
) -> Page[CouponRead]:
    coupons = uow.repo(CouponRepository)
    stmt = coupons.list_coupons(batch.id, status, customer_id)
    rows, next_cursor = await coupons.paginate(stmt, page)
    return Page(items=[CouponRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@batch_router.get(
    "/{batch_id}/codes.csv",
    dependencies=READ,
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "every code of the batch"}},
)
async def export_coupon_batch_codes(batch: BatchDep, uow: UnitOfWorkDep) -> Response:
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
        csv_document(["code", "status", "customer_id", "claimed_at", "valid_until"], rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="coupon-batch-{batch.id}.csv"'},
    )


@batch_router.post(
    "/{batch_id}/claims",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    response_model=CouponRead,
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
    ids) says which publication brought the customer; an unknown code is a 422."""
    source = await resolve_source(tracking_codes, ctx, body.source)
    coupon = await service.claim_coupon(uow, batch, body.customer_id, source)
    return CouponRead.model_validate(coupon)


@batch_router.get("/{batch_id}/stats", dependencies=READ)
async def get_coupon_batch_stats(batch: BatchDep, uow: UnitOfWorkDep) -> BatchStats:
    return await service.batch_stats(uow.repo(CouponBatchRepository), batch)


@coupon_router.get("", dependencies=READ)
async def list_coupons(
    uow: UnitOfWorkDep,
    page: PageDep,
    batch_id: Annotated[uuid.UUID | None, Query()] = None,
    status: Annotated[CouponStatus | None, Query()] = None,
    customer_id: Annotated[str | None, Query(max_length=128)] = None,
) -> Page[CouponRead]:
    coupons = uow.repo(CouponRepository)
    rows, next_cursor = await coupons.paginate(
        coupons.list_coupons(batch_id, status, customer_id), page
    )
    return Page(items=[CouponRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@coupon_router.get("/{code}", dependencies=READ)
async def get_coupon(coupon: CouponDep) -> CouponRead:
    return CouponRead.model_validate(coupon)


@coupon_router.post(
    "/{code}/redeem",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    response_model=RedemptionRead,
)
async def redeem_coupon(
    coupon: CouponDep,
    body: RedeemCreate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    tracking_codes: TrackingCodesDep,
) -> RedemptionRead:
    """Apply the coupon to an order: ``discount_amount`` and ``final_amount`` in minor units.
    A code is never redeemed twice, whatever the concurrency. Without a ``source`` the purchase
    is attributed to where the coupon was claimed."""
    source = await resolve_source(tracking_codes, ctx, body.source)
    redemption = await service.redeem_coupon(uow, coupon, body, source)
    return redemption_read(redemption, coupon)


@coupon_router.get("/{code}/redemptions", dependencies=READ)
async def list_coupon_redemptions(
    coupon: CouponDep, uow: UnitOfWorkDep, page: PageDep
) -> Page[RedemptionRead]:
    redemptions = uow.repo(RedemptionRepository)
    rows, next_cursor = await redemptions.paginate(redemptions.list_of_coupon(coupon.id), page)
    return Page(items=[redemption_read(r, coupon) for r in rows], next_cursor=next_cursor)


@coupon_router.post(
    "/{code}/redemptions/{redemption_id}/rollback",
    dependencies=WRITE,
    response_model=RedemptionRead,
)
async def rollback_coupon_redemption(
    coupon: CouponDep,
    redemption: RedemptionDep,
    uow: UnitOfWorkDep,
    # The reason is checked and, under an Idempotency-Key, part of the request's fingerprint;
    # the rollback itself does not store it.
    body: RollbackCreate | None = None,  # noqa: ARG001
) -> RedemptionRead:
    """Undo a redemption (the order was refunded): the code is usable again within its
    validity. A second rollback is a 409."""
    rolled_back = await service.rollback_redemption(uow, coupon, redemption)
    return redemption_read(rolled_back, coupon)


@coupon_router.post("/{code}/void", dependencies=WRITE)
async def void_coupon(coupon: CouponDep, uow: UnitOfWorkDep) -> CouponRead:
    """Withdraw a code that is available or claimed; a redeemed code must be rolled back first."""
    voided = await service.void_coupon(uow.repo(CouponRepository), coupon)
    return CouponRead.model_validate(voided)
