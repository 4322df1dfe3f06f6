"""The funnel's statement now against an earlier revision's, by turns, over the same events.

    uv run --frozen --all-packages python bench/funnel_sql.py --against REV \
        [--server-url postgresql://postgres@127.0.0.1:5432/postgres] [--events 1000000] \
        [--rounds 7]

A scratch database on the server, migrated with metrics-svc's Alembic head, holds ``--events``
events from ``make bench``'s generator (bench/metrics_ingest.py: 50,000 actors over 28 days),
copied straight into ``event`` and then VACUUM ANALYZEd. The funnel ``make bench`` times
(impression > view > click > purchase, a 7-day window, the 28 days) is then run through
``FunnelRepository.step_counts`` on a session of servicekit's ``Database``, as metrics-svc runs
it (its analytic settings included): this checkout's repository and the one in ``git show
REV:services/metrics-svc/src/metrics_svc/funnels/repository.py`` (which must import only what
today's code still has), alternating call by call and which goes first round by round,
``--rounds`` calls each after one untimed call each. Prints each side's median and range in ms
and checks that both gave the same counts. The database is dropped at the end, whatever
happens.

Not run by the tests; nothing is written to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
import types
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.metrics_ingest import (
    COLUMNS,
    SERVICE_DIR,
    WORKSPACE,
    add_server_url_argument,
    create_scratch_database,
    drop_scratch_database,
    generate,
    to_record,
)
from metrics_svc.funnels import repository as current
from servicekit.db import Database
from servicekit.migrations import upgrade_head

REPOSITORY = "services/metrics-svc/src/metrics_svc/funnels/repository.py"
STEPS: list[tuple[str, dict[str, str]]] = [
    (t, {}) for t in ("impression", "view", "click", "purchase")
]
NOW = datetime(2026, 12, 1, tzinfo=UTC)
DAYS = 28


class _Repository(Protocol):
    def __init__(self, session: AsyncSession, workspace_id: str) -> None: ...

    async def step_counts(
        self,
        steps: list[tuple[str, dict[str, str]]],
        start: datetime,
        end: datetime,
        window: timedelta,
    ) -> list[int]: ...


def _repository_at(rev: str) -> type[_Repository]:
    """The FunnelRepository class of ``rev``'s repository module (its imports are today's)."""
    source = subprocess.run(
        ["git", "show", f"{rev}:{REPOSITORY}"], check=True, capture_output=True, text=True
    ).stdout
    module = types.ModuleType(f"funnels_repository_{rev}")
    exec(compile(source, f"{rev}:{REPOSITORY}", "exec"), module.__dict__)
    repository: type[_Repository] = module.FunnelRepository
    return repository


async def _seed(raw_url: str, events: int) -> None:
    conn = await asyncpg.connect(raw_url)
    try:
        # The events fall within the DAYS before NOW (the generator keeps them there); the
        # function makes the month partitions of the instants it is given.
        days = [NOW - timedelta(days=d) for d in range(DAYS + 1)]
        await conn.execute("SELECT event_ensure_partitions($1::timestamptz[])", days)
        chunk = 20_000
        for c in range(0, events, chunk):
            size = min(chunk, events - c)
            records = [to_record(e, NOW) for e in generate(c, size, NOW, DAYS, c, events)]
            await conn.copy_records_to_table("event", records=records, columns=list(COLUMNS))
        await conn.execute("VACUUM (ANALYZE)")
    finally:
        await conn.close()


async def _timed(session: AsyncSession, repo: _Repository) -> tuple[float, list[int]]:
    start, end = NOW - timedelta(days=DAYS), NOW + timedelta(minutes=1)
    t0 = time.perf_counter()
    async with session.begin():
        counts = await repo.step_counts(STEPS, start, end, timedelta(days=7))
    return (time.perf_counter() - t0) * 1000, counts


async def run(server_url: str, events: int, rounds: int, against: str) -> None:
    sides: dict[str, type[_Repository]] = {
        "this checkout": current.FunnelRepository,
        against: _repository_at(against),
    }
    db_name, url = await create_scratch_database(server_url, "bench_funnel")
    try:
        await asyncio.to_thread(upgrade_head, SERVICE_DIR / "alembic.ini", url)
        t0 = time.perf_counter()
        await _seed(url, events)
        print(f"{events:,} events seeded in {time.perf_counter() - t0:.0f} s", flush=True)
        database = Database(url, pool_size=1, application_name="bench-funnel")
        try:
            async with database.sessionmaker() as session:
                times: dict[str, list[float]] = {name: [] for name in sides}
                answers: dict[str, list[int]] = {}
                for round_ in range(rounds + 1):
                    # Each side first in every other round, so neither always follows the other.
                    order = list(sides) if round_ % 2 else list(sides)[::-1]
                    for name in order:
                        ms, counts = await _timed(session, sides[name](session, WORKSPACE))
                        answers.setdefault(name, counts)
                        if round_:  # the first call of each side warms the cache, untimed
                            times[name].append(ms)
        finally:
            await database.dispose()
    finally:
        await drop_scratch_database(server_url, db_name)
    print(f"funnel over {events:,} events, ms per call, {rounds} calls each by turns:")
    for name, calls in times.items():
        print(
            f"  {name:>16}: median {statistics.median(calls):7.1f}  "
            f"({min(calls):.1f}-{max(calls):.1f})  steps {answers[name]}"
        )
    if len({tuple(a) for a in answers.values()}) != 1:
        raise SystemExit("the two statements gave different counts")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--against", required=True, help="a git revision to compare with")
    add_server_url_argument(parser)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=7, help="timed calls of each side")
    args = parser.parse_args()
    if args.rounds < 1 or args.events < 1:
        parser.error("--rounds and --events must be at least 1")
    asyncio.run(run(args.server_url, args.events, args.rounds, args.against))


if __name__ == "__main__":
    main()
