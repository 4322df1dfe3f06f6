"""What the lifespan hands every request (``scope["state"]``): no module globals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

import aiohttp
from starlette.types import Scope

from gateway.apikeys.app import ApiKeysState
from gateway.apikeys.verifier import ApiKeyVerifier
from gateway.auth import TokenVerifier
from gateway.config import Settings
from gateway.hop import HopPool
from gateway.openapi import MergedSpec
from gateway.ratelimit import RateLimiter
from gateway.upstreams import Upstream
from servicekit.db import Database


class GatewayState(TypedDict):
    settings: Settings
    # The gateway's reads of the services' health and OpenAPI documents.
    session: aiohttp.ClientSession
    # The pass-through's connections to the services (``hop``), and the dashboard's own: a
    # dashboard's fan-out of ~30 reads never takes the slots proxied requests wait for.
    hop: HopPool
    dashboard_hop: HopPool
    upstreams: Mapping[str, Upstream]
    verifier: TokenVerifier
    rate_limiter: RateLimiter
    openapi: MergedSpec
    # The gateway's own database (API keys), None when GATEWAY_DATABASE_URL is unset.
    database: Database | None
    api_keys: ApiKeyVerifier
    # What the API key routes' app finds on its requests (``apikeys.endpoint``).
    api_keys_state: ApiKeysState | None


def gateway_state(scope: Scope) -> GatewayState:
    """The state of a request's ``scope``: what ``create_app``'s lifespan, typed to yield a
    ``GatewayState``, handed the server, which puts (a copy of) it in every request's scope."""
    state: GatewayState = scope["state"]
    return state
