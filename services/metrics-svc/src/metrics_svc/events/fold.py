"""The fold: acknowledged events move from the inbox into the partitioned event table and the
hourly rollups, in large chunks, one folder at a time.

Two callers, one lock. A background loop in every replica folds whatever is pending every
``fold_interval_s`` (skipping a round when another replica holds the lock). Every read that
answers from events or rollups first folds, in a short transaction of its own committed
before the read goes on, the events received before it began, so an answer always counts
every event acknowledged before the read began: numbers are exact the moment a batch is
acknowledged, as when the rollups were updated by the ingest itself.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from dataclasses import dataclass
from typing import Annotated

import structlog
from fastapi import Depends, Request
from prometheus_client import Counter
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from metrics_svc.events.repository import FoldRepository, vacuum_inbox
from servicekit.db import Database
from servicekit.errors import ServiceUnavailable

log = structlog.get_logger("metrics_svc.fold")

FOLDED = Counter(
    "mediaops_metrics_events_folded_total",
    "Events moved from the inbox into the event table and rollups",
    ["by"],
)

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


# Opens the transaction a read folds in; committed when the block ends (a dependency, so the
# test suite can run it inside its own rolled-back transaction).
FoldTransaction = Callable[[], AbstractAsyncContextManager[AsyncSession]]


def get_fold_transaction(request: Request) -> FoldTransaction:
    database: Database = request.state.database

    @asynccontextmanager
    async def transaction() -> AsyncIterator[AsyncSession]:
        async with database.sessionmaker() as session, session.begin():
            yield session

    return transaction


# How long a read waits for a fold in progress before answering 503.
READ_LOCK_TIMEOUT_MS = 10_000


async def fold_before_read(
    request: Request, transaction: Annotated[FoldTransaction, Depends(get_fold_transaction)]
) -> None:
    """Dependency of every read: fold the events received before the read began, in a short
    transaction committed before the read goes on (the read's own queries then see them).

    Cheap when nothing is pending (one ``EXISTS`` on an empty table). With a backlog it waits
    for a fold in progress, then folds the rest; it never holds the lock during the read
    itself, and never folds what arrives while it works. A fold that cannot finish (the lock
    held too long, the database away) is a 503: the numbers cannot be exact right now."""
    try:
        async with transaction() as session:
            repo = FoldRepository(session)
            chunk = request.state.settings.fold_chunk
            folded = await fold_pending(repo, chunk, wait=True, timeout_ms=READ_LOCK_TIMEOUT_MS)
    except DBAPIError as exc:
        log.exception("fold before a read failed")
        raise ServiceUnavailable(
            "The numbers are being brought up to date and could not be read exactly just "
            "now; retry in a few seconds."
        ) from exc
    if folded:
        FOLDED.labels(by="read").inc(folded)


@dataclass(slots=True)
class IngestActivity:
    """This process's ingest requests in flight, and when the last one ended.

    The background fold gives an ingest burst the cores first: a fold chunk costs about
    twice what acknowledging its events did, and on a small machine running it beside the
    burst slows every acknowledgement. Reads fold what is pending themselves, so a deferred
    fold never changes an answer, only how much a read during a burst folds first."""

    in_flight: int = 0
    last_end: float = 0.0  # time.monotonic()

    @contextmanager
    def track(self) -> Iterator[None]:
        self.in_flight += 1
        try:
            yield
        finally:
            self.in_flight -= 1
            self.last_end = time.monotonic()

    def quiet_for(self, now: float) -> float:
        """Seconds since the last ingest request ended; 0 while one is in flight."""
        return 0.0 if self.in_flight else now - self.last_end


@dataclass(slots=True)
class FoldGate:
    """When the background folder may fold: once ingestion has been quiet for ``idle_s``, or
    once events have been pending for ``max_lag_s``; from then on it folds beside the ingest
    until nothing is pending (a sustained stream is folded as it comes, as fast as the fold
    goes, and a read after a burst folds at most the burst's first ``max_lag_s`` plus what the
    fold has not caught up with)."""

    activity: IngestActivity
    idle_s: float
    max_lag_s: float
    waiting_since: float | None = None

    def may_fold(self, now: float) -> bool:
        """Asked when events are pending: waiting starts at the first ask."""
        if self.waiting_since is None:
            self.waiting_since = now
        if self.activity.quiet_for(now) >= self.idle_s:
            return True
        return now - self.waiting_since >= self.max_lag_s

    def caught_up(self) -> None:
        """Nothing is pending."""
        self.waiting_since = None


async def run_folder(
    database: Database, *, chunk: int, interval_s: float, gate: FoldGate | None = None
) -> None:
    """The background loop: fold a chunk per transaction while any is pending (and the gate,
    if any, allows), then sleep.

    A chunk per transaction keeps each fold's locks short and its progress durable; the
    advisory try-lock makes replicas take turns instead of queueing."""
    since_vacuum = 0
    # After a failure, wait longer each time (up to 10 s): a database that is away or not yet
    # migrated is not asked five times a second.
    pause = interval_s
    while True:
        try:
            async with database.sessionmaker() as session:
                repo = FoldRepository(session)
                n = 0
                pending = await repo.has_pending()
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
