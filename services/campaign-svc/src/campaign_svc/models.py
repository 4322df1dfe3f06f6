"""Every model of campaign-svc, imported so Alembic sees one metadata."""

from campaign_svc.base import Base
from campaign_svc.campaigns.models import Campaign
from campaign_svc.coupons.models import Coupon, CouponBatch, CustomerClaim, Redemption
from campaign_svc.idempotency import IdempotencyKey
from campaign_svc.jobs import Job, JobResultPart
from campaign_svc.leads.models import Lead
from campaign_svc.partners.models import Collaboration, Partner
from campaign_svc.referrals.models import (
    Referral,
    ReferralCode,
    ReferralReward,
    ReferralRewardRule,
)
from servicekit.outbox import OutboxEventMixin


class OutboxEvent(OutboxEventMixin, Base):
    """Domain events waiting for the relay to deliver them to metrics-svc."""


metadata = Base.metadata

__all__ = [
    "Campaign",
    "Collaboration",
    "Coupon",
    "CouponBatch",
    "CustomerClaim",
    "IdempotencyKey",
    "Job",
    "JobResultPart",
    "Lead",
    "OutboxEvent",
    "Partner",
    "Redemption",
    "Referral",
    "ReferralCode",
    "ReferralReward",
    "ReferralRewardRule",
    "metadata",
]
