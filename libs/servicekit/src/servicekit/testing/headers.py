"""The headers the gateway sends a service, and a client sending them, for tests that speak to
a service directly.

Kept out of the plugin module so a conftest can import them before pytest loads the plugin.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx
from starlette.types import ASGIApp

from servicekit.settings import DEV_INTERNAL_TOKEN

WORKSPACE_A = "ws-alpha"
WORKSPACE_B = "ws-beta"


def gateway_headers(
    workspace: str | None, scopes: Sequence[str], actor: str = "user-1"
) -> dict[str, str]:
    headers = {"X-Internal-Token": DEV_INTERNAL_TOKEN, "X-Actor-Id": actor}
    if workspace is not None:
        headers["X-Workspace-Id"] = workspace
    headers["X-Scopes"] = " ".join(scopes)
    return headers


def client_as_gateway(
    app: ASGIApp,
    workspace: str | None,
    scopes: Sequence[str],
    *,
    raise_app_exceptions: bool = True,
    **options: Any,
) -> httpx.AsyncClient:
    """A client of ``app`` in process, calling as the gateway would in ``workspace`` with
    ``scopes``; ``raise_app_exceptions=False`` answers an unhandled error with the server's 500
    instead of raising it into the test. ``options`` go to ``httpx.AsyncClient``."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, raise_app_exceptions=raise_app_exceptions),
        base_url="http://svc",
        headers=gateway_headers(workspace, scopes),
        **options,
    )
