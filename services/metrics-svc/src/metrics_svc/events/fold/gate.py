"""When the background fold may run: the ingest requests in flight, and the gate that gives an
ingest burst the cores before the fold."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(slots=True)
class IngestActivity:
    """This process's ingest requests in flight, and when the last one ended (kept in the
    app's lifespan state, ``MetricsState``).

    The background fold gives an ingest burst the cores first: a fold chunk costs about
    twice what acknowledging its events did, and on a small machine running it beside the
    burst slows every acknowledgement. Reads fold what is pending themselves, so a deferred
    fold never changes an answer, only how much a read during a burst folds first."""

    in_flight: int = 0
    last_end: float = 0.0  # time.monotonic()

    @contextmanager
    def track(self) -> Iterator[None]:
        self.in_flight += 1
        try:
            yield
        finally:
            self.in_flight -= 1
            self.last_end = time.monotonic()

    def quiet_for(self, now: float) -> float:
        """Seconds since the last ingest request ended; 0 while one is in flight."""
        return 0.0 if self.in_flight else now - self.last_end


@dataclass(slots=True)
class FoldGate:
    """When the background folder may fold: once ingestion has been quiet for ``idle_s``, or
    once events have been pending for ``max_lag_s``; from then on it folds beside the ingest
    until nothing is pending (a sustained stream is folded as it comes, as fast as the fold
    goes, and a read after a burst folds at most the burst's first ``max_lag_s`` plus what the
    fold has not caught up with)."""

    activity: IngestActivity
    idle_s: float
    max_lag_s: float
    waiting_since: float | None = None

    def may_fold(self, now: float) -> bool:
        """Asked when events are pending: waiting starts at the first ask."""
        if self.waiting_since is None:
            self.waiting_since = now
        if self.activity.quiet_for(now) >= self.idle_s:
            return True
        return now - self.waiting_since >= self.max_lag_s

    def caught_up(self) -> None:
        """Nothing is pending."""
        self.waiting_since = None
