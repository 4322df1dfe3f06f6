import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from campaign_svc import examples
from campaign_svc.coupons.codes import ALPHABET
from campaign_svc.coupons.vocabulary import CouponStatus, DiscountType, RedemptionStatus
from campaign_svc.sources.schemas import SourceIn, SourceRead
from servicekit.bodies import RequestBody
from servicekit.timebounds import Instant

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
# Money in integer minor units (fen, cents): exact, never float. Up to 10^13 fen (100 bn yuan).
Money = Annotated[int, Field(ge=0, le=10**13, strict=True)]
CustomerId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
OrderId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
CodePrefix = Annotated[
    str, StringConstraints(pattern=rf"^[{ALPHABET}]{{0,8}}-?$", to_upper=True, max_length=9)
]

# What one synchronous request may generate: measured on a 2-core machine under load (bench/
# RESULTS.md, 2026-12-03), 200,000 codes took 13.4 s and 50,000 took 3.2 s, so 100,000 (~7 s)
# finishes well inside the gateway's 30 s timeout. Bigger batches are made by a job (202).
MAX_BATCH_QUANTITY = 100_000
# The most one batch may hold, made by its job in chunks.
MAX_JOB_BATCH_QUANTITY = 10_000_000

# The words each field's description shares between the create and read models.
CAMPAIGN = (
    "The campaign the batch belongs to: its codes are claimed and redeemed only while the "
    "campaign runs. Null for a batch of its own."
)
BATCH_NAME = "What operators call the batch, e.g. 满200减30, 1 to 200 characters."
DISCOUNT_TYPE = (
    "fixed (`amount_off`) or percent (`percent_off`, optionally capped by `max_discount`)."
)
AMOUNT_OFF = "Fixed batches: the amount off in minor units of `currency` (fen: 3000 = ¥30)."
MAX_DISCOUNT = (
    "Percent batches: the most one discount may be, in minor units (fen); no cap if null."
)
MIN_SPEND = (
    "The least order amount a code applies to, in minor units (fen: 20000 = ¥200); 0 = none."
)
CURRENCY = "ISO 4217 code of every amount of the batch and of the orders it applies to."
TOTAL_QUANTITY = f"How many codes the batch has (its stock), 1 to {MAX_JOB_BATCH_QUANTITY:,}."
PER_CUSTOMER = "How many codes of the batch one customer may claim."
VALID_FROM = "Fixed validity: codes are redeemable from this time (with `valid_until`)."
VALID_UNTIL = "Fixed validity: codes are redeemable until this time, and claimable before it."
VALID_DAYS = (
    "Rolling validity instead of a fixed window: each code is valid this many days from its claim."
)
CODE_PREFIX = (
    "Text every code starts with (up to 8 characters of the code alphabet, optionally ending "
    "in -), upper case, e.g. DX."
)
CODE_LENGTH = (
    "Random characters after the prefix, from 23456789ABCDEFGHJKMNPQRSTUVWXYZ (no 0/O, 1/I/L)."
)
CUSTOMER = (
    "The customer's id in the shop or user system (1 to 128 characters): the same id claims, "
    "redeems and appears in metrics as the actor."
)

FIXED_BATCH_EXAMPLE: dict[str, Any] = {
    "campaign_id": examples.CAMPAIGN_ID,
    "name": "双十一 满200减30",
    "discount_type": "fixed",
    "amount_off": 3000,
    "min_spend": 20000,
    "currency": "CNY",
    "total_quantity": 10000,
    "per_customer_limit": 2,
    "valid_days": 7,
    "code_prefix": "DX",
    "code_length": 10,
}
PERCENT_BATCH_EXAMPLE: dict[str, Any] = {
    "campaign_id": examples.CAMPAIGN_ID,
    "name": "双十一 85折 最高减50",
    "discount_type": "percent",
    "percent_off": "15",
    "max_discount": 5000,
    "min_spend": 0,
    "currency": "CNY",
    "total_quantity": 5000,
    "per_customer_limit": 1,
    "valid_from": "2027-11-01T00:00:00+08:00",
    "valid_until": "2027-11-12T00:00:00+08:00",
    "code_prefix": "DX",
    "code_length": 10,
}
SOURCE_IN = (
    "The publication that brought the customer: its tracking code, or explicit ids. Optional."
)


class CouponBatchCreate(RequestBody):
    """A coupon batch: its discount, stock, validity and code format. Validity is either a
    fixed window (`valid_from` and `valid_until`) or `valid_days` after each claim."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [FIXED_BATCH_EXAMPLE, PERCENT_BATCH_EXAMPLE]}
    )

    campaign_id: uuid.UUID | None = Field(default=None, description=CAMPAIGN)
    name: Name = Field(description=BATCH_NAME)
    discount_type: DiscountType = Field(description=DISCOUNT_TYPE)
    amount_off: Money | None = Field(default=None, description=AMOUNT_OFF + " Required for fixed.")
    percent_off: Decimal | None = Field(
        default=None,
        gt=0,
        lt=100,
        max_digits=5,
        decimal_places=2,
        description="Percent batches: the percentage off, more than 0 and less than 100 with up "
        'to 2 decimals, as a number or a string (15 or "15" = 15% off, 85折). Required for '
        "percent.",
    )
    max_discount: Money | None = Field(default=None, description=MAX_DISCOUNT)
    min_spend: Money = Field(default=0, description=MIN_SPEND)
    currency: Currency = Field(default="CNY", description=CURRENCY)
    total_quantity: Annotated[int, Field(ge=1, le=MAX_JOB_BATCH_QUANTITY)] = Field(
        description=TOTAL_QUANTITY + f" Up to {MAX_BATCH_QUANTITY:,} the codes are made in the "
        "request (201); above, by a job (202 with the job, `Location: /v1/jobs/{id}`)."
    )
    per_customer_limit: Annotated[int, Field(ge=1, le=1000)] = Field(
        default=1, description=PER_CUSTOMER
    )
    valid_from: Instant | None = Field(
        default=None, description=VALID_FROM + " RFC 3339 with an offset."
    )
    valid_until: Instant | None = Field(
        default=None, description=VALID_UNTIL + " RFC 3339 with an offset."
    )
    valid_days: Annotated[int | None, Field(ge=1, le=3650)] = Field(
        default=None, description=VALID_DAYS
    )
    code_prefix: CodePrefix = Field(default="", description=CODE_PREFIX)
    code_length: Annotated[int, Field(ge=6, le=32)] = Field(
        default=10,
        description=CODE_LENGTH + " Long enough that codes cannot be guessed: "
        "31^length must be at least 1,000 times total_quantity.",
    )

    @model_validator(mode="after")
    def _rules_are_whole(self) -> Self:
        if self.discount_type == DiscountType.FIXED:
            if self.amount_off is None or self.amount_off == 0:
                raise ValueError(
                    "a fixed discount needs amount_off > 0 (minor units, e.g. 500 = ¥5)"
                )
            if self.percent_off is not None or self.max_discount is not None:
                raise ValueError("percent_off and max_discount belong to percent discounts only")
        else:
            if self.percent_off is None:
                raise ValueError("a percent discount needs percent_off (e.g. 15 for 15% off)")
            if self.amount_off is not None:
                raise ValueError("amount_off belongs to fixed discounts only")
        fixed_window = self.valid_from is not None or self.valid_until is not None
        if fixed_window == (self.valid_days is not None):
            raise ValueError(
                "give validity either as a fixed window (valid_from and valid_until) or as "
                "valid_days after the claim, not both and not neither"
            )
        if fixed_window:
            if self.valid_from is None or self.valid_until is None:
                raise ValueError("a fixed validity window needs both valid_from and valid_until")
            if self.valid_until <= self.valid_from:
                raise ValueError("valid_until must be after valid_from")
        if len(ALPHABET) ** self.code_length < self.total_quantity * 1000:
            raise ValueError(
                f"code_length {self.code_length} leaves too few codes for {self.total_quantity} "
                "unguessable coupons; use a longer code_length"
            )
        return self


class CouponBatchRead(BaseModel):
    """A coupon batch and its stock counter."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    **FIXED_BATCH_EXAMPLE,
                    "id": examples.BATCH_ID,
                    "percent_off": None,
                    "max_discount": None,
                    "generated_count": 10000,
                    "claimed_count": 3120,
                    "valid_from": None,
                    "valid_until": None,
                    "created_at": "2027-10-25T03:00:00Z",
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The batch's id.")
    campaign_id: uuid.UUID | None = Field(description=CAMPAIGN)
    name: str = Field(description=BATCH_NAME)
    discount_type: DiscountType = Field(description=DISCOUNT_TYPE)
    amount_off: int | None = Field(description=AMOUNT_OFF + " Null for percent.")
    percent_off: Decimal | None = Field(
        description='Percent batches: the percentage off as a decimal string ("15.00" = 15% '
        "off). Null for fixed."
    )
    max_discount: int | None = Field(description=MAX_DISCOUNT)
    min_spend: int = Field(description=MIN_SPEND)
    currency: str = Field(description=CURRENCY)
    total_quantity: int = Field(description=TOTAL_QUANTITY)
    generated_count: int = Field(
        description="Codes made so far: `total_quantity` once made (a job makes big batches)."
    )
    claimed_count: int = Field(description="Codes claimed so far (the stock counter).")
    per_customer_limit: int = Field(description=PER_CUSTOMER)
    valid_from: datetime | None = Field(description=VALID_FROM + " UTC; null for valid_days.")
    valid_until: datetime | None = Field(description=VALID_UNTIL + " UTC; null for valid_days.")
    valid_days: int | None = Field(description=VALID_DAYS + " Null for a fixed window.")
    code_prefix: str = Field(description=CODE_PREFIX)
    code_length: int = Field(description=CODE_LENGTH)
    created_at: datetime = Field(description="When the batch was created, UTC.")


class ClaimCreate(RequestBody):
    """A customer claims one code of the batch."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"customer_id": examples.CUSTOMER_ID, "source": examples.SOURCE_IN}]
        }
    )

    customer_id: CustomerId = Field(description="Who claims. " + CUSTOMER)
    source: SourceIn | None = Field(default=None, description=SOURCE_IN)


class CouponRead(BaseModel):
    """One code of a batch and where it stands."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": examples.COUPON_ID,
                    "batch_id": examples.BATCH_ID,
                    "code": examples.COUPON_CODE,
                    "status": "claimed",
                    "customer_id": examples.CUSTOMER_ID,
                    "claimed_at": "2027-11-10T16:03:12Z",
                    "valid_from": "2027-11-10T16:03:12Z",
                    "valid_until": "2027-11-17T16:03:12Z",
                    "redeemed_at": None,
                    "voided_at": None,
                    "source": examples.SOURCE_READ,
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The coupon's id.")
    batch_id: uuid.UUID = Field(description="The batch the code belongs to.")
    code: str = Field(
        description="The code a customer types or scans, upper case; routes take it "
        "case-insensitively."
    )
    status: CouponStatus = Field(
        description="available → claimed (by a customer) → redeemed; or voided."
    )
    customer_id: str | None = Field(description="Who claimed it; null while available.")
    claimed_at: datetime | None = Field(description="When it was claimed, UTC; null before.")
    valid_from: datetime | None = Field(
        description="From when it can be redeemed, UTC; set at the claim (null before)."
    )
    valid_until: datetime | None = Field(
        description="Until when it can be redeemed, UTC; set at the claim (null before)."
    )
    redeemed_at: datetime | None = Field(
        description="When its applied redemption was made, UTC; null when not redeemed."
    )
    voided_at: datetime | None = Field(description="When it was voided, UTC; null if not.")
    source: SourceRead | None = Field(
        description="Where the claim came from; null when it named no source."
    )


class RedeemCreate(RequestBody):
    """The order a claimed coupon is applied to."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "customer_id": examples.CUSTOMER_ID,
                    "order_id": examples.ORDER_ID,
                    "order_amount": 25900,
                    "currency": "CNY",
                }
            ]
        }
    )

    customer_id: CustomerId = Field(
        description="Who redeems: must be the customer who claimed the code. " + CUSTOMER
    )
    order_id: OrderId = Field(
        description="The order's id in the shop (1 to 128 characters), kept with the redemption "
        "and sent to metrics-svc with the purchase."
    )
    order_amount: Money = Field(
        description="The order's amount before the discount, in minor units of the batch's "
        "currency (fen: 25900 = ¥259.00), an integer; at least the batch's min_spend."
    )
    currency: Currency | None = Field(
        default=None,
        description="The order's ISO 4217 currency; when given it must be the batch's. Omit to "
        "take the batch's.",
    )
    source: SourceIn | None = Field(
        default=None,
        description="The publication that brought the purchase; without it, the claim's source "
        "is used.",
    )


class RedemptionRead(BaseModel):
    """A coupon applied to an order, and the discount it gave."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": examples.REDEMPTION_ID,
                    "coupon_id": examples.COUPON_ID,
                    "batch_id": examples.BATCH_ID,
                    "code": examples.COUPON_CODE,
                    "customer_id": examples.CUSTOMER_ID,
                    "order_id": examples.ORDER_ID,
                    "order_amount": 25900,
                    "discount_amount": 3000,
                    "final_amount": 22900,
                    "currency": "CNY",
                    "status": "applied",
                    "rolled_back_at": None,
                    "created_at": "2027-11-10T16:20:45Z",
                    "source": examples.SOURCE_READ,
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="The redemption's id (the rollback route takes it).")
    coupon_id: uuid.UUID = Field(description="The coupon redeemed.")
    batch_id: uuid.UUID = Field(description="The coupon's batch.")
    code: str = Field(description="The coupon's code.")
    customer_id: str = Field(description="The customer who redeemed it (its owner).")
    order_id: str = Field(description="The order it was applied to, as sent.")
    order_amount: int = Field(
        description="The order's amount before the discount, minor units (fen)."
    )
    discount_amount: int = Field(
        description="The discount, minor units (fen): the fixed amount off, or the percentage "
        "of order_amount rounded down to the fen and capped by max_discount; never more than "
        "the order."
    )
    final_amount: int = Field(
        description="What the customer pays: order_amount - discount_amount, minor units (fen)."
    )
    currency: str = Field(description="ISO 4217 currency of the amounts (the batch's).")
    status: RedemptionStatus = Field(
        description="applied, or rolled_back once the order was refunded."
    )
    rolled_back_at: datetime | None = Field(
        description="When it was rolled back, UTC; null while applied."
    )
    created_at: datetime = Field(description="When the coupon was redeemed, UTC.")
    source: SourceRead | None = Field(
        description="Where the purchase came from (the request's source, else the claim's); "
        "null when neither named one."
    )


ROLLBACK_EXAMPLE: dict[str, Any] = {"reason": f"订单 {examples.ORDER_ID} 全额退款"}


class RollbackCreate(RequestBody):
    """Why a redemption is rolled back; the body itself is optional."""

    model_config = ConfigDict(json_schema_extra={"examples": [ROLLBACK_EXAMPLE]})

    reason: Annotated[str, StringConstraints(max_length=500)] | None = Field(
        default=None,
        description="Why, e.g. the refund's reference, up to 500 characters. Checked (and part "
        "of an Idempotency-Key's request), not stored.",
    )


class BatchStats(BaseModel):
    """A batch's numbers, counted now."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "batch_id": examples.BATCH_ID,
                    "issued": 10000,
                    "claimed": 3120,
                    "redeemed": 1864,
                    "rolled_back": 23,
                    "voided": 5,
                    "discount_total": 5592000,
                    "gmv": 42685600,
                    "currency": "CNY",
                }
            ]
        }
    )

    batch_id: uuid.UUID = Field(description="The batch counted.")
    issued: int = Field(description="Codes generated.")
    claimed: int = Field(description="Codes claimed (the stock counter).")
    redeemed: int = Field(description="Redemptions currently applied.")
    rolled_back: int = Field(description="Redemptions rolled back (orders refunded).")
    voided: int = Field(description="Codes voided.")
    discount_total: int = Field(
        description="Discounts of the applied redemptions, minor units of `currency` (fen)."
    )
    gmv: int = Field(
        description="Final amounts paid on the applied redemptions, minor units of `currency` "
        "(fen)."
    )
    currency: str = Field(description="ISO 4217 currency of the amounts (the batch's).")
