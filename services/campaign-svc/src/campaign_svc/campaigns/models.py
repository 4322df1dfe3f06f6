from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from campaign_svc.base import Base
from campaign_svc.campaigns.vocabulary import CampaignKind, CampaignStatus
from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in


class Campaign(WorkspaceModel, Base):
    """One promotional activity with a time window.

    ``status`` holds what an operator decided (draft, scheduled, paused, ended); whether a
    scheduled campaign is *running* follows from the clock and is computed on read
    (``campaigns.service.effective_status``), so no timer has to flip rows at the window's edges.
    """

    __tablename__ = "campaign"
    __table_args__ = (
        CheckConstraint(sql_in("kind", CampaignKind), name="kind_known"),
        CheckConstraint(sql_in("status", CampaignStatus), name="status_known"),
        CheckConstraint("ends_at > starts_at", name="window_ordered"),
        CheckConstraint("budget_amount IS NULL OR budget_amount >= 0", name="budget_not_negative"),
    )

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=CampaignStatus.DRAFT)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Money in integer minor units (fen for CNY), never float.
    budget_amount: Mapped[int | None] = mapped_column(BigInteger, default=None)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    goals: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    channel_ids: Mapped[list[str]] = mapped_column(JSONB, default=list)
    post_ids: Mapped[list[str]] = mapped_column(JSONB, default=list)
    group_ids: Mapped[list[str]] = mapped_column(JSONB, default=list)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
