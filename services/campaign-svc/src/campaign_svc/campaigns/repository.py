import uuid
from typing import Any

from sqlalchemy import Select, func, select

from campaign_svc.campaigns.models import Campaign
from campaign_svc.campaigns.vocabulary import CampaignKind
from campaign_svc.coupons.models import Coupon, CouponBatch, Redemption
from campaign_svc.coupons.repository import redemption_totals
from campaign_svc.leads.models import Lead
from campaign_svc.referrals.models import Referral, ReferralCode
from servicekit.db import plan_with_values
from servicekit.repository import WorkspaceRepository


class CampaignRepository(WorkspaceRepository[Campaign]):
    model = Campaign

    def list_campaigns(self, kind: CampaignKind | None = None) -> Select[Campaign]:
        return self.select(kind=kind)

    async def get_for_share(self, campaign_id: uuid.UUID) -> Campaign | None:
        """Read with FOR SHARE: a pause or end waits until in-flight claims/redeems commit."""
        return await self.fetch_by_id(campaign_id, "share")

    async def stats_numbers(self, campaign_id: uuid.UUID) -> dict[str, int]:
        """Coupon, lead and referral totals of one campaign, planned with its values: one
        campaign may hold most of the codes (``servicekit.db.plan_with_values``)."""
        await plan_with_values(self.session)
        batch_ids = (
            select(CouponBatch.id)
            .where(
                CouponBatch.workspace_id == self.workspace_id,
                CouponBatch.campaign_id == campaign_id,
            )
            .scalar_subquery()
        )
        batches = (
            await self.session.execute(
                select(
                    func.count().label("batches"),
                    func.coalesce(func.sum(CouponBatch.claimed_count), 0).label("claimed"),
                ).where(
                    CouponBatch.workspace_id == self.workspace_id,
                    CouponBatch.campaign_id == campaign_id,
                )
            )
        ).one()
        issued = await self.session.scalar(
            select(func.count()).where(
                Coupon.workspace_id == self.workspace_id, Coupon.batch_id.in_(batch_ids)
            )
        )
        money = (
            await self.session.execute(
                redemption_totals().where(
                    Redemption.workspace_id == self.workspace_id, Redemption.batch_id.in_(batch_ids)
                )
            )
        ).one()
        leads = await self.session.scalar(
            select(func.count()).where(
                Lead.workspace_id == self.workspace_id, Lead.campaign_id == campaign_id
            )
        )
        seeds = await self.session.scalar(
            select(func.count()).where(
                ReferralCode.workspace_id == self.workspace_id,
                ReferralCode.campaign_id == campaign_id,
                ReferralCode.generation == 0,
            )
        )
        invitees = await self.session.scalar(
            select(func.count()).where(
                Referral.workspace_id == self.workspace_id, Referral.campaign_id == campaign_id
            )
        )
        numbers: dict[str, Any] = {
            **batches._asdict(),
            **money._asdict(),
            "issued": issued,
            "leads": leads,
            "referral_seeds": seeds,
            "referral_invitees": invitees,
        }
        return {k: int(v or 0) for k, v in numbers.items()}
