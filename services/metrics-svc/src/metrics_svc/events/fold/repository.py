"""The fold's queries: is anything pending, the fold lock, and the fold of one chunk (its
statements are ``statements.py``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from metrics_svc.events.fold.statements import (
    ENSURE_PARTITIONS,
    FOLD,
    FOLD_WORK_MEM,
    HAS_PENDING,
    PENDING_MONTHS,
)
from metrics_svc.vocabulary import ACTOR_TYPES

# One lock for whoever folds: the rollups then have a single writer, so their rows need no
# shards and two folds never interleave row locks (no deadlocks between folds).
FOLD_LOCK = 0x6D6574726963_01  # "metric" + 1; advisory locks are per database

_FOLD = text(FOLD)
_PENDING_MONTHS = text(PENDING_MONTHS)
_ENSURE_PARTITIONS = text(ENSURE_PARTITIONS)
_HAS_PENDING = text(HAS_PENDING)
_FOLD_WORK_MEM = text(FOLD_WORK_MEM)


async def vacuum_inbox(engine: AsyncEngine) -> None:
    """VACUUM the inbox, which cannot run in a transaction: on an autocommit connection."""
    async with engine.connect() as conn:
        autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.execute(text("VACUUM event_inbox"))


class FoldRepository:
    """The inbox → events and rollups move. Not built with a workspace: the fold is the
    service's own housekeeping over every workspace's acknowledged events (each row keeps its
    ``workspace_id`` into the rollups), never an answer to a caller."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def has_pending(self) -> bool:
        return bool(await self.session.scalar(_HAS_PENDING))

    async def lock(self, *, wait: bool, timeout_ms: int = 10_000) -> bool:
        """The fold lock for this transaction; without ``wait``, False when another holds it.
        Waiting gives up after ``timeout_ms`` (PostgreSQL raises lock_not_available)."""
        if wait:
            await self.session.execute(
                text("SELECT set_config('lock_timeout', :t, true)"), {"t": f"{timeout_ms}ms"}
            )
            await self.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": FOLD_LOCK})
            return True
        got = await self.session.scalar(
            text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": FOLD_LOCK}
        )
        return bool(got)

    async def pending_months(self, limit: int) -> list[datetime]:
        """The UTC months of the next ``limit`` pending events (none when nothing is)."""
        months = await self.session.scalar(_PENDING_MONTHS, {"limit": limit})
        return list(months or [])

    async def ensure_partitions(self, months: list[datetime]) -> None:
        """The event table's partitions of ``months``, created where missing."""
        await self.session.execute(_ENSURE_PARTITIONS, {"months": months})

    async def fold(self, limit: int) -> int:
        """Fold up to ``limit`` events received before this transaction began (hold the
        lock); returns how many.

        First the partitions: the months of the next chunk's events, and the current and
        next month so partitions exist ahead of time. Creating one locks the parent table;
        doing it before the fold's writes means it never waits holding row locks. Only rows of
        those months are folded (a row of another month that arrived in between waits)."""
        pending = await self.pending_months(limit)
        if not pending:
            return 0
        await self.session.execute(_FOLD_WORK_MEM)
        this_month = month_start(datetime.now(UTC))
        next_month = month_start(this_month + MONTH)
        await self.ensure_partitions(sorted({*pending, this_month, next_month}))
        params = {"months": pending, "limit": limit, "actor_types": list(ACTOR_TYPES)}
        return int((await self.session.execute(_FOLD, params)).scalar_one())


MONTH = timedelta(days=32)


def month_start(at: datetime) -> datetime:
    """The first instant of ``at``'s UTC month."""
    return at.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
