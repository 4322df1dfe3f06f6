import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, Uuid, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from community_svc.base import Base
from community_svc.members.vocabulary import MemberRole
from community_svc.sources.schemas import Source
from servicekit.models import WorkspaceModel, utcnow
from servicekit.vocabulary import sql_in


class Member(WorkspaceModel, Base):
    """One membership of a person in a group: joined, and maybe left.

    A re-join is a new row, so the history of every stay is kept; only one row per person
    (external id) may be current (``left_at IS NULL``) in a group.
    """

    __tablename__ = "member"
    __table_args__ = (
        CheckConstraint(sql_in("role", MemberRole), name="role_known"),
        Index(
            "uq_member_group_id_external_id_current",
            "group_id",
            "external_id",
            unique=True,
            postgresql_where=text("left_at IS NULL"),
        ),
        Index("ix_member_tags", "tags", postgresql_using="gin"),
        Index("ix_member_group_id_joined_at", "group_id", "joined_at"),
    )

    group_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("community_group.id", ondelete="CASCADE")
    )
    external_id: Mapped[str] = mapped_column(String(128))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default=MemberRole.MEMBER)
    tags: Mapped[list[str]] = mapped_column(ARRAY(String(50)), default=list)
    tier: Mapped[str | None] = mapped_column(String(50), default=None)
    source_channel: Mapped[str | None] = mapped_column(String(100), default=None)
    source_campaign_id: Mapped[str | None] = mapped_column(String(128), default=None)
    source_referral_code: Mapped[str | None] = mapped_column(String(64), default=None)
    # The publication that brought the person (content-svc's ids), from a tracking code or
    # given outright; a code content-svc could not resolve at the time is kept alone.
    source_tracking_code: Mapped[str | None] = mapped_column(String(32), default=None)
    source_publication_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    source_channel_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    source_post_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
    # The publication's platform, known when a code was resolved (explicit ids name none).
    source_platform: Mapped[str | None] = mapped_column(String(32), default=None)
    invited_by: Mapped[str | None] = mapped_column(String(128), default=None)
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    left_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    # The latest message recorded for this membership (POST /v1/groups/{id}/messages).
    last_active_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)

    @property
    def source(self) -> Source | None:
        """The stored source as one value (None: the join named no publication)."""
        source = Source(
            tracking_code=self.source_tracking_code,
            publication_id=self.source_publication_id,
            channel_id=self.source_channel_id,
            post_id=self.source_post_id,
            platform=self.source_platform,
        )
        return source if source.event_keys() else None
