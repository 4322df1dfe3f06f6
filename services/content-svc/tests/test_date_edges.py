"""Every date content-svc takes, at year 1 and year 9999 (with +14:00/-12:00 offsets): a 422
naming the field, never a 500, and nothing stored."""

from __future__ import annotations

import httpx
import pytest

from servicekit.testing.dates import EDGE_DAYS, EDGE_INSTANTS, assert_refused_naming

from .topics.test_router import NEW_TOPIC, create_topic

OK_FROM, OK_TO = "2026-11-01T00:00:00Z", "2026-11-08T00:00:00Z"


@pytest.mark.parametrize("edge", EDGE_INSTANTS)
@pytest.mark.parametrize("path", ["/v1/calendar", "/v1/publications"])
async def test_windows_at_the_edges_of_time_are_422_naming_them(
    client: httpx.AsyncClient, edge: str, path: str
) -> None:
    for field, window in (
        ("from", {"from": edge, "to": OK_TO}),
        ("to", {"from": OK_FROM, "to": edge}),
    ):
        assert_refused_naming(await client.get(path, params=window), field)


@pytest.mark.parametrize("edge", EDGE_DAYS)
async def test_topic_due_dates_at_the_edges_of_time_are_422_naming_them(
    client: httpx.AsyncClient, edge: str
) -> None:
    r = await client.post("/v1/topics", json={**NEW_TOPIC, "due_date": edge})
    assert_refused_naming(r, "due_date")
    topic = await create_topic(client)
    r = await client.patch(f"/v1/topics/{topic['id']}", json={"due_date": edge})
    assert_refused_naming(r, "due_date")
    assert (await client.get(f"/v1/topics/{topic['id']}")).json()["due_date"] == "2026-11-30"
    for field in ("due_from", "due_to"):
        assert_refused_naming(await client.get("/v1/topics", params={field: edge}), field)
