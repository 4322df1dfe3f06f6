"""metrics-svc through the real gateway: ingest a small batch, read the numbers back."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from .conftest import make_token
from .stack import Stack

DAY = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=2)


def _event(type_: str, hour: int, actor: str | None = None, **extra: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "type": type_,
        "occurred_at": (DAY + timedelta(hours=hour)).isoformat(),
        "channel_id": "ch-e2e",
        **extra,
    }
    if actor:
        event["actor_id"] = actor
    return event


def test_ingest_through_the_gateway_then_read_a_series(api: httpx.Client) -> None:
    batch = [_event("impression", 9) for _ in range(8)]
    batch += [_event("click", 10, f"u{i}") for i in range(2)]
    batch += [_event("click", 30, "u9"), _event("impression", 30), _event("teleport", 9)]
    r = api.post("/v1/events", json=batch)
    assert r.status_code == 200, r.text
    assert r.json()["accepted"] == 12
    assert [x["index"] for x in r.json()["rejected"]] == [12]
    # Sent again (a retry by the relay, say): nothing counts twice.
    again = api.post("/v1/events", json=batch[:12])
    assert again.json() == {"accepted": 0, "duplicates": 12, "rejected": []}

    r = api.get(
        "/v1/metrics/ctr",
        params={
            "from": DAY.date().isoformat(),
            "to": (DAY + timedelta(days=2)).date().isoformat(),
            "channel_id": "ch-e2e",
        },
    )
    assert r.status_code == 200, r.text
    series = r.json()["series"][0]
    assert [p["value"] for p in series["points"]] == [2 / 8, 1.0]
    assert series["total"] == 3 / 9

    funnel = api.post(
        "/v1/funnels/query",
        json={
            "steps": [{"type": "click"}, {"type": "click"}],
            "from": DAY.isoformat(),
            "to": (DAY + timedelta(days=2)).isoformat(),
        },
    )
    assert funnel.status_code == 200, funnel.text
    assert funnel.json()["steps"][0]["actors"] == 3


def test_reading_numbers_needs_metrics_read(stack: Stack, workspace: str) -> None:
    token = make_token(workspace, ("content:read",))
    r = httpx.get(
        stack.gateway + "/v1/metrics", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("application/problem+json")
