import uuid
from datetime import date

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from campaign_svc.base import Base
from campaign_svc.partners.vocabulary import CollaborationStatus, PartnerPlatform
from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in


class Partner(WorkspaceModel, Base):
    """An account of someone else (a KOL, a creator, another brand) the team pays to carry its
    posts: where it is, whom it speaks to and in what tone, its reach and price, and how to
    reach the person behind it."""

    __tablename__ = "partner"
    __table_args__ = (
        CheckConstraint(sql_in("platform", PartnerPlatform), name="platform_known"),
        CheckConstraint(
            "follower_count IS NULL OR follower_count >= 0", name="followers_not_negative"
        ),
        CheckConstraint("price_per_post IS NULL OR price_per_post >= 0", name="price_not_negative"),
        # One partner per account: the same handle twice on a platform is one account.
        UniqueConstraint("workspace_id", "platform", "handle"),
        Index("ix_partner_tone_tags", "tone_tags", postgresql_using="gin"),
    )

    platform: Mapped[str] = mapped_column(String(32))
    handle: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str] = mapped_column(String(200))
    audience: Mapped[str | None] = mapped_column(Text, default=None)
    tone_tags: Mapped[list[str]] = mapped_column(JSONB, default=list)
    follower_count: Mapped[int | None] = mapped_column(BigInteger, default=None)
    # Money in integer minor units (fen for CNY), never float.
    price_per_post: Mapped[int | None] = mapped_column(BigInteger, default=None)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    # The person behind the account: contact details, shown masked without leads:pii.
    contact_name: Mapped[str | None] = mapped_column(String(200), default=None)
    contact_phone: Mapped[str | None] = mapped_column(String(32), default=None)
    contact_email: Mapped[str | None] = mapped_column(String(320), default=None)
    contact_wechat_id: Mapped[str | None] = mapped_column(String(64), default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Collaboration(WorkspaceModel, Base):
    """One paid post by a partner: the brief, the price agreed, when it is due, and the
    publication (in content-svc) that carries it, whose tracking code the people it brings
    carry — what its return is counted by."""

    __tablename__ = "collaboration"
    __table_args__ = (
        CheckConstraint(sql_in("status", CollaborationStatus), name="status_known"),
        CheckConstraint("agreed_price >= 0", name="price_not_negative"),
        # A publication's numbers are one collaboration's: at most one that is not cancelled
        # carries it (a race between two links lets one in; the other is a 409).
        Index(
            "uq_collaboration_workspace_id_publication_id",
            "workspace_id",
            "publication_id",
            unique=True,
            postgresql_where=text(
                f"publication_id IS NOT NULL AND status <> '{CollaborationStatus.CANCELLED}'"
            ),
        ),
        # The ranking reads a window of due dates.
        Index("ix_collaboration_workspace_id_due_date", "workspace_id", "due_date"),
    )

    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("partner.id", ondelete="RESTRICT"), index=True
    )
    campaign_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="RESTRICT"), index=True, default=None
    )
    brief: Mapped[str] = mapped_column(Text)
    # Money in integer minor units (fen for CNY), never float.
    agreed_price: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    due_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=CollaborationStatus.PROPOSED)
    # content-svc's publication that carries the post, and its tracking code as content-svc
    # gave it (null while content-svc could not be asked: the read asks again).
    publication_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    tracking_code: Mapped[str | None] = mapped_column(String(32), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
