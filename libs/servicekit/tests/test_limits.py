"""The request body limit: refused before it is read, whether declared or streamed."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fixture_service import app as fixture_app

from servicekit.settings import ServiceSettings

LIMIT = ServiceSettings().max_body_bytes


async def chunks(total: int, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    sent = 0
    while sent < total:
        n = min(size, total - sent)
        sent += n
        yield b"x" * n


@pytest.fixture
def raw_calls() -> list[int]:
    fixture_app.raw_body_sizes.clear()
    return fixture_app.raw_body_sizes


def assert_413(r: httpx.Response) -> None:
    assert r.status_code == 413, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == 413
    assert f"{LIMIT:,}" in body["detail"]
    assert body["request_id"] == r.headers["x-request-id"]


async def test_declared_length_over_the_limit_is_413_and_the_endpoint_never_runs(
    client: httpx.AsyncClient, raw_calls: list[int]
) -> None:
    r = await client.post("/v1/probe/raw", content=b"x" * (LIMIT + 1))
    assert_413(r)
    assert raw_calls == []


async def test_streamed_body_over_the_limit_is_413(
    client: httpx.AsyncClient, raw_calls: list[int]
) -> None:
    r = await client.post("/v1/probe/raw", content=chunks(LIMIT + 1))
    assert "content-length" not in r.request.headers
    assert_413(r)
    assert raw_calls == []


async def test_streamed_json_over_the_limit_is_413_not_a_parse_error(
    client: httpx.AsyncClient,
) -> None:
    r = await client.post(
        "/v1/probe/echo", content=chunks(LIMIT * 2), headers={"content-type": "application/json"}
    )
    assert_413(r)


async def test_body_at_the_limit_passes(client: httpx.AsyncClient, raw_calls: list[int]) -> None:
    r = await client.post("/v1/probe/raw", content=b"x" * LIMIT)
    assert r.status_code == 200
    assert r.json() == {"size": LIMIT}
    assert raw_calls == [LIMIT]


async def test_streamed_body_under_the_limit_passes(
    client: httpx.AsyncClient, raw_calls: list[int]
) -> None:
    r = await client.post("/v1/probe/raw", content=chunks(LIMIT - 10, size=1000))
    assert r.status_code == 200
    assert raw_calls == [LIMIT - 10]


async def test_json_under_the_limit_passes(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/probe/echo", json={"text": "长" * 1000, "count": 1})
    assert r.status_code == 200
    assert r.json()["text"] == "长" * 1000
