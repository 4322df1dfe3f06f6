"""Every model of metrics-svc, imported so Alembic sees one metadata."""

from sqlalchemy import Index, text

from metrics_svc.base import Base
from metrics_svc.events.models import (
    actor_hourly,
    event,
    event_dedup,
    event_hourly,
    event_hourly_dim,
)
from metrics_svc.idempotency import IdempotencyKey
from metrics_svc.targets.models import Target
from servicekit.outbox import OutboxEventMixin


class OutboxEvent(OutboxEventMixin, Base):
    """Domain events waiting for the relay to deliver them to metrics-svc."""

    __tablename__ = "outbox_event"
    __table_args__ = (
        # The relay reads only undelivered rows, oldest first; delivered rows (nearly all of
        # them, in time) stay out of this index so it stays small.
        Index(
            "ix_outbox_event_undelivered_created_at",
            "created_at",
            postgresql_where=text("delivered_at IS NULL"),
        ),
    )


metadata = Base.metadata

__all__ = [
    "IdempotencyKey",
    "OutboxEvent",
    "Target",
    "actor_hourly",
    "event",
    "event_dedup",
    "event_hourly",
    "event_hourly_dim",
    "metadata",
]
