from fastapi import APIRouter

from campaign_svc.campaigns.router import router as campaigns_router
from campaign_svc.coupons.router import batch_jobs_router, batch_router, coupon_router
from campaign_svc.leads.router import router as leads_router
from campaign_svc.partners.router import collaboration_router, partner_router
from campaign_svc.referrals.router import router as referrals_router

routers: list[APIRouter] = [
    campaigns_router,
    batch_router,
    batch_jobs_router,
    coupon_router,
    referrals_router,
    leads_router,
    partner_router,
    collaboration_router,
]
