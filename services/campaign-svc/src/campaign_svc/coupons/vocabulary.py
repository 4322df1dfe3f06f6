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


class CouponRefusal(StrEnum):
    """The ``reason`` of a refused claim, redemption, rollback or void (the problem answer's
    machine-readable code; clients branch on it, so a word never changes)."""

    OUT_OF_STOCK = "out_of_stock"
    PER_CUSTOMER_LIMIT = "per_customer_limit"
    EXPIRED = "expired"
    NOT_STARTED = "not_started"
    ALREADY_REDEEMED = "already_redeemed"
    NOT_CLAIMED = "not_claimed"
    # The coupon is in the voided status; the reason is that status's word.
    VOIDED = CouponStatus.VOIDED.value
    NOT_OWNER = "not_owner"
    BELOW_MINIMUM = "below_minimum"
    CURRENCY = "currency"
    ALREADY_ROLLED_BACK = "already_rolled_back"


class CouponJobKind(StrEnum):
    """The jobs of coupon batches (``servicekit.jobs``): a job's ``kind`` on the wire."""

    # A batch's codes beyond the synchronous cap, made chunk by chunk.
    GENERATE_CODES = "generate_coupon_codes"
    # A batch's codes as CSV, written chunk by chunk and read back from the job's result_url.
    EXPORT_CODES = "export_coupon_codes"
