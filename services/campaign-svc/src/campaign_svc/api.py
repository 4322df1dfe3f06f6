from fastapi import APIRouter

# Domain routers (campaigns, coupon batches, coupons, referrals, leads) are added here.
routers: list[APIRouter] = []
