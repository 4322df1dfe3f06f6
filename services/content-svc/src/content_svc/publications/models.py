import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from content_svc.base import Base
from content_svc.publications.codes import new_tracking_code
from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in


class PublicationStatus(StrEnum):
    """scheduled → publishing → published | failed; scheduled or failed → cancelled."""

    SCHEDULED = "scheduled"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    FAILED = "failed"
    CANCELLED = "cancelled"


class Schedule(StrEnum):
    """A rule for ``scheduled_at`` that content-svc works out when the publication is created."""

    # The next occurrence of the channel's best slot: learned by metrics-svc, or the channel's
    # prime time (channels/best_times.py).
    NEXT_BEST_SLOT = "next_best_slot"


class Publication(WorkspaceModel, Base):
    """One approved post going out on one channel, at ``scheduled_at`` or as soon as possible."""

    __tablename__ = "publication"
    __table_args__ = (
        CheckConstraint(sql_in("status", PublicationStatus), name="status_known"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        # What the worker scans every poll (claimable statuses, in due order); also serves
        # the status filter of the list.
        Index("ix_publication_status_next_attempt_at", "status", "next_attempt_at"),
        Index("ix_publication_workspace_id_scheduled_at", "workspace_id", "scheduled_at"),
    )

    post_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("post.id"), index=True)
    channel_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("channel.id"), index=True)
    title_override: Mapped[str | None] = mapped_column(Text, default=None)
    body_override: Mapped[str | None] = mapped_column(Text, default=None)
    # Stored as the word (VARCHAR with a CHECK) and read back as a plain string.
    status: Mapped[str] = mapped_column(String(20), default=PublicationStatus.SCHEDULED)
    scheduled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # When the worker may next try: scheduled_at at first, then now + backoff after a failure.
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Set while a worker holds the claim; once past, another worker may take it over.
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    # Fixed at creation and sent on every delivery, retries included: receivers de-duplicate on it.
    delivery_id: Mapped[uuid.UUID] = mapped_column(Uuid, default=uuid.uuid4, unique=True)
    external_id: Mapped[str | None] = mapped_column(String(500), default=None)
    url: Mapped[str | None] = mapped_column(String(2000), default=None)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_by: Mapped[str | None] = mapped_column(String(128), default=None)
    # The public code links, QR codes and posters carry (publications/codes.py): assigned at
    # creation, never changed, unique across every workspace (the index is what makes it so;
    # PublicationRepository.add_with_tracking_code draws again on a clash).
    tracking_code: Mapped[str] = mapped_column(String(8), unique=True, default=new_tracking_code)
