import uuid
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from campaign_svc.base import Base
from campaign_svc.referrals.vocabulary import RewardStatus
from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in


class ReferralCode(WorkspaceModel, Base):
    """A participant's invite code in one campaign; counts the invites accepted with it."""

    __tablename__ = "referral_code"
    __table_args__ = (
        UniqueConstraint("workspace_id", "code"),
        UniqueConstraint("campaign_id", "participant_id"),
        CheckConstraint("accepted_count >= 0", name="accepted_not_negative"),
    )

    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[str] = mapped_column(String(128))
    code: Mapped[str] = mapped_column(String(32))
    # 0 for a seed participant; an invitee's code is one generation below its referrer's.
    generation: Mapped[int] = mapped_column(Integer, default=0)
    accepted_count: Mapped[int] = mapped_column(Integer, default=0)


class Referral(WorkspaceModel, Base):
    """An invitee accepted a referrer's code: one referrer per invitee per campaign."""

    __tablename__ = "referral"
    __table_args__ = (
        UniqueConstraint("campaign_id", "invitee_id"),
        CheckConstraint("referrer_id <> invitee_id", name="not_self"),
    )

    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    referral_code_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referral_code.id", ondelete="CASCADE"), index=True
    )
    referrer_id: Mapped[str] = mapped_column(String(128))
    invitee_id: Mapped[str] = mapped_column(String(128))
    generation: Mapped[int] = mapped_column(Integer)
    # Where the invitee came from (sources.schemas.SourceRead's keys that are set).
    source: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)


class ReferralRewardRule(WorkspaceModel, Base):
    """After ``invites_required`` accepted invites, the referrer gets a coupon of ``batch_id``."""

    __tablename__ = "referral_reward_rule"
    __table_args__ = (CheckConstraint("invites_required >= 1", name="invites_positive"),)

    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    invites_required: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("coupon_batch.id", ondelete="CASCADE"))


class ReferralReward(WorkspaceModel, Base):
    """A rule's reward for one referrer: at most one row per rule and referrer, ever."""

    __tablename__ = "referral_reward"
    __table_args__ = (
        UniqueConstraint("rule_id", "referrer_id"),
        CheckConstraint(sql_in("status", RewardStatus), name="status_known"),
    )

    rule_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("referral_reward_rule.id", ondelete="CASCADE")
    )
    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    referrer_id: Mapped[str] = mapped_column(String(128))
    coupon_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("coupon.id", ondelete="SET NULL"), default=None
    )
    status: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text, default=None)
