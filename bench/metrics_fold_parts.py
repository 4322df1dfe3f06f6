"""metrics-svc's fold: its named parts as one statement, against the same parts as separate
statements in one transaction.

On a fresh database of the given PostgreSQL server, ``--chunks`` rounds each ingest
``--chunk`` generated events (the generator of ``metrics_ingest.py``), fold them once in each
mode, rolled back (and the tables vacuumed), the modes in another order each round, and then
fold them for good, so the rollups grow as in the service:

  (a) one statement: ``FOLD``, every part a ``WITH`` query (what the service runs);
  (b) separately: each part its own statement of the same transaction; a part that selects
      becomes a temporary table of its name (``ON COMMIT DROP``), so the parts after it read it
      unchanged; ``picked`` is the inbox rows deleted into such a table;
  (c) = (b) with ``ANALYZE`` of each temporary table, so the statements after it are planned
      with statistics.

Only the fold's statements are timed (not the lock, the partitions, the ingest, nor the end
of the transaction, where (b) and (c) also drop their temporary tables).

    uv run --frozen --all-packages python bench/metrics_fold_parts.py --chunks 13
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from metrics_ingest import (  # bench/, the script's folder
    DEFAULT_SERVER_URL,
    SERVICE_DIR,
    WORKSPACE,
    add_server_url_argument,
    create_scratch_database,
    drop_scratch_database,
    generate,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from metrics_svc.events.fold.repository import FoldRepository, month_start
from metrics_svc.events.fold.statements import FOLD, FOLD_WORK_MEM, PARTS, Part
from metrics_svc.events.repository import EventRepository
from metrics_svc.vocabulary import ACTOR_TYPES
from servicekit.migrations import upgrade_head

# The temporary tables are made by CREATE TABLE AS, which takes no parameters.
_ACTOR_TYPES_LITERAL = "ARRAY[" + ", ".join(f"'{t}'" for t in ACTOR_TYPES) + "]"


def separately(part: Part, *, analyze: bool) -> list[str]:
    """``part`` as statements of its own, leaving what it selects in a table of its name."""
    sql = part.sql.strip().replace("CAST(:actor_types AS text[])", _ACTOR_TYPES_LITERAL)
    if sql.startswith("INSERT"):
        return [sql]
    if sql.startswith("DELETE"):  # picked: DELETE … RETURNING cannot feed CREATE TABLE AS
        made = [
            f"CREATE TEMP TABLE {part.name} ON COMMIT DROP AS SELECT * FROM event_inbox LIMIT 0",
            f"WITH taken AS ({sql}) INSERT INTO {part.name} SELECT * FROM taken",
        ]
    else:
        made = [f"CREATE TEMP TABLE {part.name} ON COMMIT DROP AS {sql}"]
    return [*made, f"ANALYZE {part.name}"] if analyze else made


MODES = {
    "(a) one statement": [FOLD],
    "(b) separate statements": [s for p in PARTS for s in separately(p, analyze=False)],
    "(c) separate, each table analyzed": [s for p in PARTS for s in separately(p, analyze=True)],
}


async def fold(engine: AsyncEngine, statements: list[str], limit: int, *, keep: bool) -> float:
    """Seconds the fold of the pending events by ``statements`` took; kept (committed) or
    rolled back. A rolled-back fold leaves dead rows and index entries behind: VACUUM them
    (not timed), so the next fold of the same events meets the tables as this one did."""
    async with AsyncSession(engine) as session:
        async with session.begin():
            repo = FoldRepository(session)
            await repo.lock(wait=True)
            months = await repo.pending_months(limit)
            await repo.ensure_partitions(sorted({*months, month_start(datetime.now(UTC))}))
            await session.execute(text(FOLD_WORK_MEM))
            params = {"months": months, "limit": limit, "actor_types": list(ACTOR_TYPES)}
            started = time.perf_counter()
            for statement in statements:
                await session.execute(text(statement), params)
            took = time.perf_counter() - started
            left = await session.scalar(text("SELECT count(*) FROM event_inbox"))
            assert left == 0, f"{left} events left in the inbox"
            if not keep:
                await session.rollback()
    async with engine.connect() as conn:
        autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.execute(text("VACUUM"))
    return took


@dataclass
class FoldParts:
    """Milliseconds each timed chunk's fold took, per mode (the same chunks for every mode)."""

    chunk: int
    times_ms: dict[str, list[float]]

    def median_ms(self, mode: str) -> float:
        return statistics.median(self.times_ms[mode])

    def ratio(self, mode: str) -> float:
        """The median over the chunks of this mode's time / (a)'s for the same chunk."""
        one = self.times_ms[next(iter(MODES))]
        taken = self.times_ms[mode]
        return statistics.median(t / o for t, o in zip(taken, one, strict=True))


async def run_fold_parts(
    *,
    chunks: int = 13,
    chunk: int = 20_000,
    days: int = 28,
    server_url: str = DEFAULT_SERVER_URL,
    quiet: bool = False,
) -> FoldParts:
    """Fold ``chunks`` chunks of ``chunk`` events in every mode (the first only warms up)."""
    db_name, database_url = await create_scratch_database(server_url, "bench_fold")
    engine = create_async_engine(database_url.replace("postgresql://", "postgresql+asyncpg://"))
    try:
        await asyncio.to_thread(upgrade_head, SERVICE_DIR / "alembic.ini", database_url)
        now = datetime.now(UTC) - timedelta(minutes=10)
        total = chunks * chunk
        times: dict[str, list[float]] = {mode: [] for mode in MODES}
        modes = list(MODES)
        for n in range(chunks):
            events = generate(n, chunk, now, days, n * chunk, total)
            async with AsyncSession(engine) as session, session.begin():
                repo = EventRepository(session, WORKSPACE)
                for i in range(0, len(events), 1000):
                    await repo.insert_events(json.dumps(events[i : i + 1000]))
            # The same chunk folded by each mode and rolled back, each chunk taking the modes
            # in another order; then folded for good, so the tables grow as in the service.
            # The first chunk only warms up.
            if n:
                order = modes[n % len(modes) :] + modes[: n % len(modes)]
                line = []
                for mode in order:
                    took = await fold(engine, MODES[mode], chunk, keep=False)
                    times[mode].append(took * 1000)
                    line.append(f"{mode[:3]} {took * 1000:7.1f} ms")
                if not quiet:
                    print(f"chunk {n:>2}  " + "  ".join(line), flush=True)
            await fold(engine, [FOLD], chunk, keep=True)
        return FoldParts(chunk, times)
    finally:
        await engine.dispose()
        await drop_scratch_database(server_url, db_name)


def report(result: FoldParts) -> str:
    lines = [
        f"| fold of {result.chunk:,} events | median ms | median of each chunk's time / (a) |",
        "|---|---:|---:|",
    ]
    for mode in MODES:
        lines.append(f"| {mode} | {result.median_ms(mode):,.1f} | {result.ratio(mode):.2f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> FoldParts:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chunks", type=int, default=13, help="1 to warm up, then timed")
    parser.add_argument("--chunk", type=int, default=20_000, help="events per fold")
    parser.add_argument("--days", type=int, default=28, help="spread of occurred_at")
    add_server_url_argument(parser)
    args = parser.parse_args(argv)
    result = asyncio.run(
        run_fold_parts(
            chunks=args.chunks, chunk=args.chunk, days=args.days, server_url=args.server_url
        )
    )
    print()
    print(report(result))
    return result


if __name__ == "__main__":
    main()
