import uuid
from typing import Annotated

from fastapi import Depends, Path

from campaign_svc.coupons.exceptions import (
    CouponBatchNotFound,
    CouponNotFound,
    RedemptionNotFound,
)
from campaign_svc.coupons.models import Coupon, CouponBatch, Redemption
from campaign_svc.coupons.repository import (
    CouponBatchRepository,
    CouponRepository,
    RedemptionRepository,
)
from servicekit.unitofwork import UnitOfWorkDep

CodePath = Annotated[str, Path(min_length=1, max_length=64)]


async def get_batch_or_404(batch_id: uuid.UUID, uow: UnitOfWorkDep) -> CouponBatch:
    return await uow.repo(CouponBatchRepository).get_or_raise(batch_id, CouponBatchNotFound)


async def get_coupon_or_404(code: CodePath, uow: UnitOfWorkDep) -> Coupon:
    # Codes are printed upper case; accept what a customer typed in lower case too.
    coupon = await uow.repo(CouponRepository).get_by_code(code.strip().upper())
    if coupon is None:
        raise CouponNotFound(code)
    return coupon


BatchDep = Annotated[CouponBatch, Depends(get_batch_or_404)]
CouponDep = Annotated[Coupon, Depends(get_coupon_or_404)]


async def get_redemption_or_404(
    redemption_id: uuid.UUID, coupon: CouponDep, uow: UnitOfWorkDep
) -> Redemption:
    redemption = await uow.repo(RedemptionRepository).get_of_coupon(redemption_id, coupon.id)
    if redemption is None:
        raise RedemptionNotFound(redemption_id, coupon.code)
    return redemption


RedemptionDep = Annotated[Redemption, Depends(get_redemption_or_404)]
