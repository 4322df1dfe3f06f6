"""The services behind the gateway, each with its base URL, timeouts and circuit breaker."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import aiohttp

from gateway.breaker import CircuitBreaker
from gateway.config import Settings
from gateway.routes import UPSTREAMS


@dataclass(frozen=True, slots=True)
class Upstream:
    name: str
    base_url: str
    timeout: aiohttp.ClientTimeout
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
            # No total: a large body may stream for as long as bytes keep coming. ``connect``
            # (which includes waiting for a pooled connection) stays unset so a burst that
            # queues on the pool is not mistaken for a dead upstream; ``sock_connect`` bounds
            # the TCP handshake itself.
            timeout=aiohttp.ClientTimeout(
                total=None,
                connect=None,
                sock_connect=settings.connect_timeout_s,
                sock_read=settings.read_timeout_for(name),
            ),
            breaker=CircuitBreaker(settings.breaker_failure_threshold, settings.breaker_open_s),
        )
    return MappingProxyType(upstreams)


def client_session(settings: Settings) -> aiohttp.ClientSession:
    """The one pooled session every proxied call goes through (created in the lifespan)."""
    connector = aiohttp.TCPConnector(
        limit=settings.max_connections,
        limit_per_host=0,
        keepalive_timeout=30,
    )
    session = aiohttp.ClientSession(
        connector=connector,
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
    # aiohttp silently resends PUT and DELETE (not only GET/HEAD) once when a pooled connection
    # drops, and offers no public switch. The gateway retries reads itself (see ``proxy``), so
    # writes reach a service at most once; tests pin this down.
    session._retry_connection = False
    return session


def connect_failure_reason(exc: BaseException) -> str:
    """Why a connection could not be made, in words for a problem detail or a readiness check."""
    os_error = getattr(exc, "os_error", None)
    if isinstance(os_error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(os_error, OSError) and os_error.strerror:
        return os_error.strerror.lower()
    return type(exc).__name__
