"""Typed, low-volume calls between services over httpx (the gateway's hot path uses aiohttp).

The caller's tenancy headers and the internal token are forwarded, with explicit timeouts.
"""

from __future__ import annotations

import httpx

from servicekit.context import RequestContext


def context_headers(ctx: RequestContext, internal_token: str) -> dict[str, str]:
    headers = {
        "X-Internal-Token": internal_token,
        "X-Workspace-Id": ctx.workspace_id,
        "X-Scopes": " ".join(sorted(ctx.scopes)),
    }
    if ctx.actor_id:
        headers["X-Actor-Id"] = ctx.actor_id
    if ctx.request_id:
        headers["X-Request-Id"] = ctx.request_id
    return headers


def service_client(base_url: str, *, timeout_s: float = 5.0) -> httpx.AsyncClient:
    """A pooled client for one upstream service; pass ``context_headers`` per call."""
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 2.0)),
        limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
    )
