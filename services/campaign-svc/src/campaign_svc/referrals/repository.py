import uuid
from typing import Any

from sqlalchemy import Select, func, select

from campaign_svc.referrals.models import (
    Referral,
    ReferralCode,
    ReferralReward,
    ReferralRewardRule,
)
from campaign_svc.referrals.vocabulary import RewardStatus
from campaign_svc.unique import insert_unless_taken
from servicekit.repository import WorkspaceRepository


class ReferralRepository(WorkspaceRepository[ReferralCode]):
    """Referral codes, accepted referrals, reward rules and rewards of one workspace."""

    model = ReferralCode

    async def code_of(self, campaign_id: uuid.UUID, participant_id: str) -> ReferralCode | None:
        stmt = self.select().where(
            ReferralCode.campaign_id == campaign_id,
            ReferralCode.participant_id == participant_id,
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def by_code(self, code: str) -> ReferralCode | None:
        stmt = self.select().where(ReferralCode.code == code)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def insert_code_unless_exists(
        self, campaign_id: uuid.UUID, participant_id: str, code: str, generation: int
    ) -> bool:
        """One statement; ``False`` when the participant has a code or the code is taken."""
        values = {
            "campaign_id": campaign_id,
            "participant_id": participant_id,
            "code": code,
            "generation": generation,
            "accepted_count": 0,
        }
        return await insert_unless_taken(self, ReferralCode, values) is not None

    def list_codes(self, campaign_id: uuid.UUID | None) -> Select[ReferralCode]:
        return self.select(campaign_id=campaign_id)

    async def referral_of(self, campaign_id: uuid.UUID, invitee_id: str) -> Referral | None:
        stmt = select(Referral).where(
            Referral.workspace_id == self.workspace_id,
            Referral.campaign_id == campaign_id,
            Referral.invitee_id == invitee_id,
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def insert_referral_unless_referred(
        self, code: ReferralCode, invitee_id: str, source: dict[str, Any] | None
    ) -> uuid.UUID | None:
        """One referrer per invitee: the unique (campaign, invitee) row decides, race or not."""
        values = {
            "campaign_id": code.campaign_id,
            "referral_code_id": code.id,
            "referrer_id": code.participant_id,
            "invitee_id": invitee_id,
            "generation": code.generation + 1,
            "source": source,
        }
        return await insert_unless_taken(
            self, Referral, values, target=[Referral.campaign_id, Referral.invitee_id]
        )

    async def get_referral(self, referral_id: uuid.UUID) -> Referral | None:
        stmt = select(Referral).where(
            Referral.workspace_id == self.workspace_id, Referral.id == referral_id
        )
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def count_accepted(self, code_id: uuid.UUID) -> int:
        """+1 in one statement; concurrent accepts queue on the row, so each gets its own N."""
        stmt = (
            self.update_where(ReferralCode.id == code_id)
            .values(accepted_count=ReferralCode.accepted_count + 1, updated_at=func.now())
            .returning(ReferralCode.accepted_count)
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def rules_reached(
        self, campaign_id: uuid.UUID, accepted: int
    ) -> list[ReferralRewardRule]:
        stmt = select(ReferralRewardRule).where(
            ReferralRewardRule.workspace_id == self.workspace_id,
            ReferralRewardRule.campaign_id == campaign_id,
            ReferralRewardRule.invites_required == accepted,
        )
        return list((await self.session.scalars(stmt)).all())

    async def insert_reward_unless_given(
        self, rule: ReferralRewardRule, referrer_id: str
    ) -> ReferralReward | None:
        """Exactly once per rule and referrer: the unique (rule, referrer) row decides."""
        values = {
            "rule_id": rule.id,
            "campaign_id": rule.campaign_id,
            "referrer_id": referrer_id,
            "status": RewardStatus.ISSUED,
        }
        reward_id = await insert_unless_taken(
            self,
            ReferralReward,
            values,
            target=[ReferralReward.rule_id, ReferralReward.referrer_id],
        )
        if reward_id is None:
            return None
        return await self.session.get(ReferralReward, reward_id)

    async def _per_generation(
        self, model: type[ReferralCode] | type[Referral], campaign_id: uuid.UUID
    ) -> dict[int, int]:
        """How many rows of ``model`` (codes: participants; referrals: invitees) the campaign has
        in each generation."""
        rows = (
            await self.session.execute(
                select(model.generation, func.count())
                .where(model.workspace_id == self.workspace_id, model.campaign_id == campaign_id)
                .group_by(model.generation)
            )
        ).all()
        return {int(g): int(n) for g, n in rows}

    async def stats(self, campaign_id: uuid.UUID) -> dict[str, Any]:
        rewards = await self.session.scalar(
            select(func.count()).where(
                ReferralReward.workspace_id == self.workspace_id,
                ReferralReward.campaign_id == campaign_id,
                ReferralReward.status == RewardStatus.ISSUED,
            )
        )
        return {
            "participants": await self._per_generation(ReferralCode, campaign_id),
            "invitees": await self._per_generation(Referral, campaign_id),
            "rewards_issued": int(rewards or 0),
        }


class RewardRuleRepository(WorkspaceRepository[ReferralRewardRule]):
    model = ReferralRewardRule

    def list_rules(self, campaign_id: uuid.UUID | None) -> Select[ReferralRewardRule]:
        return self.select(campaign_id=campaign_id)


class RewardRepository(WorkspaceRepository[ReferralReward]):
    model = ReferralReward

    def list_rewards(self, campaign_id: uuid.UUID | None) -> Select[ReferralReward]:
        return self.select(campaign_id=campaign_id)
