"""Checks of the door (``servicekit.door``) that every service runs on one of its own routes:
an unknown query parameter, and a create under an ``Idempotency-Key`` replayed, reused with
another body, and raced."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
from sqlalchemy import FromClause, func, select
from sqlalchemy.ext.asyncio import AsyncEngine


async def assert_unknown_query_parameter_refused(
    client: httpx.AsyncClient, path: str, name: str
) -> dict[str, Any]:
    """``GET path?name=x`` is a 422 naming ``name``; returns the problem."""
    r = await client.get(path, params={name: "x"})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = r.json()
    assert problem["errors"][0]["loc"] == ["query", name]
    assert problem["detail"].startswith(f"unknown query parameter `{name}`; accepted: ")
    return problem


async def assert_create_replays(
    client: httpx.AsyncClient, path: str, body: dict[str, Any], other: dict[str, Any]
) -> dict[str, Any]:
    """The same key and body replay the first answer; another body under it is a 409.
    Returns the created resource."""
    key = {"Idempotency-Key": f"door-{uuid.uuid4()}"}
    first = await client.post(path, json=body, headers=key)
    assert first.status_code == 201, first.text
    again = await client.post(path, json=body, headers=key)
    assert (again.status_code, again.content) == (201, first.content)
    assert again.headers["idempotent-replayed"] == "true"
    reused = await client.post(path, json=other, headers=key)
    assert reused.status_code == 409, reused.text
    assert "Idempotency-Key" in reused.json()["detail"]
    created: dict[str, Any] = first.json()
    return created


async def assert_create_race_makes_one(
    client: httpx.AsyncClient,
    engine: AsyncEngine,
    path: str,
    body: dict[str, Any],
    table: FromClause,
    *,
    times: int = 8,
) -> None:
    """``times`` concurrent identical creates under one key, committed, store one row and answer
    alike. ``client`` is one of the plugin's ``committed_client_for``, whose workspace is
    emptied afterwards."""
    workspace = client.headers["X-Workspace-Id"]
    key = {"Idempotency-Key": f"door-race-{uuid.uuid4()}"}
    answers = await asyncio.gather(
        *(client.post(path, json=body, headers=key) for _ in range(times))
    )
    assert {r.status_code for r in answers} == {201}, [r.text for r in answers]
    assert len({r.content for r in answers}) == 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in answers) == times - 1
    async with engine.connect() as conn:
        rows = await conn.scalar(
            select(func.count()).select_from(table).where(table.c.workspace_id == workspace)
        )
    assert rows == 1
