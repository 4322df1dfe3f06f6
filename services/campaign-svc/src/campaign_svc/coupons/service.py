"""Coupon rules: discounts, validity, and the claim / redeem / rollback / void life cycle.

Every change under contention is one conditional SQL statement in the repository (stock and
per-customer counters, claimed → redeemed, applied → rolled_back); the checks here only turn a
refusal into a message a person can act on. When a statement refuses, the service raises and
the request's transaction rolls back whatever the same statement did elsewhere.
"""

import uuid
from collections.abc import AsyncIterable, AsyncIterator, Mapping
from datetime import UTC, datetime
from decimal import ROUND_DOWN, Decimal
from typing import Any

from prometheus_client import Counter
from sqlalchemy import Row

from campaign_svc.campaigns import service as campaigns
from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.campaigns.models import Campaign
from campaign_svc.campaigns.repository import CampaignRepository
from campaign_svc.coupons.codes import generate_codes
from campaign_svc.coupons.exceptions import (
    AlreadyRolledBack,
    BatchExpired,
    BelowMinimumSpend,
    CannotVoidRedeemed,
    CodeGenerationFailed,
    CodesStillGenerating,
    CouponAlreadyRedeemed,
    CouponBatchNotFound,
    CouponExpired,
    CouponNotClaimed,
    CouponNotStarted,
    CouponVoided,
    CurrencyMismatch,
    CustomerLimitReached,
    NotTheOwner,
    OutOfStock,
)
from campaign_svc.coupons.models import Coupon, CouponBatch, Redemption
from campaign_svc.coupons.repository import (
    CodeRow,
    CouponBatchRepository,
    CouponRepository,
    RedeemTarget,
    RedemptionRepository,
)
from campaign_svc.coupons.schemas import (
    MAX_BATCH_QUANTITY,
    BatchStats,
    CouponBatchCreate,
    RedeemCreate,
)
from campaign_svc.coupons.vocabulary import (
    CouponJobKind,
    CouponStatus,
    DiscountType,
    RedemptionStatus,
)
from campaign_svc.events import DomainEvent, major_units, payload
from campaign_svc.jobs import Job, JobRepository
from campaign_svc.sources.schemas import SourceRead, source_of
from servicekit.csvexport import CSV_MEDIA_TYPE
from servicekit.errors import ServiceError
from servicekit.unitofwork import UnitOfWork

# Codes go to the database in chunks: one statement per chunk keeps each bind array modest.
CODE_CHUNK = 50_000
MAX_GENERATION_ROUNDS = 5
# What one chunk of a job makes or exports: about a second's work, so progress moves often and
# a chunk cut off by a crash costs little to do again.
GENERATION_JOB_CHUNK = 20_000
EXPORT_JOB_CHUNK = 20_000
# The columns of a batch's codes as CSV (codes.csv and the export job alike).
CODE_COLUMNS = ("code", "status", "customer_id", "claimed_at", "valid_until")


def now_utc() -> datetime:
    return datetime.now(UTC)


def compute_discount(batch: CouponBatch, order_amount: int) -> int:
    """The discount in minor units, never more than the order (exact: ints and Decimal)."""
    if batch.discount_type == DiscountType.FIXED:
        assert batch.amount_off is not None
        discount = batch.amount_off
    else:
        assert batch.percent_off is not None
        raw = (Decimal(order_amount) * batch.percent_off / 100).quantize(
            Decimal(1), rounding=ROUND_DOWN
        )
        discount = int(raw)
        if batch.max_discount is not None:
            discount = min(discount, batch.max_discount)
    return min(discount, order_amount)


async def _check_campaign(
    uow: UnitOfWork, batch: CouponBatch, campaign: Campaign | None = None
) -> None:
    """The batch's campaign runs; ``campaign``: already read FOR SHARE with the batch
    (``ClaimTarget``, ``RedeemTarget``), else read so here."""
    if batch.campaign_id is None:
        return
    if campaign is None:
        campaign = await uow.repo(CampaignRepository).get_for_share(batch.campaign_id)
    if campaign is None:  # the foreign key forbids it; kept for the type checker
        raise CampaignNotFound(batch.campaign_id)
    campaigns.ensure_running(campaign)


async def create_batch(uow: UnitOfWork, data: CouponBatchCreate) -> tuple[CouponBatch, Job | None]:
    """The batch, its codes made at once up to ``MAX_BATCH_QUANTITY``; beyond, the batch
    without codes yet and the job that makes them (committed together: the job exists iff the
    batch does)."""
    if data.campaign_id is not None:
        await uow.repo(CampaignRepository).get_or_raise(data.campaign_id, CampaignNotFound)
    batches = uow.repo(CouponBatchRepository)
    at_once = data.total_quantity <= MAX_BATCH_QUANTITY
    batch = await batches.add(
        CouponBatch(
            **data.model_dump(),
            claimed_count=0,
            generated_count=data.total_quantity if at_once else 0,
        )
    )
    if at_once:
        await generate_batch_codes(batches, batch)
        return batch, None
    job = await uow.repo(JobRepository).submit(
        CouponJobKind.GENERATE_CODES,
        params={"batch_id": str(batch.id)},
        total=batch.total_quantity,
        result={"batch_id": str(batch.id)},
    )
    return batch, job


async def generate_more_codes(
    batches: CouponBatchRepository, batch_id: uuid.UUID, done: int
) -> tuple[int, bool]:
    """One chunk of a generation job, in its transaction: up to ``GENERATION_JOB_CHUNK`` more
    codes of the batch, ``done`` being those made so far. How many it made (a code that
    collides with an existing one is drawn again in the next chunk), and whether the batch is
    now whole."""
    batch = await batches.get_or_raise(batch_id, CouponBatchNotFound)
    wanted = min(GENERATION_JOB_CHUNK, batch.total_quantity - done)
    if wanted <= 0:
        return 0, True
    made = await batches.insert_codes(
        batch.id, generate_codes(wanted, batch.code_prefix, batch.code_length)
    )
    if made == 0:  # not one new code in a whole chunk: the code space is used up
        raise CodeGenerationFailed(batch.total_quantity - done)
    await batches.add_generated(batch.id, made)
    return made, done + made >= batch.total_quantity


async def export_codes_later(uow: UnitOfWork, batch: CouponBatch) -> Job:
    """A job writing the batch's codes as CSV (``CODE_COLUMNS``), once they are all made."""
    if batch.generated_count < batch.total_quantity:
        raise CodesStillGenerating(batch.id, batch.generated_count, batch.total_quantity)
    return await uow.repo(JobRepository).submit(
        CouponJobKind.EXPORT_CODES,
        params={"batch_id": str(batch.id)},
        total=batch.generated_count,
        result_media_type=CSV_MEDIA_TYPE,
        result_filename=f"coupon-batch-{batch.id}.csv",
    )


def code_row(row: Row[*CodeRow]) -> list[str | None]:
    """A code as a CSV row (``CODE_COLUMNS``)."""
    return [
        row.code,
        row.status,
        row.customer_id,
        row.claimed_at.isoformat() if row.claimed_at else None,
        row.valid_until.isoformat() if row.valid_until else None,
    ]


async def code_rows(rows: AsyncIterable[Row[*CodeRow]]) -> AsyncIterator[list[str | None]]:
    async for row in rows:
        yield code_row(row)


async def next_codes(
    coupons: CouponRepository, batch_id: uuid.UUID, cursor: Mapping[str, Any]
) -> tuple[list[list[str | None]], dict[str, Any] | None]:
    """One chunk of an export job: the CSV rows of the next ``EXPORT_JOB_CHUNK`` codes after
    ``cursor`` (the last one written), and the cursor after them (None when there are none)."""
    after = (
        (datetime.fromisoformat(cursor["created_at"]), uuid.UUID(cursor["id"])) if cursor else None
    )
    rows = await coupons.codes_after(batch_id, after, EXPORT_JOB_CHUNK)
    if not rows:
        return [], None
    last = rows[-1]
    return [code_row(r) for r in rows], {
        "created_at": last.created_at.isoformat(),
        "id": str(last.id),
    }


async def generate_batch_codes(batches: CouponBatchRepository, batch: CouponBatch) -> None:
    """``total_quantity`` unique codes; codes that collide with existing ones are redrawn."""
    missing = batch.total_quantity
    for _ in range(MAX_GENERATION_ROUNDS):
        codes = generate_codes(missing, batch.code_prefix, batch.code_length)
        for start in range(0, len(codes), CODE_CHUNK):
            missing -= await batches.insert_codes(batch.id, codes[start : start + CODE_CHUNK])
        if missing == 0:
            return
    raise CodeGenerationFailed(missing)


def _campaign_id(batch: CouponBatch) -> str | None:
    return str(batch.campaign_id) if batch.campaign_id else None


# The money paths' numbers (Prometheus): every claim and redemption the service decided, by
# outcome — "claimed"/"redeemed", or the refusal's reason (out_of_stock, per_customer_limit,
# expired, …; "refused" when the refusal names none, such as a paused campaign).
CLAIMS = Counter("mediaops_coupon_claims_total", "Coupon claims decided, by outcome", ["outcome"])
REDEMPTIONS = Counter(
    "mediaops_coupon_redemptions_total", "Coupon redemptions decided, by outcome", ["outcome"]
)


def _refusal(exc: ServiceError) -> str:
    reason = exc.extra.get("reason")
    return str(getattr(reason, "value", reason)) if reason is not None else "refused"


async def claim_coupon(
    uow: UnitOfWork,
    batch: CouponBatch,
    customer_id: str,
    source: SourceRead | None = None,
    campaign: Campaign | None = None,
) -> Coupon:
    """One code of ``batch`` for ``customer_id``; ``campaign``: the batch's, when the caller
    read it FOR SHARE with the batch (``ClaimTarget``)."""
    try:
        coupon = await _claim(uow, batch, customer_id, source, campaign)
    except ServiceError as exc:
        CLAIMS.labels(outcome=_refusal(exc)).inc()
        raise
    CLAIMS.labels(outcome="claimed").inc()
    return coupon


async def _claim(
    uow: UnitOfWork,
    batch: CouponBatch,
    customer_id: str,
    source: SourceRead | None,
    campaign: Campaign | None,
) -> Coupon:
    await _check_campaign(uow, batch, campaign)
    if batch.valid_until is not None and now_utc() >= batch.valid_until:
        raise BatchExpired(batch.valid_until)
    outcome = await uow.repo(CouponBatchRepository).claim(
        batch,
        customer_id,
        source.fields() if source is not None else None,
        # The claim's event, recorded by the claim's own statement with the code's id added.
        DomainEvent.COUPON_CLAIMED,
        payload(
            source, actor_id=customer_id, campaign_id=_campaign_id(batch), batch_id=str(batch.id)
        ),
    )
    if outcome.coupon is None:
        if not outcome.within_customer_limit:
            raise CustomerLimitReached(customer_id, batch.per_customer_limit)
        raise OutOfStock(batch.total_quantity)
    return outcome.coupon


def _check_usable(coupon: Coupon, customer_id: str, now: datetime) -> None:
    if coupon.status == CouponStatus.VOIDED:
        raise CouponVoided(coupon.code)
    if coupon.status == CouponStatus.AVAILABLE:
        raise CouponNotClaimed(coupon.code)
    if coupon.status == CouponStatus.REDEEMED:
        raise CouponAlreadyRedeemed(coupon.code)
    if coupon.customer_id != customer_id:
        raise NotTheOwner(coupon.code, customer_id)
    assert coupon.valid_from is not None
    assert coupon.valid_until is not None
    if now < coupon.valid_from:
        raise CouponNotStarted(coupon.code, coupon.valid_from)
    if now >= coupon.valid_until:
        raise CouponExpired(coupon.code, coupon.valid_until)


async def redeem_coupon(
    uow: UnitOfWork, target: RedeemTarget, data: RedeemCreate, source: SourceRead | None
) -> Redemption:
    """Apply the coupon to the order. ``source``: the request's, resolved; without one, the
    purchase is attributed to where the coupon was claimed."""
    try:
        redemption = await _redeem(uow, target, data, source)
    except ServiceError as exc:
        REDEMPTIONS.labels(outcome=_refusal(exc)).inc()
        raise
    REDEMPTIONS.labels(outcome="redeemed").inc()
    return redemption


async def _redeem(
    uow: UnitOfWork, target: RedeemTarget, data: RedeemCreate, source: SourceRead | None
) -> Redemption:
    coupons = uow.repo(CouponRepository)
    coupon, batch = target.coupon, target.batch
    await _check_campaign(uow, batch, target.campaign)
    _check_usable(coupon, data.customer_id, now_utc())
    if data.currency is not None and data.currency != batch.currency:
        raise CurrencyMismatch(data.currency, batch.currency)
    if data.order_amount < batch.min_spend:
        raise BelowMinimumSpend(data.order_amount, batch.min_spend, batch.currency)
    discount = compute_discount(batch, data.order_amount)
    source = source or source_of(coupon.source)
    # Its id and times are set here, not by the model's defaults at a flush: the events written
    # in the same statement name the redemption (record_event sets an event's id likewise).
    now = now_utc()
    redemption = Redemption(
        id=uuid.uuid4(),
        coupon_id=coupon.id,
        batch_id=batch.id,
        customer_id=data.customer_id,
        order_id=data.order_id,
        order_amount=data.order_amount,
        discount_amount=discount,
        final_amount=data.order_amount - discount,
        currency=batch.currency,
        status=RedemptionStatus.APPLIED,
        rolled_back_at=None,
        source=source.fields() if source is not None else None,
        created_at=now,
        updated_at=now,
    )
    # metrics counts a redemption twice: a coupon_redeem worth the discount and a purchase
    # worth the order, one domain event each; written with the redemption, in its statement.
    fields = _redemption_fields(redemption, batch)
    stored = await coupons.redeem(
        redemption,
        {
            "redeemed": (
                DomainEvent.COUPON_REDEEMED,
                payload(source, **fields, value=major_units(discount)),
            ),
            "purchased": (
                DomainEvent.ORDER_PURCHASED,
                payload(source, **fields, value=major_units(data.order_amount)),
            ),
        },
    )
    if stored is None:
        # Someone else redeemed (or voided) it between our read and our update: re-read it so
        # the refusal names what happened.
        await coupons.reload(coupon)
        _check_usable(coupon, data.customer_id, now_utc())
        raise CouponAlreadyRedeemed(coupon.code)
    return stored


def _redemption_fields(redemption: Redemption, batch: CouponBatch) -> dict[str, str | None]:
    return {
        "actor_id": redemption.customer_id,
        "campaign_id": _campaign_id(batch),
        "coupon_id": str(redemption.coupon_id),
        "batch_id": str(batch.id),
        "redemption_id": str(redemption.id),
        "order_id": redemption.order_id,
        "currency": redemption.currency,
    }


async def rollback_redemption(
    uow: UnitOfWork, coupon: Coupon, redemption: Redemption
) -> Redemption:
    redemptions = uow.repo(RedemptionRepository)
    if not await redemptions.mark_rolled_back(redemption.id):
        raise AlreadyRolledBack(redemption.id)
    await uow.repo(CouponRepository).mark_unredeemed(coupon.id)
    batch = await uow.repo(CouponBatchRepository).get(redemption.batch_id)
    assert batch is not None
    # The refund of the order whose purchase the redemption reported, worth the same amount.
    await uow.record(
        DomainEvent.COUPON_REDEMPTION_ROLLED_BACK,
        payload(
            source_of(redemption.source),
            **_redemption_fields(redemption, batch),
            value=major_units(redemption.order_amount),
        ),
    )
    # The answer shows the rolled-back status and time the UPDATE wrote.
    return await redemptions.reload(redemption)


async def void_coupon(coupons: CouponRepository, coupon: Coupon) -> Coupon:
    if not await coupons.mark_voided(coupon.id):
        await coupons.reload(coupon)
        if coupon.status == CouponStatus.REDEEMED:
            raise CannotVoidRedeemed(coupon.code)
        raise CouponVoided(coupon.code)
    return await coupons.reload(coupon)


async def batch_stats(batches: CouponBatchRepository, batch: CouponBatch) -> BatchStats:
    # The stock counter moves in SQL (claims), never on this object: read it afresh.
    await batches.reload(batch)
    numbers = await batches.batch_stats(batch.id)
    return BatchStats(
        batch_id=batch.id, claimed=batch.claimed_count, currency=batch.currency, **numbers
    )
