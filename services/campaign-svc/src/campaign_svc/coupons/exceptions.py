import uuid
from datetime import datetime

from campaign_svc.coupons.vocabulary import CouponRefusal
from servicekit.errors import Conflict, NotFound, Unprocessable


class CouponBatchNotFound(NotFound):
    """No coupon batch with the given `batch_id` in the caller's workspace."""

    def __init__(self, batch_id: uuid.UUID) -> None:
        super().__init__(f"No coupon batch {batch_id} in this workspace.")


class CouponNotFound(NotFound):
    """No coupon with that code in the caller's workspace."""

    def __init__(self, code: str) -> None:
        super().__init__(f"No coupon with code {code!r} in this workspace.")


class RedemptionNotFound(NotFound):
    """No redemption with that id of that coupon."""

    def __init__(self, redemption_id: uuid.UUID, code: str) -> None:
        super().__init__(f"No redemption {redemption_id} of coupon {code!r} in this workspace.")


class OutOfStock(Conflict):
    """Every code of the batch has been claimed (`reason: out_of_stock`)."""

    def __init__(self, total: int) -> None:
        super().__init__(
            f"Out of stock: all {total} coupons of this batch have been claimed.",
            reason=CouponRefusal.OUT_OF_STOCK,
        )


class CustomerLimitReached(Conflict):
    """The customer already holds as many codes of the batch as its `per_customer_limit`
    allows (`reason: per_customer_limit`)."""

    def __init__(self, customer_id: str, limit: int) -> None:
        super().__init__(
            f"Customer {customer_id!r} already holds {limit} coupon(s) of this batch, the most "
            "one customer may claim.",
            reason=CouponRefusal.PER_CUSTOMER_LIMIT,
        )


class BatchExpired(Conflict):
    """The batch's validity window has ended, so no code can be claimed (`reason: expired`)."""

    def __init__(self, valid_until: datetime) -> None:
        super().__init__(
            f"This batch's coupons expired at {valid_until.isoformat()}; none can be claimed.",
            reason=CouponRefusal.EXPIRED,
        )


class CouponExpired(Conflict):
    """The coupon's validity has ended (`reason: expired`)."""

    def __init__(self, code: str, valid_until: datetime) -> None:
        super().__init__(
            f"Coupon {code!r} expired at {valid_until.isoformat()}.", reason=CouponRefusal.EXPIRED
        )


class CouponNotStarted(Conflict):
    """The coupon's validity has not begun yet (`reason: not_started`)."""

    def __init__(self, code: str, valid_from: datetime) -> None:
        super().__init__(
            f"Coupon {code!r} is valid from {valid_from.isoformat()}; redeem it then.",
            reason=CouponRefusal.NOT_STARTED,
        )


class CouponAlreadyRedeemed(Conflict):
    """The coupon is already redeemed; roll that redemption back (refund) before using it
    again (`reason: already_redeemed`)."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Coupon {code!r} is already redeemed; roll back that redemption (refund) before "
            "using it again.",
            reason=CouponRefusal.ALREADY_REDEEMED,
        )


class CouponNotClaimed(Conflict):
    """No customer has claimed the coupon yet (`reason: not_claimed`)."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Coupon {code!r} has not been claimed by any customer; claim it first.",
            reason=CouponRefusal.NOT_CLAIMED,
        )


class CouponVoided(Conflict):
    """The coupon was voided and can no longer be used (`reason: voided`)."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Coupon {code!r} was voided and can no longer be used.", reason=CouponRefusal.VOIDED
        )


class CannotVoidRedeemed(Conflict):
    """The coupon is redeemed: roll its redemption back before voiding it
    (`reason: already_redeemed`)."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Coupon {code!r} is redeemed; roll back its redemption before voiding it.",
            reason=CouponRefusal.ALREADY_REDEEMED,
        )


class NotTheOwner(Unprocessable):
    """The coupon was claimed by another customer than `customer_id`; only its owner can
    redeem it (`reason: not_owner`)."""

    def __init__(self, code: str, customer_id: str) -> None:
        super().__init__(
            f"Coupon {code!r} was not claimed by customer {customer_id!r}; only its owner can "
            "redeem it.",
            reason=CouponRefusal.NOT_OWNER,
        )


class BelowMinimumSpend(Unprocessable):
    """`order_amount` is below the batch's `min_spend` (`reason: below_minimum`)."""

    def __init__(self, order_amount: int, min_spend: int, currency: str) -> None:
        super().__init__(
            f"order_amount {order_amount} is below this coupon's minimum spend of {min_spend} "
            f"({currency} minor units).",
            reason=CouponRefusal.BELOW_MINIMUM,
        )


class CurrencyMismatch(Unprocessable):
    """`currency` is not the batch's currency (`reason: currency`)."""

    def __init__(self, given: str, expected: str) -> None:
        super().__init__(
            f"The order is in {given} but the coupon is in {expected}.",
            reason=CouponRefusal.CURRENCY,
        )


class AlreadyRolledBack(Conflict):
    """The redemption was already rolled back (`reason: already_rolled_back`)."""

    def __init__(self, redemption_id: uuid.UUID) -> None:
        super().__init__(
            f"Redemption {redemption_id} was already rolled back.",
            reason=CouponRefusal.ALREADY_ROLLED_BACK,
        )


class CodeGenerationFailed(Conflict):
    """Not enough unused codes could be drawn for the batch (its prefix and length leave too
    few free); use a longer `code_length` or another `code_prefix`."""

    def __init__(self, missing: int) -> None:
        super().__init__(
            f"Could not find {missing} unused codes; use a longer code_length or another prefix.",
        )


class CodesStillGenerating(Conflict):
    def __init__(self, batch_id: uuid.UUID, generated: int, total: int) -> None:
        super().__init__(
            f"Coupon batch {batch_id} is still being made ({generated:,} of {total:,} codes); "
            "export it once its job has succeeded.",
            generated_count=generated,
            total_quantity=total,
        )
