"""What every MediaOps service guarantees (servicekit.testing.contract), checked for metrics-svc."""

from collections.abc import Mapping
from typing import Any, ClassVar

import httpx

from servicekit.testing.contract import ServiceContract

from .test_door import target

SNAPSHOT_DAY = "2026-11-16"


class TestMetricsContract(ServiceContract):
    guarded_path = "/v1/events"
    routes_taking_ids = 12
    # The metric catalogue is the same for every workspace; a snapshot's day names no resource
    # (each workspace's benchmark has a snapshot of it).
    shared_path_values: ClassVar[Mapping[str, str]] = {
        "name": "clicks",
        "snapshot_date": SNAPSHOT_DAY,
    }
    probe_bodies: ClassVar[Mapping[str, Any]] = {
        "PATCH /v1/targets/{target_id}": {"target_value": 3},
        "PATCH /v1/benchmarks/{benchmark_id}": {"notes": "改一下"},
        "PUT /v1/benchmarks/{benchmark_id}/snapshots/{snapshot_date}": {"followers": 1},
        "POST /v1/benchmarks/{benchmark_id}/snapshots": [
            {"snapshot_date": "2026-11-20", "followers": 1}
        ],
    }

    async def workspace_ids(self, client: httpx.AsyncClient) -> dict[str, str]:
        r = await client.post("/v1/targets", json=target())
        assert r.status_code == 201, r.text
        benchmark = await client.post(
            "/v1/benchmarks", json={"platform": "weibo", "handle": "rival", "name": "对标"}
        )
        assert benchmark.status_code == 201, benchmark.text
        day = await client.put(
            f"/v1/benchmarks/{benchmark.json()['id']}/snapshots/{SNAPSHOT_DAY}",
            json={"followers": 100},
        )
        assert day.status_code == 200, day.text
        return {"target_id": r.json()["id"], "benchmark_id": benchmark.json()["id"]}

    async def owner_view(self, client: httpx.AsyncClient, theirs: Mapping[str, str]) -> Any:
        snapshots = await client.get(f"/v1/benchmarks/{theirs['benchmark_id']}/snapshots")
        return snapshots.json()
