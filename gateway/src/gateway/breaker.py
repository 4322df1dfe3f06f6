"""A per-upstream circuit breaker: when most recent calls failed, answer 503 at once.

Hand-written on purpose. The maintained libraries (pybreaker, circuitbreaker) wrap a call and
judge it by whether it raises, which fits neither a streamed proxy (success is "the upstream
answered with headers", long before the call returns) nor a gateway that must leave some
outcomes unjudged (a client that went away, a pooled connection lost to a race); the async ones
(aiobreaker, purgatory) are either unmaintained or bring a storage layer. The whole state
machine is a few counters and a deadline, and the gateway runs on one event loop, so no locking
is needed.

closed → (in the last ``window_s``: at least ``min_calls`` judged calls, and ``failure_ratio``
of them failed) → open → (``open_s`` elapsed) → half-open: one trial request goes through;
success closes the circuit, failure opens it again.

What counts as a failure is the caller's decision (see ``proxy``): only evidence that the
upstream is unhealthy — refused connections, connect and read timeouts, a connection dropped
before any answer on a fresh connection. A ratio over a minimum number of calls means a few
unlucky requests in a burst never take an upstream away from every workspace.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

# The window is counted in this many slices, so old outcomes leave it a slice at a time
# instead of being kept one by one.
_SLICES = 10


class CircuitBreaker:
    def __init__(
        self,
        *,
        failure_ratio: float,
        min_calls: int,
        window_s: float,
        open_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.failure_ratio = failure_ratio
        self.min_calls = min_calls
        self.window_s = window_s
        self.open_s = open_s
        self._clock = clock
        self._slice_s = window_s / _SLICES
        # (slice number, calls, failures), oldest first; totals kept alongside.
        self._slices: deque[list[int]] = deque()
        self._calls = 0
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_in_flight = False

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at < self.open_s:
            return "open"
        return "half-open"

    def retry_after_s(self) -> float:
        """Seconds until the next trial request may go through (0 when it may now)."""
        if self._opened_at is None:
            return 0.0
        return max(0.0, self.open_s - (self._clock() - self._opened_at))

    def allow(self) -> bool:
        """Whether a request may go to the upstream now (claims the trial slot when half-open)."""
        if self._opened_at is None:
            return True
        if self.state == "open" or self._trial_in_flight:
            return False
        self._trial_in_flight = True
        return True

    def record_success(self) -> None:
        if self._opened_at is not None:
            # The trial (or a call admitted before the circuit opened) was answered: the
            # upstream is back, and what it did before the outage no longer says anything.
            self._close()
            return
        self._count(failed=False)

    def record_failure(self) -> None:
        self._trial_in_flight = False
        if self._opened_at is not None:
            self._opened_at = self._clock()
            return
        self._count(failed=True)
        if self._calls >= self.min_calls and self._failures >= self.failure_ratio * self._calls:
            self._opened_at = self._clock()

    def release(self) -> None:
        """The request ended in a way that says nothing about the upstream (e.g. 413, a client
        that went away, a pooled connection lost to a race): free the trial slot, count nothing."""
        self._trial_in_flight = False

    def _close(self) -> None:
        self._opened_at = None
        self._trial_in_flight = False
        self._slices.clear()
        self._calls = self._failures = 0

    def _count(self, *, failed: bool) -> None:
        now_slice = math.floor(self._clock() / self._slice_s)
        slices = self._slices
        while slices and slices[0][0] <= now_slice - _SLICES:
            _, calls, failures = slices.popleft()
            self._calls -= calls
            self._failures -= failures
        if not slices or slices[-1][0] != now_slice:
            slices.append([now_slice, 0, 0])
        current = slices[-1]
        current[1] += 1
        self._calls += 1
        if failed:
            current[2] += 1
            self._failures += 1
