"""``/metrics``: request counters labelled by route template, never by concrete path."""

import re
from collections.abc import Callable

import httpx

from servicekit.testing.metrics import requests_total

SERVICE = "fixture"


def counted_labels(exposition: str) -> list[dict[str, str]]:
    return [
        dict(re.findall(r'(\w+)="([^"]*)"', line.partition("{")[2].rpartition("}")[0]))
        for line in exposition.splitlines()
        if line.startswith("mediaops_http_requests_total{")
    ]


async def metrics(client: httpx.AsyncClient) -> str:
    r = await client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    return r.text


async def test_requests_are_counted_by_route_template_not_by_id(
    client: httpx.AsyncClient,
) -> None:
    thing_id = (await client.post("/v1/things", json={"name": "x"})).json()["id"]
    ok = {"service": SERVICE, "method": "GET", "route": "/v1/things/{thing_id}", "status": "200"}
    before = requests_total(await metrics(client), **ok)

    assert (await client.get(f"/v1/things/{thing_id}")).status_code == 200
    assert (await client.get(f"/v1/things/{thing_id}")).status_code == 200

    text = await metrics(client)
    assert requests_total(text, **ok) == before + 2
    assert thing_id not in text


async def test_error_statuses_are_counted_under_the_template(client: httpx.AsyncClient) -> None:
    missing = {
        "service": SERVICE,
        "method": "GET",
        "route": "/v1/things/{thing_id}",
        "status": "404",
    }
    before = requests_total(await metrics(client), **missing)
    r = await client.get("/v1/things/00000000-0000-0000-0000-000000000001")
    assert r.status_code == 404
    assert requests_total(await metrics(client), **missing) == before + 1


async def test_unknown_paths_share_one_label(client: httpx.AsyncClient) -> None:
    unmatched = {"service": SERVICE, "method": "GET", "route": "unmatched", "status": "404"}
    before = requests_total(await metrics(client), **unmatched)
    await client.get("/v1/nothing-here-1")
    await client.get("/v1/nothing-here-2")
    text = await metrics(client)
    assert requests_total(text, **unmatched) == before + 2
    assert "nothing-here" not in text


async def test_rejected_calls_are_counted_too(
    client_for: Callable[..., httpx.AsyncClient],
) -> None:
    # Refused before routing; the label is still a template (or "unmatched"), never the path.
    client = client_for(internal_token=False)
    before = await metrics(client)
    await client.get("/v1/things/00000000-0000-0000-0000-0000000000aa")
    after = await metrics(client)
    denied = [
        labels
        for labels in counted_labels(after)
        if labels["status"] == "401"
        and requests_total(after, **labels) > requests_total(before, **labels)
    ]
    assert denied == [
        {"service": SERVICE, "method": "GET", "route": denied[0]["route"], "status": "401"}
    ]
    assert denied[0]["route"] in {"/v1/things/{thing_id}", "unmatched"}
    assert "0000000000aa" not in after


async def test_latency_histogram_is_exposed(client: httpx.AsyncClient) -> None:
    await client.get("/healthz")
    text = await metrics(client)
    assert re.search(
        r'^mediaops_http_request_duration_seconds_count\{[^}]*route="/healthz"[^}]*\} [1-9]',
        text,
        re.MULTILINE,
    )
