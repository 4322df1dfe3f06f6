import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from campaign_svc.base import Base
from campaign_svc.coupons.vocabulary import CouponStatus, DiscountType, RedemptionStatus
from servicekit.models import WorkspaceModel, utcnow
from servicekit.vocabulary import sql_in


class CouponBatch(WorkspaceModel, Base):
    """A run of coupon codes with one discount rule, a stock and a per-customer limit."""

    __tablename__ = "coupon_batch"
    __table_args__ = (
        CheckConstraint(sql_in("discount_type", DiscountType), name="discount_type_known"),
        # The stock counter can never pass the stock, whatever the code above the database does.
        CheckConstraint("claimed_count >= 0 AND claimed_count <= total_quantity", name="stock"),
        CheckConstraint(
            "generated_count >= 0 AND generated_count <= total_quantity", name="generated"
        ),
        CheckConstraint(
            "(valid_from IS NOT NULL AND valid_until IS NOT NULL AND valid_days IS NULL) OR "
            "(valid_days IS NOT NULL AND valid_from IS NULL AND valid_until IS NULL)",
            name="one_validity_kind",
        ),
    )

    campaign_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="RESTRICT"), index=True, default=None
    )
    name: Mapped[str] = mapped_column(String(200))
    discount_type: Mapped[str] = mapped_column(String(16))
    # fixed: amount_off in minor units; percent: percent_off (e.g. 15.00) capped by max_discount.
    amount_off: Mapped[int | None] = mapped_column(BigInteger, default=None)
    percent_off: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), default=None)
    max_discount: Mapped[int | None] = mapped_column(BigInteger, default=None)
    min_spend: Mapped[int] = mapped_column(BigInteger, default=0)
    currency: Mapped[str] = mapped_column(String(3))
    total_quantity: Mapped[int] = mapped_column(Integer)
    # Codes made so far: total_quantity once made (at once up to the synchronous cap, by a
    # job beyond it, moved on in each chunk's transaction).
    generated_count: Mapped[int] = mapped_column(Integer, default=0)
    claimed_count: Mapped[int] = mapped_column(Integer, default=0)
    per_customer_limit: Mapped[int] = mapped_column(Integer, default=1)
    valid_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    valid_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    valid_days: Mapped[int | None] = mapped_column(Integer, default=None)
    code_prefix: Mapped[str] = mapped_column(String(16), default="")
    code_length: Mapped[int] = mapped_column(Integer, default=10)


class Coupon(WorkspaceModel, Base):
    """One code of a batch: available → claimed (by a customer) → redeemed, or voided.

    Batches insert up to a million rows at once, so this table carries only the indexes its
    queries use: the inherited single-column ``workspace_id`` and ``created_at`` indexes are
    dropped (the unique ``(workspace_id, code)`` index leads with the workspace; code lists
    page by ``(batch_id, created_at, id)``).
    """

    __tablename__ = "coupon"
    __table_args__ = (
        UniqueConstraint("workspace_id", "code"),
        Index("ix_coupon_batch_id_created_at_id", "batch_id", "created_at", "id"),
        CheckConstraint(sql_in("status", CouponStatus), name="status_known"),
        # Claims take the available code of a batch with the lowest id; this keeps that
        # look-up an index scan whatever the planner estimates (coupons/repository.py, _CLAIM).
        # It must stay the only index on a batch's available codes: beside one on batch_id
        # alone, a table without statistics had every claim read and sort the batch (c3d7).
        Index(
            "ix_coupon_batch_id_id_available",
            "batch_id",
            "id",
            postgresql_where=text(f"status = '{CouponStatus.AVAILABLE}'"),
        ),
    )

    workspace_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, server_default=func.now()
    )
    batch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("coupon_batch.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=CouponStatus.AVAILABLE)
    customer_id: Mapped[str | None] = mapped_column(String(128), default=None, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    valid_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    valid_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    redeemed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    # Where the claim came from (sources.schemas.SourceRead's keys that are set); None: unsaid.
    source: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)


class CustomerClaim(Base):
    """How many coupons of a batch one customer holds: the per-customer limit's counter."""

    __tablename__ = "coupon_customer_claim"
    __table_args__ = (CheckConstraint("claimed_count >= 0", name="not_negative"),)

    batch_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("coupon_batch.id", ondelete="CASCADE"), primary_key=True
    )
    customer_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(64))
    claimed_count: Mapped[int] = mapped_column(Integer)


class Redemption(WorkspaceModel, Base):
    """A coupon applied to an order; rolled back when the order is refunded."""

    __tablename__ = "coupon_redemption"
    __table_args__ = (
        CheckConstraint(sql_in("status", RedemptionStatus), name="status_known"),
        CheckConstraint(
            "discount_amount >= 0 AND final_amount >= 0 AND "
            "discount_amount + final_amount = order_amount",
            name="amounts_add_up",
        ),
        # Never a code redeemed twice: at most one applied redemption per coupon.
        Index(
            "uq_coupon_redemption_coupon_id_applied",
            "coupon_id",
            unique=True,
            postgresql_where=text(f"status = '{RedemptionStatus.APPLIED}'"),
        ),
    )

    coupon_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("coupon.id", ondelete="CASCADE"), index=True
    )
    batch_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("coupon_batch.id", ondelete="CASCADE"), index=True
    )
    customer_id: Mapped[str] = mapped_column(String(128))
    order_id: Mapped[str] = mapped_column(String(128))
    order_amount: Mapped[int] = mapped_column(BigInteger)
    discount_amount: Mapped[int] = mapped_column(BigInteger)
    final_amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16), default=RedemptionStatus.APPLIED)
    rolled_back_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    # Where the purchase came from (sources.schemas.SourceRead's keys that are set).
    source: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
