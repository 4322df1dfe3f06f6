import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from campaign_svc.base import Base
from servicekit.models import WorkspaceModel


class Lead(WorkspaceModel, Base):
    """Contact details a campaign captured, normalised; one row per person per campaign."""

    __tablename__ = "lead"
    __table_args__ = (
        CheckConstraint(
            "phone IS NOT NULL OR email IS NOT NULL OR wechat_id IS NOT NULL",
            name="has_contact",
        ),
        # De-duplication per campaign on each normalised contact (only where it is given).
        Index(
            "uq_lead_campaign_id_phone",
            "campaign_id",
            "phone",
            unique=True,
            postgresql_where=text("phone IS NOT NULL"),
        ),
        Index(
            "uq_lead_campaign_id_email",
            "campaign_id",
            "email",
            unique=True,
            postgresql_where=text("email IS NOT NULL"),
        ),
        Index(
            "uq_lead_campaign_id_wechat_id",
            "campaign_id",
            "wechat_id",
            unique=True,
            postgresql_where=text("wechat_id IS NOT NULL"),
        ),
    )

    campaign_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(200), default=None)
    phone: Mapped[str | None] = mapped_column(String(32), default=None)
    email: Mapped[str | None] = mapped_column(String(320), default=None)
    wechat_id: Mapped[str | None] = mapped_column(String(64), default=None)
    # The channel of the source (explicit, or what the tracking code stood for): a filter.
    source_channel_id: Mapped[str | None] = mapped_column(String(64), default=None)
    # Where the lead came from (sources.schemas.SourceRead's keys that are set).
    source: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
    # The person's customer id where the capture knew it: the lead's actor in metrics.
    customer_id: Mapped[str | None] = mapped_column(String(128), default=None)
    consent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
