"""The words of coupon batches, coupons and redemptions, each spelled once: the API schema,
the CHECK constraints, the partial indexes and the raw SQL take them from here."""

from enum import StrEnum


class DiscountType(StrEnum):
    """How a batch's discount is reckoned: an amount off, or a percentage with a cap."""

    FIXED = "fixed"
    PERCENT = "percent"


class CouponStatus(StrEnum):
    """A code's life: available → claimed (by a customer) → redeemed, or voided."""

    AVAILABLE = "available"
    CLAIMED = "claimed"
    REDEEMED = "redeemed"
    VOIDED = "voided"


class RedemptionStatus(StrEnum):
    """A redemption stands (applied) until its order is refunded (rolled_back)."""

    APPLIED = "applied"
    ROLLED_BACK = "rolled_back"
