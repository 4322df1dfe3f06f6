"""What an acknowledged batch costs PostgreSQL, part by part: the id key, the inbox rows, the
batch's expansion, and other shapes of the id key, against a raw COPY of the same events.

Per variant and round: 20 batches of the ingest bench's 1,000 events (``metrics_ingest.generate``)
sent on one connection to a scratch database migrated to head, with the CPU time of that
connection's PostgreSQL backend read from ``/proc`` (Linux; 10 ms ticks, so about ±0.5 ms per
1,000 events) — the server's cost alone, whatever else the machine runs. Results and what they
mean: bench/RESULTS.md, "The acknowledgement's id key, measured".

    uv run --frozen --all-packages python bench/ingest_key.py [--server-url URL] [--rounds 3]

Not run by the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.metrics_ingest import (
    create_scratch_database,
    drop_scratch_database,
    generate,
    to_record,
)
from metrics_svc.events.columns import (
    EVENT_COLUMNS,
    SENT_FIELDS,
    column_list,
    sent_fields_from_json,
)
from servicekit.migrations import upgrade_head

ALEMBIC_INI = Path(__file__).resolve().parents[1] / "services" / "metrics-svc" / "alembic.ini"
BATCHES = 20
EVENTS = 1000

_BATCH = (
    f"SELECT {sent_fields_from_json('e')}, n "
    "FROM jsonb_array_elements(CAST($2 AS jsonb)) WITH ORDINALITY AS a(e, n)"
)
_QUEUE = (
    f"INSERT INTO event_inbox (workspace_id, received_at, {column_list(SENT_FIELDS)}) "
    f"SELECT $1, now(), {column_list(SENT_FIELDS, 'b.')}"
)
_IDS = "FROM jsonb_array_elements(CAST($2 AS jsonb)) e"
# Each variant takes the workspace ($1) and the batch as JSON text ($2).
VARIANTS = {
    "the ingest statement (id key + inbox rows)": (
        f"WITH batch AS MATERIALIZED ({_BATCH}), fresh AS ("
        "INSERT INTO event_dedup (workspace_id, id, occurred_at) "
        f"SELECT $1, id, occurred_at FROM batch ORDER BY id) {_QUEUE} FROM batch b"
    ),
    "the id key alone (expanded batch)": (
        f"WITH batch AS MATERIALIZED ({_BATCH}) INSERT INTO event_dedup "
        "(workspace_id, id, occurred_at) SELECT $1, id, occurred_at FROM batch ORDER BY id"
    ),
    "the inbox rows alone": f"WITH batch AS MATERIALIZED ({_BATCH}) {_QUEUE} FROM batch b",
    "the batch expanded, nothing written": (
        f"SELECT count(*) FROM ({_BATCH}) b WHERE CAST($1 AS text) IS NOT NULL"
    ),
    "key: uuid only (ids read alone)": (
        "INSERT INTO key_uuid (id) SELECT CAST(e->>'id' AS uuid) "
        f"{_IDS} WHERE CAST($1 AS text) IS NOT NULL ORDER BY 1"
    ),
    "key: bigint hash (ids read alone)": (
        f"INSERT INTO key_hash (h) SELECT hashtextextended($1 || (e->>'id'), 0) {_IDS} ORDER BY 1"
    ),
    "key: (id, workspace) without occurred_at": (
        f"INSERT INTO key_plain (workspace_id, id) SELECT $1, CAST(e->>'id' AS uuid) {_IDS} "
        "ORDER BY 2"
    ),
    "the whole batch as one jsonb row + the id key": (
        "WITH fresh AS (INSERT INTO event_dedup (workspace_id, id, occurred_at) "
        "SELECT $1, CAST(e->>'id' AS uuid), CAST(e->>'occurred_at' AS timestamptz) "
        f"{_IDS} ORDER BY 2) INSERT INTO batch_inbox (workspace_id, received_at, events) "
        "VALUES ($1, now(), CAST($2 AS jsonb))"
    ),
}
SETUP = [
    "CREATE TABLE batch_inbox (workspace_id text, received_at timestamptz, events jsonb)",
    "CREATE TABLE raw_events (LIKE event_inbox)",
    "CREATE TABLE key_uuid (id uuid PRIMARY KEY)",
    "CREATE TABLE key_hash (h bigint PRIMARY KEY)",
    "CREATE TABLE key_plain (workspace_id varchar(64), id uuid, PRIMARY KEY (id, workspace_id))",
]


def backend_cpu_s(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(server_url: str, rounds: int) -> dict[str, list[float]]:
    """PostgreSQL CPU ms per 1,000 events, per variant, one value per round."""
    name, url = await create_scratch_database(server_url, "bench_ingest_key")
    try:
        await asyncio.to_thread(upgrade_head, ALEMBIC_INI, url)
        conn = await asyncpg.connect(url)
        for statement in SETUP:
            await conn.execute(statement)
        pid = await conn.fetchval("SELECT pg_backend_pid()")
        now = datetime.now(UTC)
        results: dict[str, list[float]] = {}
        for r in range(rounds):
            bodies = [
                json.dumps(generate(r * BATCHES + i, EVENTS, now, 28)) for i in range(BATCHES)
            ]
            for v, (label, sql) in enumerate(VARIANTS.items()):
                workspace = f"ws-{v}-{r}"  # every variant meets new ids
                before = backend_cpu_s(pid)
                for body in bodies:
                    await conn.execute(sql, workspace, body)
                spent = backend_cpu_s(pid) - before
                results.setdefault(label, []).append(spent / BATCHES * 1000 * 1000 / EVENTS)
            before = backend_cpu_s(pid)
            for body in bodies:
                records = [to_record(e, now) for e in json.loads(body)]
                await conn.copy_records_to_table(
                    "raw_events", records=records, columns=list(EVENT_COLUMNS)
                )
            spent = backend_cpu_s(pid) - before
            label = "raw copy_records_to_table (server side only)"
            results.setdefault(label, []).append(spent / BATCHES * 1000 * 1000 / EVENTS)
        await conn.close()
        return results
    finally:
        await drop_scratch_database(server_url, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results = asyncio.run(measure(args.server_url, args.rounds))
    print(f"PostgreSQL CPU ms per {EVENTS:,} events ({BATCHES} batches a round):")
    for label, values in results.items():
        print(f"  {label:50s} {' '.join(f'{v:5.1f}' for v in sorted(values))}")


if __name__ == "__main__":
    main()
