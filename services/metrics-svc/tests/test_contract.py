"""What every MediaOps service guarantees (servicekit.testing.contract), checked for metrics-svc."""

from collections.abc import Mapping
from typing import Any, ClassVar

import httpx

from servicekit.testing.contract import ServiceContract

from .test_door import target


class TestMetricsContract(ServiceContract):
    guarded_path = "/v1/events"
    routes_taking_ids = 3
    # The metric catalogue is the same for every workspace.
    shared_path_values: ClassVar[Mapping[str, str]] = {"name": "clicks"}
    probe_bodies: ClassVar[Mapping[str, Any]] = {
        "PATCH /v1/targets/{target_id}": {"target_value": 3}
    }

    async def workspace_ids(self, client: httpx.AsyncClient) -> dict[str, str]:
        r = await client.post("/v1/targets", json=target())
        assert r.status_code == 201, r.text
        return {"target_id": r.json()["id"]}
