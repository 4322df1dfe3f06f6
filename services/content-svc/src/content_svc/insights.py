"""metrics-svc's best publishing times, as content-svc asks for them: the one place that calls
metrics-svc (``GET /v1/insights/best-times``), with one pooled client and a short cache.

The client lives as long as the app: ``lifespan_router`` opens the ``MetricsInsights`` at
startup and closes it at shutdown. FastAPI runs an included router's lifespan inside the app's
and merges the state each yields, so every request finds ``insights`` on its state next to
servicekit's entries (``ContentState``). (servicekit's ``StateExtension`` adds entries but has no
shutdown step, which a pooled HTTP client needs.)

What metrics-svc answers is cached per workspace, channel, time zone and the caller's scopes
(the call carries the caller's scopes, and metrics-svc may refuse some): five minutes for an
answer, thirty seconds for a failure, so a metrics-svc that is down or slow costs one timeout
per channel every thirty seconds rather than one per request. The cache is a small dict with
expiry times rather than a library: its one rule (two lifetimes by outcome, a size bound) is
shorter written out than configured.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any, cast

import httpx
import structlog
from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, ValidationError

from servicekit.context import ContextDep, RequestContext
from servicekit.http import context_headers, service_client
from servicekit.settings import ServiceSettings
from servicekit.state import ServiceState

log = structlog.get_logger("content_svc.insights")

BEST_TIMES_PATH = "/v1/insights/best-times"
ANSWER_TTL_S = 300.0
FAILURE_TTL_S = 30.0
MAX_ENTRIES = 10_000


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


CacheKey = tuple[str, uuid.UUID, str, frozenset[str]]


class MetricsInsights:
    """The client of metrics-svc's insights, with its cache; one per app."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._client: httpx.AsyncClient | None = None
        self._cache: dict[CacheKey, tuple[float, MetricsAnswer]] = {}

    def _client_for(self, settings: ServiceSettings) -> httpx.AsyncClient:
        # Made on first use: the settings reach the app's requests, not its routers' lifespans.
        if self._client is None:
            self._client = service_client(
                settings.metrics_url, timeout_s=settings.metrics_timeout_s
            )
        return self._client

    async def best_times(
        self, settings: ServiceSettings, ctx: RequestContext, channel_id: uuid.UUID, tz: str
    ) -> MetricsAnswer:
        """The best slots of ``channel_id`` in ``tz`` as metrics-svc learned them; never
        raises: a failure is an answer with ``unavailable`` set."""
        key = (ctx.workspace_id, channel_id, tz, ctx.scopes)
        now = self._clock()
        cached = self._cache.get(key)
        if cached is not None and cached[0] > now:
            return cached[1]
        answer = await self._ask(settings, ctx, channel_id, tz)
        if len(self._cache) >= MAX_ENTRIES:
            self._cache = {k: v for k, v in self._cache.items() if v[0] > now}
            if len(self._cache) >= MAX_ENTRIES:
                self._cache.clear()
        ttl = FAILURE_TTL_S if answer.unavailable is not None else ANSWER_TTL_S
        self._cache[key] = (now + ttl, answer)
        return answer

    async def _ask(
        self, settings: ServiceSettings, ctx: RequestContext, channel_id: uuid.UUID, tz: str
    ) -> MetricsAnswer:
        client = self._client_for(settings)
        headers = context_headers(ctx, settings.internal_token.get_secret_value())
        params = {"channel_id": str(channel_id), "tz": tz}
        try:
            r = await client.get(BEST_TIMES_PATH, params=params, headers=headers)
        except httpx.TimeoutException:
            return self._failed(
                f"metrics-svc did not answer within {settings.metrics_timeout_s:g} s", channel_id
            )
        except httpx.TransportError as exc:
            return self._failed(
                f"metrics-svc is unreachable at {settings.metrics_url} ({type(exc).__name__})",
                channel_id,
            )
        if r.status_code == 403:
            return self._failed(
                "metrics-svc refused the caller (reading learned times needs metrics:read)",
                channel_id,
            )
        if r.status_code != 200:
            return self._failed(f"metrics-svc answered {r.status_code}", channel_id)
        try:
            body = _BestTimes.model_validate_json(r.content)
        except ValidationError:
            return self._failed(
                "metrics-svc answered with a body content-svc cannot read", channel_id
            )
        return MetricsAnswer(
            slots=tuple(
                LearnedSlot(s.weekday, s.hour, s.exposures, s.engagements, s.engagement_rate)
                for s in body.slots
            )
        )

    @staticmethod
    def _failed(reason: str, channel_id: uuid.UUID) -> MetricsAnswer:
        log.warning("best times unavailable", channel_id=str(channel_id), reason=reason)
        return MetricsAnswer(unavailable=reason)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


class ContentState(ServiceState):
    """The lifespan state of content-svc: servicekit's, and the metrics-svc insights client."""

    insights: MetricsInsights


@asynccontextmanager
async def insights_lifespan(_: Any) -> AsyncIterator[dict[str, MetricsInsights]]:
    insights = MetricsInsights()
    try:
        yield {"insights": insights}
    finally:
        await insights.aclose()


# No routes: included by api.py for its lifespan only.
lifespan_router = APIRouter(lifespan=insights_lifespan)

# What the rules (channels/best_times.py) ask: the learned slots of a channel in a time zone.
BestTimesLookup = Callable[[uuid.UUID, str], Awaitable[MetricsAnswer]]


def best_times_lookup(request: Request, ctx: ContextDep) -> BestTimesLookup:
    """metrics-svc's best times, asked with the caller's context (workspace, scopes)."""
    state = cast(ContentState, request.scope["state"])
    return partial(state["insights"].best_times, state["settings"], ctx)


BestTimesLookupDep = Annotated[BestTimesLookup, Depends(best_times_lookup)]
