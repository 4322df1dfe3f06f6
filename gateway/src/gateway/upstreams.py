"""The services behind the gateway, each with its base URL, timeouts and circuit breaker."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import aiohttp
from aiohttp.connector import Connection

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


class UpstreamResponse(aiohttp.ClientResponse):
    """An upstream's answer; one with a 5xx status never returns its connection to the pool.

    uvicorn closes a connection after a 500 raised by the application without saying so in the
    answer. Back in the pool, that connection would go to the next request, from anyone, which
    would meet a closed socket and become a 502. aiohttp returns a connection to the pool as
    soon as the body has been read, which for a small answer happens inside ``start``, so the
    decision is made here, before any other request can be handed the connection.
    """

    async def start(self, connection: Connection) -> aiohttp.ClientResponse:
        protocol = connection.protocol
        await super().start(connection)
        if self.status >= 500 and protocol is not None:
            protocol.force_close()  # still ours: closed instead of pooled when released
            if self.connection is None:  # already pooled (no await since): close it there
                protocol.close()
        return self


def client_session(settings: Settings) -> aiohttp.ClientSession:
    """The pooled session of the gateway's own reads of the services' health and OpenAPI
    documents (created in the lifespan); proxied requests and the dashboard's sections go
    through ``hop``."""
    connector = aiohttp.TCPConnector(
        limit=settings.max_connections,
        limit_per_host=0,
        # Below the services' uvicorn --timeout-keep-alive: the gateway lets an idle connection
        # go first, so it never reuses one the service is closing (see ``config``).
        keepalive_timeout=settings.upstream_keepalive_s,
    )
    return aiohttp.ClientSession(
        connector=connector,
        response_class=UpstreamResponse,
        # Upstreams' cookies belong to the caller, never to the gateway: a shared jar would
        # replay one workspace's cookies on another's requests.
        cookie_jar=aiohttp.DummyCookieJar(),
        # Bytes pass through as they are: the client negotiated the encoding with the upstream.
        auto_decompress=False,
        # aiohttp would otherwise invent Accept-Encoding, User-Agent and Content-Type headers
        # the client never sent.
        skip_auto_headers=("Accept-Encoding", "User-Agent", "Content-Type"),
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
