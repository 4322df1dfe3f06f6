"""Calls from one service to another (a *peer*): content-svc asking metrics-svc for learned
publishing times, campaign-svc and community-svc asking content-svc what a tracking code
stands for and metrics-svc how a goal stands.

The rule: **a service calls a peer with its own rights for that call.** The call carries the
caller's workspace (a peer answers only about that workspace) and request id (one trail in the
logs), the internal token, and ``X-Scopes`` = exactly the scopes the call needs
(``content:read`` to resolve a tracking code, ``metrics:read`` for a goal's progress), never
the caller's own scopes. What a service asks a peer for belongs to something its caller may
already read (a tracking code is printed on posters; a goal's progress is part of its
campaign or group), so the answer does not depend on who asked, and a cache of answers needs
no scopes in its keys.

The pieces:

- ``Peer``: one pooled httpx client for one peer service, opened at startup and closed at
  shutdown (it is an async context manager: enter it in the service's state extension, see
  ``servicekit.state.StateExtension``). ``Peer.get`` never raises for the peer's failures and
  never waits longer than ``timeout_s`` in all (``asyncio.timeout`` around the whole call,
  waiting for a pooled connection included; httpx's own timeouts bound each phase).
- ``Answered`` / ``Unavailable``: what a call came to, the answer read, or a reason a person
  can read (``metrics-svc is unreachable (ConnectError)``, ``metrics-svc did not answer within
  2 s``, ``metrics-svc refused (404): No metric 'gmv'.``, ``metrics-svc answered something
  other than a goal's progress``). A refusal keeps the peer's status, so a service can give it
  a domain meaning (content-svc's 404 for a tracking code: no such code).
- ``PeerCache``: outcomes kept per key, answers for one lifetime, failures for a shorter one (a
  recovered peer shows again soon, a down one costs one timeout per key per failure lifetime
  rather than one per request); ``get_or_ask`` asks only what is not kept. cachetools'
  ``TTLCache`` underneath, bounded in size.

What an answer means (a code's ids, a goal's status) stays in the service that asks.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Generic, Self, TypeAlias, TypeVar

import httpx
import structlog
from cachetools import TTLCache

from servicekit.context import RequestContext
from servicekit.http import peer_headers, service_client

log = structlog.get_logger("servicekit.peers")

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

# How much of a refusal's problem+json ``detail`` a reason quotes.
DETAIL_CHARS = 200


@dataclass(frozen=True, slots=True)
class Answered(Generic[T]):
    """The peer answered 200 with what the caller could read (``value``)."""

    value: T


@dataclass(frozen=True, slots=True)
class Unavailable:
    """The peer gave no usable answer; ``reason`` says why in words for a person. ``status`` is
    the peer's HTTP status when it refused (answered other than 200), else None (unreachable,
    too slow, or an answer the caller could not read)."""

    reason: str
    status: int | None = None


Outcome: TypeAlias = Answered[T] | Unavailable


def _refusal_detail(response: httpx.Response) -> str:
    """The problem+json ``detail`` of a refusal, shortened; empty when there is none."""
    try:
        body: Any = response.json()
    except ValueError:
        return ""
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail[:DETAIL_CHARS] if isinstance(detail, str) else ""


class Peer:
    """One peer service, for the app's whole life: a pooled client, the internal token, and
    calls bounded by ``timeout_s`` in all.

    ``name`` is how reasons call the peer (``"metrics-svc"``). Use it as an async context
    manager (``async with Peer(...) as metrics:``) so its connections close at shutdown.
    """

    def __init__(
        self,
        name: str,
        base_url: str,
        *,
        internal_token: str,
        timeout_s: float,
        max_connections: int = 50,
    ) -> None:
        self.name = name
        self.timeout_s = timeout_s
        self._token = internal_token
        self._client = service_client(
            base_url, timeout_s=timeout_s, max_connections=max_connections
        )

    async def get(
        self,
        path: str,
        ctx: RequestContext,
        *,
        scopes: Iterable[str],
        expected: str,
        read: Callable[[Any], T],
        params: Mapping[str, str | Sequence[str]] | None = None,
    ) -> Outcome[T]:
        """``GET path`` for the caller of ``ctx`` with the service's own rights: ``scopes`` are
        the ones this call needs. A 200 whose JSON body ``read`` accepts is ``Answered``; all
        else is ``Unavailable`` (``read`` raising ``ValueError``, ``TypeError`` or
        ``LookupError`` — pydantic's ``ValidationError`` is a ``ValueError`` — means the peer
        answered something other than ``expected``, e.g. ``"a goal's progress"``). A parameter
        given a sequence is sent once per value (``?id=a&id=b``). Never raises
        for the peer's failures; returns within ``timeout_s``."""
        headers = peer_headers(ctx.workspace_id, self._token, scopes, ctx.request_id)
        try:
            # httpx's timeouts bound each phase (connect, read…); this bounds the whole call,
            # a wait for a pooled connection included.
            async with asyncio.timeout(self.timeout_s):
                response = await self._client.get(path, params=params, headers=headers)
        except (TimeoutError, httpx.TimeoutException):
            return self._unavailable(path, f"did not answer within {self.timeout_s:g} s")
        except httpx.HTTPError as exc:
            return self._unavailable(path, f"is unreachable ({type(exc).__name__})")
        if response.status_code != 200:
            detail = _refusal_detail(response)
            refused = f"refused ({response.status_code})" + (f": {detail}" if detail else "")
            return self._unavailable(path, refused, status=response.status_code)
        try:
            return Answered(read(response.json()))
        except (ValueError, TypeError, LookupError):
            return self._unavailable(path, f"answered something other than {expected}")

    def _unavailable(self, path: str, what: str, *, status: int | None = None) -> Unavailable:
        reason = f"{self.name} {what}"
        log.warning("peer call unavailable", peer=self.name, path=path, reason=reason)
        return Unavailable(reason, status)

    async def aclose(self) -> None:
        """Close the pooled connections (``async with`` does it at the block's end)."""
        await self._client.aclose()

    @property
    def closed(self) -> bool:
        """Whether the client is closed: a call now would fail."""
        return self._client.is_closed

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


class PeerCache(Generic[K, T]):
    """What peers answered (``Answered``), kept ``answer_ttl_s``, and what they failed to
    (``Unavailable``), kept ``failure_ttl_s`` (usually much shorter); at most ``maxsize`` of
    each, the oldest going first. A lifetime of 0 keeps nothing of that kind."""

    def __init__(
        self,
        *,
        answer_ttl_s: float,
        failure_ttl_s: float,
        maxsize: int = 10_000,
        timer: Callable[[], float] = time.monotonic,
    ) -> None:
        self._answers: TTLCache[K, Answered[T]] | None = (
            TTLCache(maxsize, answer_ttl_s, timer) if answer_ttl_s > 0 else None
        )
        self._failures: TTLCache[K, Unavailable] | None = (
            TTLCache(maxsize, failure_ttl_s, timer) if failure_ttl_s > 0 else None
        )

    def get(self, key: K) -> Outcome[T] | None:
        """The outcome kept for ``key`` and still alive, else None."""
        if self._answers is not None and (answered := self._answers.get(key)) is not None:
            return answered
        if self._failures is not None:
            return self._failures.get(key)
        return None

    def keep(self, key: K, outcome: Outcome[T]) -> None:
        """Keep ``outcome`` for ``key`` for its kind's lifetime, in place of what was kept."""
        if self._answers is not None:
            self._answers.pop(key, None)
        if self._failures is not None:
            self._failures.pop(key, None)
        if isinstance(outcome, Answered):
            if self._answers is not None:
                self._answers[key] = outcome
        elif self._failures is not None:
            self._failures[key] = outcome

    async def get_or_ask(self, key: K, ask: Callable[[], Awaitable[Outcome[T]]]) -> Outcome[T]:
        """The outcome kept for ``key``, else what ``ask()`` comes to (a ``Peer.get``), kept."""
        kept = self.get(key)
        if kept is not None:
            return kept
        outcome = await ask()
        self.keep(key, outcome)
        return outcome
