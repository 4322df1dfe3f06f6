"""community-svc: a bulk import of members from CSV.

``POST /v1/groups/{id}/members/import`` with a realistic file (10,000 rows by default, 3 of them
bad: an unknown role, a missing external id, an unreadable time) on the real app in process
(httpx ASGITransport, the production session and commit) on a fresh, Alembic-migrated database
of the given PostgreSQL server. Each round imports into a group of its own; the request alone is
timed. The test suite checks what the import does (rows kept, lines reported, a bounded number
of statements); this measures how long it takes:

    uv run --frozen --all-packages python bench/community_import.py \
        --server postgresql://postgres@127.0.0.1:5432/postgres --rows 10000 --rounds 5

Not run by the tests. Prints the timings; the figures are kept in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import os
import statistics
import time
import uuid
from pathlib import Path

import httpx
from asgi_lifespan import LifespanManager

from community_svc.config import Settings
from community_svc.main import create_app
from servicekit.migrations import upgrade_head
from servicekit.settings import DEVELOPMENT, ENVIRONMENT_VARIABLE
from servicekit.testing.databases import create_test_database, drop_test_database
from servicekit.testing.headers import gateway_headers

ALEMBIC_INI = Path(__file__).resolve().parents[1] / "services" / "community-svc" / "alembic.ini"
COLUMNS = ["external_id", "display_name", "role", "tags", "tier", "source_channel", "joined_at"]
# Data row index -> a bad row: an unknown role, no external id, a time that is not one.
BAD = {
    3: ["wx_bad_role", "坏角色", "admin", "", "", "", ""],
    4998: ["", "没有编号", "member", "", "", "", ""],
    9997: ["wx_bad_time", "坏时间", "member", "", "", "", "yesterday"],
}


def members_csv(rows: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for i in range(rows):
        tier = "gold" if i % 2 else "silver"
        good = [f"wx_{i:05d}", f"成员{i}", "member", "宝妈|早鸟", tier, "douyin"]
        writer.writerow(BAD.get(i, [*good, "2026-11-01T08:00:00+08:00"]))
    return out.getvalue().encode()


async def _time_import(client: httpx.AsyncClient, body: bytes, rows: int) -> tuple[float, int]:
    r = await client.post(
        "/v1/groups",
        json={"name": "bench", "platform": "wechat_group", "kind": "interest", "capacity": 100000},
    )
    assert r.status_code == 201, r.text
    started = time.perf_counter()
    r = await client.post(
        f"/v1/groups/{r.json()['id']}/members/import",
        content=body,
        headers={"Content-Type": "text/csv"},
    )
    took = time.perf_counter() - started
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["received"] == rows, result
    return took, int(result["imported"])


async def run(url: str, rows: int, rounds: int) -> None:
    app = create_app(Settings(database_url=url, log_json=False, log_level="WARNING"))
    headers = gateway_headers("ws-bench", ("community:read", "community:write"))
    body = members_csv(rows)
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://svc", headers=headers, timeout=300
        ) as client:
            took = []
            for _ in range(rounds):
                seconds, imported = await _time_import(client, body, rows)
                took.append(seconds)
    print(
        f"import of {rows:,} CSV rows ({len(body):,} bytes, {rows - imported} bad), "
        f"{rounds} rounds: median {statistics.median(took):.2f} s, "
        f"min {min(took):.2f} s, max {max(took):.2f} s "
        f"({rows / statistics.median(took):,.0f} rows/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True, help="admin URL of a PostgreSQL server")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault(ENVIRONMENT_VARIABLE, DEVELOPMENT)  # the development token is fine here
    name = f"bench_community_{uuid.uuid4().hex[:8]}"
    url = create_test_database(args.server, name)
    try:
        upgrade_head(ALEMBIC_INI, url)
        asyncio.run(run(url, args.rows, args.rounds))
    finally:
        drop_test_database(args.server, name)


if __name__ == "__main__":
    main()
