"""The fold's two ways of running: ``fold_pending`` folds everything pending at once (what a
read does first), ``run_folder`` is the background loop every replica runs, a chunk per
transaction as the gate allows. ``FOLDED`` counts the events each of them moved."""

from __future__ import annotations

import asyncio
import time

import structlog
from prometheus_client import Counter, Gauge

from metrics_svc.events.fold.gate import FoldGate
from metrics_svc.events.fold.repository import FoldRepository, vacuum_inbox
from servicekit.db import Database

log = structlog.get_logger("metrics_svc.fold")

FOLDED = Counter(
    "mediaops_metrics_events_folded_total",
    "Events moved from the inbox into the event table and rollups",
    ["by"],
)

FOLD_LAG = Gauge(
    "mediaops_metrics_fold_lag_seconds",
    "How long events have waited in the inbox: 0 when this replica last found it empty, else "
    "the seconds since it last did (events acknowledged but not yet in the numbers)",
)


class FoldLag:
    """``FOLD_LAG`` as the folder sees it at each look at the inbox."""

    def __init__(self, now: float) -> None:
        self.last_empty = now

    def observe(self, pending: bool, now: float) -> float:
        if not pending:
            self.last_empty = now
        lag = now - self.last_empty if pending else 0.0
        FOLD_LAG.set(lag)
        return lag


# The folder vacuums the inbox after folding this many events. Every folded row leaves a dead
# row behind; autovacuum visits a table at most once a minute, by which time a busy inbox is
# mostly dead pages that every fold and every "anything pending?" probe would scan.
VACUUM_EVERY = 100_000


async def fold_pending(
    repo: FoldRepository, chunk: int, *, wait: bool, timeout_ms: int = 10_000
) -> int | None:
    """Fold every event received before this transaction began; None when ``wait`` is False
    and another transaction holds the fold lock."""
    if not await repo.has_pending():
        return 0
    if not await repo.lock(wait=wait, timeout_ms=timeout_ms):
        return None
    total = 0
    while (n := await repo.fold(chunk)) > 0:
        total += n
        if n < chunk:
            break
    return total


async def run_folder(
    database: Database, *, chunk: int, interval_s: float, gate: FoldGate | None = None
) -> None:
    """The background loop: fold a chunk per transaction while any is pending (and the gate,
    if any, allows), then sleep.

    A chunk per transaction keeps each fold's locks short and its progress durable; the
    advisory try-lock makes replicas take turns instead of queueing."""
    since_vacuum = 0
    lag = FoldLag(time.time())
    # After a failure, wait longer each time (up to 10 s): a database that is away or not yet
    # migrated is not asked five times a second.
    pause = interval_s
    while True:
        try:
            async with database.sessionmaker() as session:
                repo = FoldRepository(session)
                n = 0
                pending = await repo.has_pending()
                lag.observe(pending, time.time())
                if not pending and gate is not None:
                    gate.caught_up()
                allowed = gate is None or gate.may_fold(time.monotonic())
                if pending and allowed and await repo.lock(wait=False):
                    n = await repo.fold(chunk)
                await session.commit()
            if n:
                FOLDED.labels(by="folder").inc(n)
                since_vacuum += n
            if since_vacuum >= VACUUM_EVERY:
                await vacuum_inbox(database.engine)
                since_vacuum = 0
            pause = interval_s
            if n == chunk:
                continue  # more is waiting: no sleep
        except asyncio.CancelledError:
            raise
        except Exception:
            # The database is away or a fold failed: the events stay in the inbox (the fold
            # is one transaction) and a later round tries again.
            log.exception("fold failed; retrying", retry_in_s=pause)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 10.0)
            continue
        await asyncio.sleep(interval_s)
