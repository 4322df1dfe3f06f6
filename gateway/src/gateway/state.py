"""What the lifespan hands every request (``scope["state"]``): no module globals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

import aiohttp

from gateway.auth import TokenVerifier
from gateway.config import Settings
from gateway.ratelimit import RateLimiter
from gateway.upstreams import Upstream


class GatewayState(TypedDict):
    settings: Settings
    session: aiohttp.ClientSession
    upstreams: Mapping[str, Upstream]
    verifier: TokenVerifier
    rate_limiter: RateLimiter
