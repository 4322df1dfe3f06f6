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
    ClaimTarget,
    CouponBatchRepository,
    CouponRepository,
    RedeemTarget,
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


async def get_claim_target_or_404(batch_id: uuid.UUID, uow: UnitOfWorkDep) -> ClaimTarget:
    """The batch to claim from, with its campaign read FOR SHARE in the same statement."""
    target = await uow.repo(CouponBatchRepository).for_claim(batch_id)
    if target is None:
        raise CouponBatchNotFound(batch_id)
    return target


async def get_redeem_target_or_404(code: CodePath, uow: UnitOfWorkDep) -> RedeemTarget:
    """The coupon to redeem, with its batch and campaign (FOR SHARE), in one statement."""
    target = await uow.repo(CouponRepository).for_redeem(code.strip().upper())
    if target is None:
        raise CouponNotFound(code)
    return target


BatchDep = Annotated[CouponBatch, Depends(get_batch_or_404)]
CouponDep = Annotated[Coupon, Depends(get_coupon_or_404)]
ClaimTargetDep = Annotated[ClaimTarget, Depends(get_claim_target_or_404)]
RedeemTargetDep = Annotated[RedeemTarget, Depends(get_redeem_target_or_404)]


async def get_redemption_or_404(
    redemption_id: uuid.UUID, coupon: CouponDep, uow: UnitOfWorkDep
) -> Redemption:
    redemption = await uow.repo(RedemptionRepository).get_of_coupon(redemption_id, coupon.id)
    if redemption is None:
        raise RedemptionNotFound(redemption_id, coupon.code)
    return redemption


RedemptionDep = Annotated[Redemption, Depends(get_redemption_or_404)]
