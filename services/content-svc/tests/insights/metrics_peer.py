"""content-svc's network peer for learned best times: a real HTTP server on a free 127.0.0.1
port answering metrics-svc's documented ``GET /v1/insights/best-times`` shape (metrics-svc
README, "Best publishing times"). content-svc's tests may not import metrics-svc, so the peer
speaks its contract, and records every call so a test can check what content-svc asked.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from servicekit.testing.servers import Served, serving


@dataclass
class Asked:
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class MetricsPeer:
    """Answers each channel's ``slots`` (metrics' TimeSlot dicts, best first; none: too little
    history); ``status`` other than 200 answers that instead; ``delay_s`` delays each answer.
    Like metrics-svc, it refuses (403) a call whose ``X-Scopes`` lacks ``metrics:read``."""

    url: str = ""
    slots: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    status: int = 200
    delay_s: float = 0.0
    asked: list[Asked] = field(default_factory=list)
    served: Served | None = None

    async def best_times(self, request: Request) -> Response:
        params = dict(request.query_params)
        self.asked.append(Asked(params, dict(request.headers)))
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        if "metrics:read" not in request.headers.get("x-scopes", "").split():
            return JSONResponse(
                {"status": 403, "title": "Forbidden", "detail": "Missing scope metrics:read."},
                status_code=403,
            )
        if self.status != 200:
            return PlainTextResponse("metrics-svc is unhappy", status_code=self.status)
        return JSONResponse(
            {
                "channel_id": params["channel_id"],
                "tz": params.get("tz", "UTC"),
                "days": 90,
                "slots": self.slots.get(params["channel_id"], []),
            }
        )

    def stop(self) -> None:
        """metrics-svc goes down: nothing listens on its port any more."""
        if self.served is not None:
            self.served.stop()
            self.served = None


def slot(weekday: int, hour: int, exposures: int = 400, engagements: int = 60) -> dict[str, Any]:
    """One of metrics' TimeSlots."""
    return {
        "weekday": weekday,
        "hour": hour,
        "exposures": exposures,
        "engagements": engagements,
        "engagement_rate": engagements / exposures,
    }


@contextmanager
def running_metrics_peer() -> Iterator[MetricsPeer]:
    peer = MetricsPeer()
    with serving(Starlette(routes=[Route("/v1/insights/best-times", peer.best_times)])) as served:
        peer.served, peer.url = served, served.url
        yield peer
