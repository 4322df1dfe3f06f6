"""A per-upstream circuit breaker: after N failed calls in a row, answer 503 at once.

Hand-written on purpose. The maintained libraries (pybreaker, circuitbreaker) wrap a call and
judge it by whether it raises, which fits neither a streamed proxy (success is "the upstream
answered with headers", long before the call returns) nor a 503 we want to render ourselves;
the async ones (aiobreaker, purgatory) are either unmaintained or bring a storage layer. The
whole state machine is a counter and a deadline, and the gateway runs on one event loop, so no
locking is needed.

closed → (threshold failures in a row) → open → (``open_s`` elapsed) → half-open: one trial
request goes through; success closes the circuit, failure opens it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class CircuitBreaker:
    def __init__(
        self,
        failure_threshold: int,
        open_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.failure_threshold = failure_threshold
        self.open_s = open_s
        self._clock = clock
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
        state = self.state
        if state == "closed":
            return True
        if state == "open" or self._trial_in_flight:
            return False
        self._trial_in_flight = True
        return True

    def record_success(self) -> None:
        self._failures = 0
        self._opened_at = None
        self._trial_in_flight = False

    def record_failure(self) -> None:
        self._trial_in_flight = False
        self._failures += 1
        if self._opened_at is not None or self._failures >= self.failure_threshold:
            self._opened_at = self._clock()

    def release(self) -> None:
        """The request ended in a way that says nothing about the upstream (e.g. 413, a client
        that went away): free the trial slot without changing the state."""
        self._trial_in_flight = False
