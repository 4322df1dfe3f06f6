"""The services behind the gateway, each with its base URL, timeouts and circuit breaker."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import aiohttp

from gateway.breaker import CircuitBreaker
from gateway.config import Settings
from gateway.hop import Origin
from gateway.routes import UPSTREAMS


@dataclass(frozen=True, slots=True)
class Upstream:
    name: str
    base_url: str
    # Where the pass-through and the dashboard connect (``hop``), and their timeouts: the TCP
    # (and TLS) handshake, then each wait for the answer's next bytes. A request waiting for
    # a free pooled connection is not timed: a burst queueing on the pool is not a dead
    # upstream.
    origin: Origin
    connect_timeout_s: float
    read_timeout_s: float
    breaker: CircuitBreaker

    @property
    def service_name(self) -> str:
        return f"{self.name}-svc"


def build_upstreams(settings: Settings) -> Mapping[str, Upstream]:
    upstreams = {}
    for name in UPSTREAMS:
        upstreams[name] = Upstream(
            name=name,
            base_url=settings.upstream_url(name),
            origin=Origin.from_url(settings.upstream_url(name)),
            connect_timeout_s=settings.connect_timeout_s,
            read_timeout_s=settings.read_timeout_for(name),
            breaker=CircuitBreaker(
                failure_ratio=settings.breaker_failure_ratio,
                min_calls=settings.breaker_min_calls,
                window_s=settings.breaker_window_s,
                open_s=settings.breaker_open_s,
            ),
        )
    return MappingProxyType(upstreams)


def client_session(settings: Settings) -> aiohttp.ClientSession:
    """The session of the gateway's reads of the services' health and OpenAPI documents (a few
    a minute; created in the lifespan). Proxied requests and the dashboard's sections go
    through ``hop``. aiohttp sends such a GET again by itself when a pooled connection turns
    out closed, which suits these reads."""
    connector = aiohttp.TCPConnector(
        limit=settings.max_connections,
        limit_per_host=0,
        # Below the services' uvicorn --timeout-keep-alive, as the hop's (see ``config``).
        keepalive_timeout=settings.upstream_keepalive_s,
    )
    return aiohttp.ClientSession(
        connector=connector,
        # Nothing these reads are answered is remembered for the next.
        cookie_jar=aiohttp.DummyCookieJar(),
        trust_env=False,
        raise_for_status=False,
    )


def connect_failure_reason(exc: BaseException) -> str:
    """Why a connection could not be made, in words for a problem detail or a readiness check."""
    os_error = getattr(exc, "os_error", None)
    if isinstance(os_error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(os_error, OSError) and os_error.strerror:
        return os_error.strerror.lower()
    return type(exc).__name__
