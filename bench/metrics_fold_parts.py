"""metrics-svc's fold: its named parts as one statement, against the same parts as separate
statements in one transaction.

On a fresh database of the given PostgreSQL server, ``--chunks`` rounds each ingest
``--chunk`` generated events (the generator of ``metrics_ingest.py``) and fold them, the modes
taking turns after a first chunk that warms up:

  (a) one statement: ``FOLD``, every part a ``WITH`` query (what the service runs);
  (b) separately: each part its own statement of the same transaction; a part that selects
      becomes a temporary table of its name (``ON COMMIT DROP``), so the parts after it read it
      unchanged; ``picked`` is the inbox rows deleted into such a table;
  (c) = (b) with ``ANALYZE`` of each temporary table, so the statements after it are planned
      with statistics.

Only the fold's statements and the commit are timed (the lock, the partitions and the
ingest are not). Medians per chunk.

    uv run --frozen --all-packages python bench/metrics_fold_parts.py --chunks 19
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from datetime import UTC, datetime, timedelta

from metrics_ingest import (  # bench/, the script's folder
    SERVICE_DIR,
    WORKSPACE,
    add_server_url_argument,
    create_scratch_database,
    drop_scratch_database,
    generate,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from metrics_svc.events.fold.repository import FoldRepository, month_start
from metrics_svc.events.fold.statements import ACTOR_TYPES, FOLD, FOLD_WORK_MEM, PARTS, Part
from metrics_svc.events.repository import EventRepository
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


async def main(args: argparse.Namespace) -> None:
    db_name, database_url = await create_scratch_database(args.server_url, "bench_fold")
    engine = create_async_engine(database_url.replace("postgresql://", "postgresql+asyncpg://"))
    try:
        await asyncio.to_thread(upgrade_head, SERVICE_DIR / "alembic.ini", database_url)
        now = datetime.now(UTC) - timedelta(minutes=10)
        total = args.chunks * args.chunk
        times: dict[str, list[float]] = {}
        modes = list(MODES)
        for chunk in range(args.chunks):
            events = generate(chunk, args.chunk, now, args.days, chunk * args.chunk, total)
            async with AsyncSession(engine) as session, session.begin():
                repo = EventRepository(session, WORKSPACE)
                for i in range(0, len(events), 1000):
                    await repo.insert_events(json.dumps(events[i : i + 1000]))
            # Each round of three takes the modes in another order, so none is always the
            # first to meet the rollups as they grow; the first chunk only warms up.
            turn = chunk - 1
            mode = modes[(turn + turn // len(modes)) % len(modes)] if chunk else "warm-up"
            async with AsyncSession(engine) as session:
                async with session.begin():
                    fold = FoldRepository(session)
                    await fold.lock(wait=True)
                    months = await fold.pending_months(args.chunk)
                    this_month = month_start(datetime.now(UTC))
                    await fold.ensure_partitions(sorted({*months, this_month}))
                    await session.execute(text(FOLD_WORK_MEM))
                    params = {
                        "months": months,
                        "limit": args.chunk,
                        "actor_types": list(ACTOR_TYPES),
                    }
                    started = time.perf_counter()
                    for statement in MODES.get(mode, MODES["(a) one statement"]):
                        await session.execute(text(statement), params)
                left = await session.scalar(text("SELECT count(*) FROM event_inbox"))
            took = time.perf_counter() - started
            assert left == 0, f"{mode} left {left} events in the inbox"
            times.setdefault(mode, []).append(took)
            print(f"chunk {chunk:>2}  {mode:<36} {took * 1000:>8.1f} ms", flush=True)
        print()
        print(f"| fold of {args.chunk:,} events | median ms | chunks |")
        print("|---|---:|---:|")
        for mode in MODES:
            taken = times[mode]
            print(f"| {mode} | {statistics.median(taken) * 1000:,.1f} | {len(taken)} |")
    finally:
        await engine.dispose()
        await drop_scratch_database(args.server_url, db_name)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chunks", type=int, default=19, help="1 to warm up, then by turns")
    parser.add_argument("--chunk", type=int, default=20_000, help="events per fold")
    parser.add_argument("--days", type=int, default=28, help="spread of occurred_at")
    add_server_url_argument(parser)
    asyncio.run(main(parser.parse_args()))
