"""metrics-svc's best publishing times, as content-svc asks for them: the one place that calls
metrics-svc (``GET /v1/insights/best-times``), through one ``servicekit.peers.Peer`` opened with
the app and closed at its shutdown (``with_insights``, the app's state extension), so every
request finds ``insights`` on its state next to servicekit's entries (``ContentState``).

content-svc asks with its own rights (``metrics:read``, the caller's workspace), not the
caller's scopes: learned times belong to a channel the caller may already read. So an answer is
cached per workspace, channel and time zone: five minutes for an answer, thirty seconds for a
failure, so a metrics-svc that is down or slow costs one timeout per channel every thirty
seconds rather than one per request.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from typing import Annotated, cast

from fastapi import Depends, Request
from pydantic import BaseModel, Field

from servicekit.context import ContextDep, RequestContext
from servicekit.peers import Peer, PeerCache, Unavailable
from servicekit.state import ServiceState, service_state

BEST_TIMES_PATH = "/v1/insights/best-times"
ANSWER_TTL_S = 300.0
FAILURE_TTL_S = 30.0
# What metrics-svc's best-times route asks for: the one scope this call carries.
METRICS_READ = "metrics:read"


@dataclass(frozen=True, slots=True)
class LearnedSlot:
    """An hour of the week (in the time zone asked for) and how well it did."""

    weekday: int
    hour: int
    exposures: int
    engagements: int
    engagement_rate: float


@dataclass(frozen=True, slots=True)
class MetricsAnswer:
    """metrics-svc's best slots, best first (none: too little history yet), or, when it could
    not answer, why (``unavailable``)."""

    slots: tuple[LearnedSlot, ...] = ()
    unavailable: str | None = None


class _Slot(BaseModel):
    # metrics-svc's TimeSlot, as its README documents it; only what content uses is read.
    weekday: int = Field(ge=1, le=7)
    hour: int = Field(ge=0, le=23)
    exposures: int = Field(ge=0)
    engagements: int = Field(ge=0)
    engagement_rate: float = Field(ge=0)


class _BestTimes(BaseModel):
    slots: list[_Slot]


CacheKey = tuple[str, uuid.UUID, str]


class MetricsInsights:
    """The client of metrics-svc's insights, with its cache; one per app."""

    def __init__(self, metrics: Peer) -> None:
        self._metrics = metrics
        self._cache: PeerCache[CacheKey, tuple[LearnedSlot, ...]] = PeerCache(
            answer_ttl_s=ANSWER_TTL_S, failure_ttl_s=FAILURE_TTL_S
        )

    async def best_times(
        self, ctx: RequestContext, channel_id: uuid.UUID, tz: str
    ) -> MetricsAnswer:
        """The best slots of ``channel_id`` in ``tz`` as metrics-svc learned them; never
        raises: a failure is an answer with ``unavailable`` set."""
        outcome = await self._cache.get_or_ask(
            (ctx.workspace_id, channel_id, tz),
            lambda: self._metrics.get(
                BEST_TIMES_PATH,
                ctx,
                scopes=[METRICS_READ],
                params={"channel_id": str(channel_id), "tz": tz},
                expected="best publishing times",
                read=_learned_slots,
            ),
        )
        if isinstance(outcome, Unavailable):
            return MetricsAnswer(unavailable=outcome.reason)
        return MetricsAnswer(slots=outcome.value)


def _learned_slots(body: object) -> tuple[LearnedSlot, ...]:
    """metrics-svc's best slots, best first; raises pydantic's ``ValidationError`` on another
    shape."""
    return tuple(
        LearnedSlot(s.weekday, s.hour, s.exposures, s.engagements, s.engagement_rate)
        for s in _BestTimes.model_validate(body).slots
    )


class ContentState(ServiceState):
    """The lifespan state of content-svc: servicekit's, and the metrics-svc insights client."""

    insights: MetricsInsights


@asynccontextmanager
async def with_insights(kit: ServiceState) -> AsyncIterator[ContentState]:
    """content-svc's state extension (``create_service_app(extend_state=…)``): the metrics-svc
    client, opened as the app starts and closed as it stops."""
    settings = kit["settings"]
    async with Peer(
        "metrics-svc",
        settings.metrics_url,
        internal_token=settings.internal_token.get_secret_value(),
        timeout_s=settings.metrics_timeout_s,
    ) as metrics:
        yield {**kit, "insights": MetricsInsights(metrics)}


# What the rules (channels/best_times.py) ask: the learned slots of a channel in a time zone.
BestTimesLookup = Callable[[uuid.UUID, str], Awaitable[MetricsAnswer]]


async def best_times_lookup(request: Request, ctx: ContextDep) -> BestTimesLookup:
    """metrics-svc's best times, asked in the caller's workspace with content-svc's rights."""
    state = cast(ContentState, service_state(request.scope))
    return partial(state["insights"].best_times, ctx)


BestTimesLookupDep = Annotated[BestTimesLookup, Depends(best_times_lookup)]
