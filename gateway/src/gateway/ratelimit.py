"""Per-workspace rate limits by route class, and a guard against guessing coupon and referral codes.

Every authenticated request is counted against its workspace's budget for one *route class*
(read, write, ingest, redeem, claim, referral). A public path (a platform's callback, called
without a credential: ``routes.PUBLIC``) has no workspace; it is counted in the ``callback``
class against its own path's budget, so each channel's server URL has one of its own. A class
allows ``burst`` requests in any window of ``ceil(burst * 60 / per_minute)`` seconds (the
``limits`` library's moving window), so a workspace may spend its burst at once and over any T
seconds gets at most ``per_minute * T / 60 + burst`` requests through. The window lives in
Redis/Valkey when ``GATEWAY_REDIS_URL`` is set (shared by every gateway replica and worker
process) and in process memory otherwise. In memory, each of the gateway's ``workers`` processes
(``WEB_CONCURRENCY``) keeps its own window and enforces ``burst // workers`` (at least 1), and
the guard its thresholds divided likewise, so the processes together never let more than the
budget through; a client whose requests all reach one process (one keep-alive connection) gets
that process's share. Set ``GATEWAY_REDIS_URL`` for the exact budget with several workers.

The guard counts the failed answers (404, 409, 422…) that one actor (the token's ``sub`` within
its workspace) gets from the code paths: redeeming a coupon, claiming one, accepting a referral
and looking a coupon up by code. Past ``guard_slow_after`` failures in ``guard_window_s`` its
requests to those paths wait ``guard_delay_s`` first; past ``guard_block_after`` they are refused
with 429 until the oldest failures leave the window.

When Redis does not answer, the gateway fails open to its in-process limiter (each replica then
enforces the budget alone), logs it once, counts it, and tries Redis again ``redis_retry_s``
later: a rate limiter that turns a Redis outage into an API outage would do more harm than the
abuse it stops.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import TypeVar

import structlog
from limits import RateLimitItem, RateLimitItemPerSecond, WindowStats
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from prometheus_client import Counter, Gauge
from starlette.types import Message, Receive, Scope, Send

from gateway.auth import Principal
from gateway.config import Settings
from gateway.routes import READ_METHODS, READ_ONLY_CALLS
from servicekit.problems import problem_response

log = structlog.get_logger("gateway.ratelimit")

ROUTE_CLASSES: tuple[str, ...] = (
    "read",
    "write",
    "ingest",
    "redeem",
    "claim",
    "referral",
    "callback",
)
# The class of the public paths (``routes.PUBLIC``): a platform's calls, counted per path.
PUBLIC_CLASS = "callback"
# Where a wrong guess answers 4xx: the guard counts those answers per actor.
GUARDED_CLASSES = frozenset({"redeem", "claim", "referral"})

REFUSED = Counter(
    "gateway_ratelimit_refused_total",
    "Requests answered 429 by the gateway, by route class and why (rate or guard).",
    ["route_class", "reason"],
)
SLOWED = Counter(
    "gateway_ratelimit_guard_slowed_total",
    "Requests to the code paths delayed because their actor has failed too often.",
    ["route_class"],
)
REDIS_UP = Gauge(
    "gateway_ratelimit_redis_up",
    "1 while the shared Redis/Valkey answers the rate limiter, 0 while the gateway has fallen "
    "back to its in-process limiter (only set when GATEWAY_REDIS_URL is).",
)
REDIS_ERRORS = Counter(
    "gateway_ratelimit_redis_errors_total",
    "Rate-limiter calls to Redis/Valkey that failed; each one starts a fallback period.",
)
FALLBACK = Counter(
    "gateway_ratelimit_fallback_total",
    "Rate-limiter decisions taken in process memory although GATEWAY_REDIS_URL is set.",
)

_T = TypeVar("_T")


def route_class(method: str, path: str) -> tuple[str, bool]:
    """The class a call is counted in, and whether the code-guessing guard watches it."""
    if method in READ_METHODS:
        # GET /v1/coupons/{code}: a 404 tells a guesser the code does not exist.
        parts = path.split("/")
        return "read", len(parts) == 4 and parts[2] == "coupons" and parts[3] != ""
    stripped = path.rstrip("/")
    if method == "POST":
        if stripped == "/v1/events":
            return "ingest", False
        if (method, stripped) in READ_ONLY_CALLS:
            return "read", False
        if stripped == "/v1/referrals/accept":
            return "referral", True
        parts = stripped.split("/")
        if len(parts) == 5 and parts[1] == "v1":
            if parts[2] == "coupons" and parts[4] == "redeem":
                return "redeem", True
            if parts[2] == "coupon-batches" and parts[4] == "claims":
                return "claim", True
    return "write", False


def _window_item(per_minute: int, burst: int, workers: int = 1) -> RateLimitItem:
    """``burst`` in the class's window; with ``workers`` processes each keeping its own window,
    one process's share (the window stays the budget's, so the rate is divided too)."""
    window_s = max(1, math.ceil(burst * 60 / per_minute))
    return RateLimitItemPerSecond(_share(burst, workers), window_s)


def _share(amount: int, workers: int) -> int:
    return max(1, amount // workers)


def _retry_after(reset_at: float) -> int:
    return max(1, math.ceil(reset_at - time.time()))


@dataclass(frozen=True, slots=True)
class Verdict:
    """An admitted request: the headers its answer carries, and who the guard watches."""

    headers: tuple[tuple[bytes, bytes], ...]
    # (workspace, actor) when the answer's status feeds the guard.
    actor: tuple[str, str] | None = None

    def relay(self, send: Send, limiter: RateLimiter) -> Send:
        """``send`` with the RateLimit headers added, and the guard told about failures."""
        headers, actor = self.headers, self.actor

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *headers]
                if actor is not None and message["status"] in limiter.guard_statuses:
                    await limiter.record_failure(*actor)
            await send(message)

        return send_with_headers


class Refusal:
    """A 429 problem+json, with the headers that tell the caller when to come back."""

    __slots__ = ("detail", "headers")

    def __init__(self, detail: str, headers: dict[str, str]) -> None:
        self.detail = detail
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(429, "Too Many Requests", self.detail, headers=self.headers)
        await response(scope, receive, send)


# The storage's own sweep and its scheduler, private methods (so under their mangled names).
# A release of limits that renames them would leave every request failing or sweeping as
# before: the gateway refuses to start instead.
_SWEEP: str = "_MemoryStorage__expire_events"
_SCHEDULE: str = "_MemoryStorage__schedule_expiry"
if not (hasattr(MemoryStorage, _SWEEP) and hasattr(MemoryStorage, _SCHEDULE)):
    raise ImportError(
        "limits' MemoryStorage no longer has the sweep SweptMemoryStorage replaces; "
        "check gateway.ratelimit against this release of limits"
    )


class SweptMemoryStorage(MemoryStorage):
    """``limits``' in-process storage, its expired entries swept at most every ``sweep_every_s``.

    Why not the storage as it comes (limits 5.8): after every hit it starts a new sweep as soon
    as the previous one has finished, and a sweep sends each key's search to a worker thread
    (``asyncio.to_thread``): 201 thread hops for 400 hits over four keys, against one here. The
    gateway's CPU per proxied claim fell from 0.85-0.88 to 0.76 ms without them
    (bench/RESULTS.md, 2026-12-05). No check depends on the sweep: the moving window reads only
    entries inside the window, and a counter checks its own expiry; the sweep frees memory, so
    sweeping once a second leaves at most a second's more entries behind.

    The storage names its scheduling method privately (``__schedule_expiry``); this class
    replaces it under its mangled name, and a test fails if a release of ``limits`` renames
    it (``test_the_memory_storage_sweeps_at_most_once_a_second``)."""

    def __init__(self, sweep_every_s: float = 1.0) -> None:
        super().__init__()
        self.sweep_every_s = sweep_every_s
        self._next_sweep = 0.0

    async def _MemoryStorage__schedule_expiry(self) -> None:
        now = time.monotonic()
        if now < self._next_sweep or (self.timer is not None and not self.timer.done()):
            return
        self._next_sweep = now + self.sweep_every_s
        sweep: Callable[[], Coroutine[object, object, None]] = getattr(self, _SWEEP)
        self.timer = asyncio.create_task(sweep())


class RateLimiter:
    """One ``check`` per request; the answer's status goes to the guard through ``Verdict``."""

    def __init__(self, settings: Settings) -> None:
        self.enabled = settings.rate_limits_enabled
        self.workers = settings.workers
        self.items: dict[str, RateLimitItem] = {
            name: _window_item(
                getattr(settings, f"rate_limit_{name}_per_minute"),
                getattr(settings, f"rate_limit_{name}_burst"),
            )
            for name in ROUTE_CLASSES
        }
        # In process memory (no Redis, or Redis down) each worker process enforces its share.
        self._memory_items: dict[str, RateLimitItem] = {
            name: _window_item(
                getattr(settings, f"rate_limit_{name}_per_minute"),
                getattr(settings, f"rate_limit_{name}_burst"),
                self.workers,
            )
            for name in ROUTE_CLASSES
        }
        # The headers of an admitted request depend only on its class: built once. They state
        # the workspace's budget; without Redis, with several workers, a process enforces its
        # share of it (see the module's docstring).
        self._verdicts = {
            name: Verdict(
                (
                    (b"ratelimit-limit", str(item.amount).encode()),
                    (b"ratelimit-policy", f"{item.amount};w={item.get_expiry()}".encode()),
                )
                if self.enabled
                else ()
            )
            for name, item in self.items.items()
        }
        self.guard_item = RateLimitItemPerSecond(
            settings.guard_block_after, settings.guard_window_s
        )
        self._memory_guard_item = RateLimitItemPerSecond(
            _share(settings.guard_block_after, self.workers), settings.guard_window_s
        )
        self.guard_slow_after = settings.guard_slow_after
        self._memory_guard_slow_after = _share(settings.guard_slow_after, self.workers)
        self.guard_delay_s = settings.guard_delay_s
        self.guard_statuses = frozenset(settings.guard_statuses)

        self._memory = MovingWindowRateLimiter(SweptMemoryStorage())
        self._redis: MovingWindowRateLimiter | None = None
        self._redis_storage: Storage | None = None
        self._redis_url = settings.redis_url
        self._redis_retry_s = settings.redis_retry_s
        self._redis_down_until = 0.0
        if settings.redis_url:
            timeout = settings.redis_timeout_s
            self._redis_storage = RedisStorage(
                "async+" + settings.redis_url,
                wrap_exceptions=True,
                implementation="valkey",
                key_prefix=settings.redis_key_prefix,
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
            )
            self._redis = MovingWindowRateLimiter(self._redis_storage)
            REDIS_UP.set(1)

    async def start(self) -> None:
        """Say at start-up whether Redis answers; a gateway starts either way (fail open)."""
        if self._redis_storage is None:
            if self.workers > 1 and self.enabled:
                log.warning(
                    "rate limiter: no GATEWAY_REDIS_URL with several worker processes; each "
                    "enforces its share of every budget (budget // workers)",
                    workers=self.workers,
                )
            return
        try:
            healthy = await self._redis_storage.check()
        except Exception:  # check() of a storage that cannot connect may raise
            healthy = False
        if not healthy:
            self._redis_failed("did not answer a PING at start-up")

    async def check(self, principal: Principal, method: str, path: str) -> Verdict | Refusal:
        """Count the request against its workspace's class budget; refuse or admit it."""
        name, guarded = route_class(method, path)
        workspace = principal.workspace_id
        if guarded:
            guard = await self._guard(name, workspace, principal.subject)
            if isinstance(guard, Refusal):
                return guard
        refusal = await self._spend(name, workspace, "This workspace")
        if refusal is not None:
            return refusal
        verdict = self._verdicts[name]
        if guarded:
            return Verdict(verdict.headers, (workspace, principal.subject))
        return verdict

    async def check_public(self, path: str) -> Verdict | Refusal:
        """Count a public call (``routes.PUBLIC``) against its path's ``callback`` budget."""
        refusal = await self._spend(PUBLIC_CLASS, f"public:{path}", "This callback URL")
        return refusal if refusal is not None else self._verdicts[PUBLIC_CLASS]

    async def _spend(self, name: str, owner: str, who: str) -> Refusal | None:
        """One request of ``owner``'s budget for class ``name``; the 429 when it is spent."""
        if not self.enabled:
            return None
        (admitted, item), _ = await self._call(
            lambda limiter, shared: self._hit(limiter, self._item(name, shared), owner, name)
        )
        if admitted:
            return None
        stats, _ = await self._call(
            lambda limiter, shared: limiter.get_window_stats(self._item(name, shared), owner, name)
        )
        retry_after = _retry_after(stats.reset_time)
        REFUSED.labels(name, "rate").inc()
        return Refusal(
            f"{who} has used its {name} budget ({item.amount} requests in "
            f"{item.get_expiry()} s); try again in {retry_after} s.",
            {
                "Retry-After": str(retry_after),
                "RateLimit-Limit": str(item.amount),
                "RateLimit-Remaining": "0",
                "RateLimit-Reset": str(retry_after),
                "RateLimit-Policy": f"{item.amount};w={item.get_expiry()}",
            },
        )

    def _item(self, name: str, shared: bool) -> RateLimitItem:
        return self.items[name] if shared else self._memory_items[name]

    @staticmethod
    async def _hit(
        limiter: MovingWindowRateLimiter, item: RateLimitItem, *identifiers: str
    ) -> tuple[bool, RateLimitItem]:
        return await limiter.hit(item, *identifiers), item

    async def _guard(self, name: str, workspace: str, actor: str) -> Refusal | None:
        async def stats_of(
            limiter: MovingWindowRateLimiter, shared: bool
        ) -> tuple[WindowStats, RateLimitItem, int]:
            item = self.guard_item if shared else self._memory_guard_item
            slow_after = self.guard_slow_after if shared else self._memory_guard_slow_after
            stats = await limiter.get_window_stats(item, "guard", workspace, actor)
            return stats, item, slow_after

        (stats, item, slow_after), _ = await self._call(stats_of)
        failures = item.amount - stats.remaining
        if failures >= item.amount:
            retry_after = _retry_after(stats.reset_time)
            REFUSED.labels(name, "guard").inc()
            log.warning("guard refused", workspace=workspace, actor=actor, failures=failures)
            return Refusal(
                f"Too many failed coupon or referral attempts by this caller ({failures} in "
                f"{item.get_expiry()} s); try again in {retry_after} s.",
                {"Retry-After": str(retry_after)},
            )
        if failures >= slow_after:
            SLOWED.labels(name).inc()
            # Slowing costs a guesser time per attempt while an honest caller with a few typos
            # only notices a pause.
            await asyncio.sleep(self.guard_delay_s)
        return None

    async def record_failure(self, workspace: str, actor: str) -> None:
        """Count one failed answer to a guarded path against the actor."""
        await self._call(
            lambda limiter, shared: limiter.hit(
                self.guard_item if shared else self._memory_guard_item, "guard", workspace, actor
            )
        )

    async def _call(
        self, op: Callable[[MovingWindowRateLimiter, bool], Awaitable[_T]]
    ) -> tuple[_T, bool]:
        """``op`` on Redis when it answers (shared: True), else in process memory; with which."""
        if self._redis is not None:
            if time.monotonic() >= self._redis_down_until:
                try:
                    result = await op(self._redis, True)
                except (StorageError, TimeoutError, OSError) as exc:
                    REDIS_ERRORS.inc()
                    self._redis_failed(f"{type(exc).__name__}: {exc}")
                else:
                    if self._redis_down_until:
                        self._redis_down_until = 0.0
                        REDIS_UP.set(1)
                        log.warning("rate limiter: Redis answers again; limits are shared")
                    return result, True
            FALLBACK.inc()
        return await op(self._memory, False), False

    def _redis_failed(self, reason: str) -> None:
        if not self._redis_down_until:
            log.warning(
                "rate limiter: Redis is unreachable; limiting in process memory for now",
                reason=reason,
                retry_in_s=self._redis_retry_s,
            )
        REDIS_UP.set(0)
        self._redis_down_until = time.monotonic() + self._redis_retry_s
