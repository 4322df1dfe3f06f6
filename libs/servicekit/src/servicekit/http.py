"""Typed, low-volume calls between services over httpx (the gateway's hot path has its own client).

A service calls a peer with its own rights for that call (``peer_headers``): the caller's
workspace and request id, the internal token, and exactly the scopes the call needs, never the
caller's. ``servicekit.peers`` builds on these two pieces.
"""

from __future__ import annotations

from collections.abc import Iterable

import httpx

from servicekit.tracing import trace_client


def peer_headers(
    workspace_id: str, internal_token: str, scopes: Iterable[str], request_id: str | None = None
) -> dict[str, str]:
    """The headers of a call a service makes to a peer with its own rights: the workspace the
    caller works in (a peer answers only about that workspace), the request id (one trail in
    the logs), the internal token, and ``X-Scopes`` = the scopes this call needs. No actor: the
    service, not the person, is asking."""
    headers = {
        "X-Internal-Token": internal_token,
        "X-Workspace-Id": workspace_id,
        "X-Scopes": " ".join(sorted(set(scopes))),
    }
    if request_id:
        headers["X-Request-Id"] = request_id
    return headers


def service_client(
    base_url: str, *, timeout_s: float = 5.0, max_connections: int = 50
) -> httpx.AsyncClient:
    """A pooled client for one upstream service; pass ``peer_headers`` per call. Traced (a
    client span per call, ``traceparent`` sent) when tracing is on."""
    client = httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 2.0)),
        limits=httpx.Limits(
            max_connections=max_connections,
            max_keepalive_connections=min(20, max_connections),
        ),
    )
    return trace_client(client)
