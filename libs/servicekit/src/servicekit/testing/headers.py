"""The headers the gateway sends a service, for tests that speak to a service directly.

Kept out of the plugin module so a conftest can import them before pytest loads the plugin.
"""

from __future__ import annotations

from servicekit.settings import DEV_INTERNAL_TOKEN

WORKSPACE_A = "ws-alpha"
WORKSPACE_B = "ws-beta"


def gateway_headers(
    workspace: str | None, scopes: tuple[str, ...] | list[str], actor: str = "user-1"
) -> dict[str, str]:
    headers = {"X-Internal-Token": DEV_INTERNAL_TOKEN, "X-Actor-Id": actor}
    if workspace is not None:
        headers["X-Workspace-Id"] = workspace
    headers["X-Scopes"] = " ".join(scopes)
    return headers
