"""The services behind the gateway, each with its base URL, timeouts and circuit breaker."""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import aiohttp
from aiohttp import ClientHandlerType, ClientRequest, ClientResponse
from aiohttp.connector import Connection

from gateway.breaker import CircuitBreaker
from gateway.config import Settings
from gateway.hop import Origin
from gateway.routes import UPSTREAMS


@dataclass(frozen=True, slots=True)
class Upstream:
    name: str
    base_url: str
    # Where the pass-through's hop (``hop``) connects, and its timeouts.
    origin: Origin
    connect_timeout_s: float
    read_timeout_s: float
    # The same timeouts for the gateway's own calls with aiohttp (dashboard, health).
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
            origin=Origin.from_url(settings.upstream_url(name)),
            connect_timeout_s=settings.connect_timeout_s,
            read_timeout_s=settings.read_timeout_for(name),
            # No total: a large body may stream for as long as bytes keep coming. ``connect``
            # (which includes waiting for a pooled connection) stays unset so a burst that
            # queues on the pool is not mistaken for a dead upstream; ``sock_connect`` bounds
            # the TCP handshake itself. The hop likewise has no limit on the wait for a free
            # connection, only on the handshake and on each read.
            timeout=aiohttp.ClientTimeout(
                total=None,
                connect=None,
                sock_connect=settings.connect_timeout_s,
                sock_read=settings.read_timeout_for(name),
            ),
            breaker=CircuitBreaker(
                failure_ratio=settings.breaker_failure_ratio,
                min_calls=settings.breaker_min_calls,
                window_s=settings.breaker_window_s,
                open_s=settings.breaker_open_s,
            ),
        )
    return MappingProxyType(upstreams)


_connection_reused: ContextVar[bool] = ContextVar("gateway_connection_reused", default=False)


def connection_reused() -> bool:
    """Whether the last connection the pool handed out in this task had carried a request before
    (reset with ``forget_connection`` before each attempt)."""
    return _connection_reused.get()


def forget_connection() -> None:
    _connection_reused.set(False)


class UpstreamConnector(aiohttp.TCPConnector):
    """aiohttp's pool, telling the dashboard whether a request went out on a reused connection.

    Only a reused connection can be one the upstream closed while it sat idle in the pool, so
    that is what makes a dropped request worth one more try (see ``dashboard``; the
    pass-through's own pool, ``hop``, says so on its ``Dropped`` error). aiohttp reports
    reuse only through tracing, whose per-chunk signals would cost every request; remembering
    the connections already handed out costs one set lookup.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._handed_out: weakref.WeakSet[Any] = weakref.WeakSet()

    async def connect(
        self, req: ClientRequest, traces: list[Any], timeout: aiohttp.ClientTimeout
    ) -> Connection:
        connection = await super().connect(req, traces, timeout)
        protocol = connection.protocol
        reused = protocol in self._handed_out
        if not reused:
            self._handed_out.add(protocol)
        # Set in the task that awaits the request, which reads it if the request fails.
        _connection_reused.set(reused)
        return connection


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


class UpstreamDropped(aiohttp.ClientConnectionError):
    """The upstream's connection went away before its answer began (a hang-up or a reset).

    The error aiohttp raised is the ``__cause__`` (see ``as_raised``).
    """


def as_raised(exc: BaseException) -> BaseException:
    """The error as aiohttp raised it: an ``UpstreamDropped``'s cause, else ``exc`` itself."""
    if isinstance(exc, UpstreamDropped) and exc.__cause__ is not None:
        return exc.__cause__
    return exc


async def answered_once(request: ClientRequest, handler: ClientHandlerType) -> ClientResponse:
    """Client middleware that leaves every resend to the caller (the dashboard's ``_send``).

    ``ClientSession`` sends a PUT or DELETE (not only a GET or HEAD) a second time when the
    connection it went out on drops with ``ServerDisconnectedError`` or ``ClientOSError``, and
    offers no public switch for that. Raised from here as ``UpstreamDropped``, a drop is no
    longer one of those two, so the session passes it on untouched and a write reaches a
    service at most once unless the proxy decides otherwise; tests pin this down. A connection
    never made (``ClientConnectorError``) is not a drop and is passed on as it is.
    """
    try:
        return await handler(request)
    except aiohttp.ClientConnectorError:
        raise
    except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError) as exc:
        raise UpstreamDropped(str(exc)) from exc


def client_session(settings: Settings) -> aiohttp.ClientSession:
    """The pooled session of the gateway's own calls to the services: the dashboard's sections,
    health probes and the merged OpenAPI document (created in the lifespan). Proxied requests
    go through ``hop``."""
    connector = UpstreamConnector(
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
        # The proxy alone decides what is sent twice.
        middlewares=(answered_once,),
    )


def connect_failure_reason(exc: BaseException) -> str:
    """Why a connection could not be made, in words for a problem detail or a readiness check."""
    os_error = getattr(exc, "os_error", None)
    if isinstance(os_error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(os_error, OSError) and os_error.strerror:
        return os_error.strerror.lower()
    return type(exc).__name__
