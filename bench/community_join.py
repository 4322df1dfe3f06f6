"""community-svc: one member joining a group under many SOP runs of member-anchored steps.

Each live run of the group dates its template's ``member_joined`` steps for the newcomer in the
join's own request, so the join writes ``runs x steps`` tasks. This times that request on the
real app in process (httpx ASGITransport, the production session and commit) on a fresh,
Alembic-migrated database of the given PostgreSQL server, to choose the caps on runs per group
and steps per template (``community_svc.sop``):

    uv run --frozen --all-packages python bench/community_join.py \
        --server postgresql://postgres@127.0.0.1:5432/postgres --shape 10x100 --shape 20x200

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

from community_svc.config import Settings
from community_svc.main import create_app
from community_svc.sop import service
from servicekit.migrations import upgrade_head
from servicekit.testing.databases import create_test_database, drop_test_database
from servicekit.testing.plugin import gateway_headers

ALEMBIC_INI = Path(__file__).resolve().parents[1] / "services" / "community-svc" / "alembic.ini"


def _step(index: int) -> dict[str, object]:
    return {
        "title": f"第{index}步",
        "anchor": "member_joined",
        "offset_days": index % 30,
        "time_of_day": "09:00",
        "action": "message",
        "owner_role": "leader",
    }


async def _time_joins(client: httpx.AsyncClient, runs: int, steps: int, joins: int) -> list[float]:
    r = await client.post(
        "/v1/groups",
        json={"name": "bench", "platform": "wechat_group", "kind": "interest", "capacity": 100000},
    )
    assert r.status_code == 201, r.text
    group_id = r.json()["id"]
    r = await client.post(
        "/v1/sop-templates", json={"name": "bench", "steps": [_step(i) for i in range(steps)]}
    )
    assert r.status_code == 201, r.text
    template_id = r.json()["id"]
    for _ in range(runs):
        r = await client.post(
            "/v1/sop-runs",
            json={"template_id": template_id, "group_id": group_id, "anchor_date": "2026-12-01"},
        )
        assert r.status_code == 201, r.text
    took = []
    for n in range(joins):
        started = time.perf_counter()
        r = await client.post(f"/v1/groups/{group_id}/members", json={"external_id": f"m-{n}"})
        took.append(time.perf_counter() - started)
        assert r.status_code == 201, r.text
    return took


async def run(url: str, shapes: list[tuple[int, int]], joins: int) -> None:
    app = create_app(Settings(database_url=url, log_json=False, log_level="WARNING"))
    headers = gateway_headers("ws-bench", ("community:read", "community:write"))
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://svc", headers=headers, timeout=300
        ) as client:
            for runs, steps in shapes:
                took = await _time_joins(client, runs, steps, joins)
                print(
                    f"{runs} runs x {steps} member steps = {runs * steps} tasks per join: "
                    f"median {statistics.median(took):.3f} s, max {max(took):.3f} s"
                )


def _shape(value: str) -> tuple[int, int]:
    runs, _, steps = value.partition("x")
    return int(runs), int(steps)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True, help="admin URL of a PostgreSQL server")
    parser.add_argument("--shape", type=_shape, action="append", help="RUNSxSTEPS, repeatable")
    parser.add_argument("--joins", type=int, default=5)
    args = parser.parse_args()
    # Lifted so shapes beyond today's cap can be measured too (the cap is what is chosen here).
    service.MAX_LIVE_RUNS_PER_GROUP = max(runs for runs, _ in args.shape)
    name = f"bench_community_{uuid.uuid4().hex[:8]}"
    url = create_test_database(args.server, name)
    try:
        upgrade_head(ALEMBIC_INI, url)
        asyncio.run(run(url, args.shape, args.joins))
    finally:
        drop_test_database(args.server, name)


if __name__ == "__main__":
    main()
