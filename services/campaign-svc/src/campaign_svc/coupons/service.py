"""Coupon rules: discounts, validity, and the claim / redeem / rollback / void life cycle.

Every change under contention is one conditional SQL statement in the repository (stock and
per-customer counters, claimed → redeemed, applied → rolled_back); the checks here only turn a
refusal into a message a person can act on. When a statement refuses, the service raises and
the request's transaction rolls back whatever the same statement did elsewhere.
"""

from datetime import UTC, datetime
from decimal import ROUND_DOWN, Decimal

from campaign_svc.campaigns import service as campaigns
from campaign_svc.campaigns.exceptions import CampaignNotFound
from campaign_svc.campaigns.repository import CampaignRepository
from campaign_svc.coupons.codes import generate_codes
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
from campaign_svc.coupons.models import Coupon, CouponBatch, Redemption
from campaign_svc.coupons.repository import (
    CouponBatchRepository,
    CouponRepository,
    RedemptionRepository,
)
from campaign_svc.coupons.schemas import BatchStats, CouponBatchCreate, RedeemCreate
from campaign_svc.coupons.vocabulary import CouponStatus, DiscountType, RedemptionStatus
from campaign_svc.events import DomainEvent, major_units, payload
from campaign_svc.sources.schemas import SourceRead, source_of
from servicekit.unitofwork import UnitOfWork

# Codes go to the database in chunks: one statement per chunk keeps each bind array modest.
CODE_CHUNK = 50_000
MAX_GENERATION_ROUNDS = 5


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


async def _check_campaign(uow: UnitOfWork, batch: CouponBatch) -> None:
    if batch.campaign_id is None:
        return
    campaign = await uow.repo(CampaignRepository).get_for_share(batch.campaign_id)
    if campaign is None:  # the foreign key forbids it; kept for the type checker
        raise CampaignNotFound(batch.campaign_id)
    campaigns.ensure_running(campaign)


async def create_batch(uow: UnitOfWork, data: CouponBatchCreate) -> CouponBatch:
    if data.campaign_id is not None:
        await uow.repo(CampaignRepository).get_or_raise(data.campaign_id, CampaignNotFound)
    batches = uow.repo(CouponBatchRepository)
    batch = await batches.add(CouponBatch(**data.model_dump(), claimed_count=0))
    await generate_batch_codes(batches, batch)
    return batch


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


async def claim_coupon(
    uow: UnitOfWork, batch: CouponBatch, customer_id: str, source: SourceRead | None = None
) -> Coupon:
    await _check_campaign(uow, batch)
    if batch.valid_until is not None and now_utc() >= batch.valid_until:
        raise BatchExpired(batch.valid_until)
    outcome = await uow.repo(CouponBatchRepository).claim(
        batch, customer_id, source.fields() if source is not None else None
    )
    if outcome.coupon_id is None:
        if not outcome.within_customer_limit:
            raise CustomerLimitReached(customer_id, batch.per_customer_limit)
        raise OutOfStock(batch.total_quantity)
    coupon = await uow.repo(CouponRepository).get(outcome.coupon_id)
    assert coupon is not None
    await uow.record(
        DomainEvent.COUPON_CLAIMED,
        payload(
            source,
            actor_id=customer_id,
            campaign_id=_campaign_id(batch),
            coupon_id=str(coupon.id),
            batch_id=str(batch.id),
        ),
    )
    return coupon


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
    uow: UnitOfWork, coupon: Coupon, data: RedeemCreate, source: SourceRead | None
) -> Redemption:
    """Apply the coupon to the order. ``source``: the request's, resolved; without one, the
    purchase is attributed to where the coupon was claimed."""
    coupons = uow.repo(CouponRepository)
    batch = await uow.repo(CouponBatchRepository).get(coupon.batch_id)
    assert batch is not None
    await _check_campaign(uow, batch)
    _check_usable(coupon, data.customer_id, now_utc())
    if data.currency is not None and data.currency != batch.currency:
        raise CurrencyMismatch(data.currency, batch.currency)
    if data.order_amount < batch.min_spend:
        raise BelowMinimumSpend(data.order_amount, batch.min_spend, batch.currency)
    discount = compute_discount(batch, data.order_amount)
    if await coupons.mark_redeemed(coupon.id, data.customer_id) is None:
        # Someone else redeemed (or voided) it between our read and our update: re-read it so
        # the refusal names what happened.
        await coupons.reload(coupon)
        _check_usable(coupon, data.customer_id, now_utc())
        raise CouponAlreadyRedeemed(coupon.code)
    source = source or source_of(coupon.source)
    redemption = await uow.repo(RedemptionRepository).add(
        Redemption(
            coupon_id=coupon.id,
            batch_id=batch.id,
            customer_id=data.customer_id,
            order_id=data.order_id,
            order_amount=data.order_amount,
            discount_amount=discount,
            final_amount=data.order_amount - discount,
            currency=batch.currency,
            status=RedemptionStatus.APPLIED,
            source=source.fields() if source is not None else None,
        )
    )
    # metrics counts a redemption twice: a coupon_redeem worth the discount and a purchase
    # worth the order, one domain event each.
    fields = _redemption_fields(redemption, batch)
    await uow.record(
        DomainEvent.COUPON_REDEEMED,
        payload(source, **fields, value=major_units(discount)),
    )
    await uow.record(
        DomainEvent.ORDER_PURCHASED,
        payload(source, **fields, value=major_units(data.order_amount)),
    )
    return redemption


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
