"""What the lifespan hands every request (``scope["state"]``): no module globals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

import aiohttp
from starlette.types import Scope

from gateway.auth import TokenVerifier
from gateway.config import Settings
from gateway.openapi import MergedSpec
from gateway.ratelimit import RateLimiter
from gateway.upstreams import Upstream


class GatewayState(TypedDict):
    settings: Settings
    session: aiohttp.ClientSession
    upstreams: Mapping[str, Upstream]
    verifier: TokenVerifier
    rate_limiter: RateLimiter
    openapi: MergedSpec


def gateway_state(scope: Scope) -> GatewayState:
    """The state of a request's ``scope``: what ``create_app``'s lifespan, typed to yield a
    ``GatewayState``, handed the server, which puts (a copy of) it in every request's scope."""
    state: GatewayState = scope["state"]
    return state
