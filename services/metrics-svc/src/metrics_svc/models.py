"""Every model of metrics-svc, imported so Alembic sees one metadata."""

from metrics_svc.base import Base
from metrics_svc.benchmarks.models import Benchmark, BenchmarkSnapshot
from metrics_svc.events.models import (
    actor_hourly,
    actor_ordinal,
    actor_presence,
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


metadata = Base.metadata

__all__ = [
    "Benchmark",
    "BenchmarkSnapshot",
    "IdempotencyKey",
    "OutboxEvent",
    "Target",
    "actor_hourly",
    "actor_ordinal",
    "actor_presence",
    "event",
    "event_dedup",
    "event_hourly",
    "event_hourly_dim",
    "metadata",
]
