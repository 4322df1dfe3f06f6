"""What every MediaOps service guarantees (servicekit.testing.contract), checked for metrics-svc."""

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import httpx

from servicekit.testing.contract import ServiceContract


class TestMetricsContract(ServiceContract):
    guarded_path = "/v1/events"
    routes_taking_ids = 3
    # The metric catalogue is the same for every workspace.
    shared_path_values: ClassVar[Mapping[str, str]] = {"name": "clicks"}
    probe_bodies: ClassVar[Mapping[str, Any]] = {
        "PATCH /v1/targets/{target_id}": {"target_value": 3}
    }

    async def workspace_ids(self, client: httpx.AsyncClient) -> dict[str, str]:
        now = datetime.now(UTC)
        target = {
            "name": "本周点击",
            "metric": "clicks",
            "filters": {"channel_id": "ch-t"},
            "period_start": (now - timedelta(days=1)).isoformat(),
            "period_end": (now + timedelta(days=1)).isoformat(),
            "target_value": 10,
        }
        r = await client.post("/v1/targets", json=target)
        assert r.status_code == 201, r.text
        return {"target_id": r.json()["id"]}
