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
from servicekit.unitofwork import UnitOfWork, UnitOfWorkDep

CodePath = Annotated[str, Path(min_length=1, max_length=64)]


async def get_batch_or_404(batch_id: uuid.UUID, uow: UnitOfWorkDep) -> CouponBatch:
    return await uow.repo(CouponBatchRepository).get_or_raise(batch_id, CouponBatchNotFound)


def printed_code(code: str) -> str:
    """Codes are printed upper case; accept what a customer typed in lower case too."""
    return code.strip().upper()


async def get_coupon_or_404(code: CodePath, uow: UnitOfWorkDep) -> Coupon:
    coupon = await uow.repo(CouponRepository).get_by_code(printed_code(code))
    if coupon is None:
        raise CouponNotFound(code)
    return coupon


async def claim_target_or_404(batch_id: uuid.UUID, uow: UnitOfWork) -> ClaimTarget:
    """The batch to claim from, with its campaign read FOR SHARE in the same statement (so
    called by the route after anything slow it does first: the lock lasts until the commit)."""
    target = await uow.repo(CouponBatchRepository).for_claim(batch_id)
    if target is None:
        raise CouponBatchNotFound(batch_id)
    return target


async def redeem_target_or_404(code: str, uow: UnitOfWork) -> RedeemTarget:
    """The coupon to redeem, with its batch and campaign (FOR SHARE), in one statement."""
    target = await uow.repo(CouponRepository).for_redeem(printed_code(code))
    if target is None:
        raise CouponNotFound(code)
    return target


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
