"""campaign-svc bulk code generation: ``POST /v1/coupon-batches`` with 100,000 codes.

Runs the real app in process (httpx ASGITransport, the production session and commit) on a
fresh database of the given PostgreSQL server, migrated with Alembic, and times:

  (a) drawing the codes alone (``secrets.token_bytes`` + ``bytes.translate``);
  (b) the whole request: batch row + codes stored (multi-row ``INSERT … SELECT unnest(…)
      ON CONFLICT DO NOTHING``, 50,000 per statement) + commit;
  (c) the CSV export of the batch.

    uv run --frozen --all-packages python bench/campaign_codes.py \
        --server postgresql://postgres@127.0.0.1:5432/postgres [--codes 100000] [--runs 3]

Not run by the tests. Prints the timings; nothing is written to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from pathlib import Path

import httpx
from asgi_lifespan import LifespanManager

from campaign_svc.config import Settings
from campaign_svc.coupons.codes import generate_codes
from campaign_svc.main import create_app
from servicekit.migrations import upgrade_head
from servicekit.testing.databases import create_test_database, drop_test_database
from servicekit.testing.plugin import gateway_headers

ALEMBIC_INI = Path(__file__).resolve().parents[1] / "services" / "campaign-svc" / "alembic.ini"


async def run(url: str, codes: int, runs: int) -> None:
    draw = []
    for _ in range(runs):
        started = time.perf_counter()
        generate_codes(codes, "", 10)
        draw.append(time.perf_counter() - started)
    print(f"draw {codes} codes: median {statistics.median(draw):.3f} s")

    app = create_app(Settings(database_url=url, log_json=False, log_level="WARNING"))
    headers = gateway_headers("ws-bench", ("campaign:read", "campaign:write"))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://svc", headers=headers, timeout=300
        ) as client:
            create, export = [], []
            for _ in range(runs):
                started = time.perf_counter()
                r = await client.post(
                    "/v1/coupon-batches",
                    json={
                        "name": "bench",
                        "discount_type": "fixed",
                        "amount_off": 100,
                        "total_quantity": codes,
                        "valid_days": 30,
                    },
                )
                create.append(time.perf_counter() - started)
                assert r.status_code == 201, r.text
                started = time.perf_counter()
                csv = await client.get(f"/v1/coupon-batches/{r.json()['id']}/codes.csv")
                export.append(time.perf_counter() - started)
                assert csv.text.count("\n") == codes + 1
            print(f"create batch of {codes} codes: {', '.join(f'{t:.2f}' for t in create)} s")
            print(f"export {codes} codes as CSV: {', '.join(f'{t:.2f}' for t in export)} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True, help="admin URL of a PostgreSQL server")
    parser.add_argument("--codes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    name = f"bench_campaign_{uuid.uuid4().hex[:8]}"
    url = create_test_database(args.server, name)
    try:
        upgrade_head(ALEMBIC_INI, url)
        asyncio.run(run(url, args.codes, args.runs))
    finally:
        drop_test_database(args.server, name)


if __name__ == "__main__":
    main()
