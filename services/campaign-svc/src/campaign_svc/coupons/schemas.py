import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

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


class CouponBatchCreate(RequestBody):
    campaign_id: uuid.UUID | None = None
    name: Name
    discount_type: DiscountType
    amount_off: Money | None = Field(
        default=None, description="fixed: the amount off, in minor units (fen)"
    )
    percent_off: Decimal | None = Field(
        default=None,
        gt=0,
        lt=100,
        max_digits=5,
        decimal_places=2,
        description="percent: 15 = 15% off",
    )
    max_discount: Money | None = Field(
        default=None, description="percent: the most the discount may be, in minor units"
    )
    min_spend: Money = 0
    currency: Currency = "CNY"
    total_quantity: Annotated[
        int,
        Field(
            ge=1,
            le=MAX_JOB_BATCH_QUANTITY,
            description=f"Codes in the batch. Up to {MAX_BATCH_QUANTITY:,} they are made in the "
            f"request (201); above, up to {MAX_JOB_BATCH_QUANTITY:,}, by a job (202)",
        ),
    ]
    per_customer_limit: Annotated[int, Field(ge=1, le=1000)] = 1
    valid_from: Instant | None = None
    valid_until: Instant | None = None
    valid_days: Annotated[int | None, Field(ge=1, le=3650)] = None
    code_prefix: CodePrefix = ""
    code_length: Annotated[int, Field(ge=6, le=32)] = 10

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
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    campaign_id: uuid.UUID | None
    name: str
    discount_type: DiscountType
    amount_off: int | None
    percent_off: Decimal | None
    max_discount: int | None
    min_spend: int
    currency: str
    total_quantity: int
    generated_count: int = Field(
        description="Codes made so far: total_quantity once made (a job makes big batches)"
    )
    claimed_count: int
    per_customer_limit: int
    valid_from: datetime | None
    valid_until: datetime | None
    valid_days: int | None
    code_prefix: str
    code_length: int
    created_at: datetime


class ClaimCreate(RequestBody):
    customer_id: CustomerId
    source: SourceIn | None = Field(
        default=None, description="the publication that brought the customer (tracking code or ids)"
    )


class CouponRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    batch_id: uuid.UUID
    code: str
    status: CouponStatus
    customer_id: str | None
    claimed_at: datetime | None
    valid_from: datetime | None
    valid_until: datetime | None
    redeemed_at: datetime | None
    voided_at: datetime | None
    source: SourceRead | None = Field(description="where the claim came from")


class RedeemCreate(RequestBody):
    customer_id: CustomerId
    order_id: OrderId
    order_amount: Money
    currency: Currency | None = None
    source: SourceIn | None = Field(
        default=None,
        description="the publication that brought the purchase; without it, the claim's source",
    )


class RedemptionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    coupon_id: uuid.UUID
    batch_id: uuid.UUID
    code: str
    customer_id: str
    order_id: str
    order_amount: int
    discount_amount: int
    final_amount: int
    currency: str
    status: RedemptionStatus
    rolled_back_at: datetime | None
    created_at: datetime
    source: SourceRead | None = Field(
        description="where the purchase came from (the request's source, else the claim's)"
    )


class RollbackCreate(RequestBody):
    reason: Annotated[str, StringConstraints(max_length=500)] | None = None


class BatchStats(BaseModel):
    batch_id: uuid.UUID
    issued: int = Field(description="codes generated")
    claimed: int
    redeemed: int = Field(description="redemptions currently applied")
    rolled_back: int
    voided: int
    discount_total: int = Field(description="minor units, applied redemptions")
    gmv: int = Field(description="final amounts paid on applied redemptions, minor units")
    currency: str
