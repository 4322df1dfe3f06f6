"""The fold: acknowledged events move from the inbox into the partitioned event table and the
hourly rollups, in large chunks, one folder at a time.

Two callers, one lock. A background loop in every replica folds whatever is pending every
``fold_interval_s`` (skipping a round when another replica holds the lock). Every read that
answers from events or rollups first folds what is still pending, in its own transaction, so
an answer always counts every event acknowledged before the read began: numbers are exact the
moment a batch is acknowledged, as when the rollups were updated by the ingest itself.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import structlog
from prometheus_client import Counter

from metrics_svc.events.repository import FoldRepository, vacuum_inbox
from servicekit.db import Database, SessionDep

log = structlog.get_logger("metrics_svc.fold")

FOLDED = Counter(
    "mediaops_metrics_events_folded_total",
    "Events moved from the inbox into the event table and rollups",
    ["by"],
)

# A read folds in chunks of this size (a backlog is small unless the folder is behind).
READ_CHUNK = 20_000

# The folder vacuums the inbox after folding this many events. Every folded row leaves a dead
# row behind; autovacuum visits a table at most once a minute, by which time a busy inbox is
# mostly dead pages that every fold and every "anything pending?" probe would scan.
VACUUM_EVERY = 100_000


async def fold_pending(repo: FoldRepository, chunk: int, *, wait: bool) -> int | None:
    """Fold every pending event in this transaction; None when ``wait`` is False and another
    transaction holds the fold lock."""
    if not await repo.has_pending():
        return 0
    if not await repo.lock(wait=wait):
        return None
    total = 0
    while (n := await repo.fold(chunk, datetime.now(UTC))) > 0:
        total += n
        if n < chunk:
            break
    return total


async def fold_before_read(session: SessionDep) -> None:
    """Dependency of every read: fold what is pending into the request's own transaction.

    Cheap when nothing is pending (one ``EXISTS`` on an empty table). With a backlog it waits
    for a fold in progress, then folds the rest, so the read sees every acknowledged event."""
    folded = await fold_pending(FoldRepository(session), READ_CHUNK, wait=True)
    if folded:
        FOLDED.labels(by="read").inc(folded)


async def run_folder(database: Database, *, chunk: int, interval_s: float) -> None:
    """The background loop: fold a chunk per transaction while any is pending, then sleep.

    A chunk per transaction keeps each fold's locks short and its progress durable; the
    advisory try-lock makes replicas take turns instead of queueing."""
    since_vacuum = 0
    while True:
        try:
            async with database.sessionmaker() as session:
                repo = FoldRepository(session)
                n = 0
                if await repo.has_pending() and await repo.lock(wait=False):
                    n = await repo.fold(chunk, datetime.now(UTC))
                await session.commit()
            if n:
                FOLDED.labels(by="folder").inc(n)
                since_vacuum += n
            if since_vacuum >= VACUUM_EVERY:
                await vacuum_inbox(database.engine)
                since_vacuum = 0
            if n == chunk:
                continue  # more is waiting: no sleep
        except asyncio.CancelledError:
            raise
        except Exception:
            # The database is away or a fold failed: the events stay in the inbox (the fold
            # is one transaction) and the next round tries again.
            log.exception("fold failed; retrying")
        await asyncio.sleep(interval_s)
