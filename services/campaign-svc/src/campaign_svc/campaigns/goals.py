"""Live goals: each campaign goal's actual, progress and status, read from metrics-svc
(``GET /v1/metrics/{metric}/progress`` over the campaign's window, filtered by the campaign).

The numbers are a view, never stored: a read asks metrics-svc (every goal of the answer at
once, together within ``metrics_timeout_s``) and keeps the answer ~30 s per goal. When
metrics-svc is down, slow or refuses, the goal still answers, ``unavailable`` with the reason;
that is kept a few seconds only, so a recovered metrics-svc shows again at once.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx
from cachetools import TTLCache
from pydantic import BaseModel, ValidationError

from campaign_svc.campaigns.models import Campaign
from campaign_svc.campaigns.schemas import GoalRead, LiveGoal
from campaign_svc.campaigns.vocabulary import GoalStatus
from servicekit.context import RequestContext
from servicekit.http import context_headers, service_client

ANSWER_TTL_S = 30.0
FAILURE_TTL_S = 5.0
CACHE_SIZE = 10_000
# metrics-svc's scope for reading numbers: a cached answer is shared only among callers who
# could have asked for it themselves.
METRICS_READ = "metrics:read"

_GoalKey = tuple[str, bool, uuid.UUID, datetime, datetime, str, float]


class _Progress(BaseModel):
    """The part of metrics-svc's progress answer a goal shows."""

    actual: float
    progress: float | None
    status: GoalStatus


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def unavailable(reason: str) -> LiveGoal:
    return LiveGoal(actual=None, progress=None, status=GoalStatus.UNAVAILABLE, reason=reason)


def _refusal(answer: httpx.Response) -> str:
    detail = ""
    try:
        body: Any = answer.json()
        if isinstance(body, dict) and isinstance(body.get("detail"), str):
            detail = ": " + body["detail"][:200]
    except ValueError:
        pass
    return f"metrics-svc refused ({answer.status_code}){detail}"


class LiveGoals:
    """metrics-svc's progress of campaign goals, for the app's whole life (one pooled client,
    one cache)."""

    def __init__(self, metrics_url: str, *, timeout_s: float, internal_token: str) -> None:
        self._client = service_client(metrics_url, timeout_s=timeout_s)
        self._timeout_s = timeout_s
        self._internal_token = internal_token
        self._answers: TTLCache[_GoalKey, LiveGoal] = TTLCache(CACHE_SIZE, ANSWER_TTL_S)
        self._failures: TTLCache[_GoalKey, LiveGoal] = TTLCache(CACHE_SIZE, FAILURE_TTL_S)

    async def of_campaigns(
        self, ctx: RequestContext, campaigns: Sequence[Campaign]
    ) -> list[list[GoalRead]]:
        """Each campaign's goals with their live progress, asked all at once."""
        asks = [(campaign, goal) for campaign in campaigns for goal in campaign.goals or []]
        lives = iter(await asyncio.gather(*(self._live(ctx, c, g) for c, g in asks)))
        return [
            [
                GoalRead(metric=goal["metric"], target=goal["target"], live=next(lives))
                for goal in campaign.goals or []
            ]
            for campaign in campaigns
        ]

    async def _live(
        self, ctx: RequestContext, campaign: Campaign, goal: dict[str, Any]
    ) -> LiveGoal:
        metric, target = str(goal["metric"]), float(goal["target"])
        key: _GoalKey = (
            ctx.workspace_id,
            ctx.has_scope(METRICS_READ),
            campaign.id,
            campaign.starts_at,
            campaign.ends_at,
            metric,
            target,
        )
        cached = self._answers.get(key) or self._failures.get(key)
        if cached is not None:
            return cached
        live = await self._ask(ctx, campaign, metric, target)
        if live.status == GoalStatus.UNAVAILABLE:
            self._failures[key] = live
        else:
            self._answers[key] = live
        return live

    async def _ask(
        self, ctx: RequestContext, campaign: Campaign, metric: str, target: float
    ) -> LiveGoal:
        params = {
            "from": _rfc3339(campaign.starts_at),
            "to": _rfc3339(campaign.ends_at),
            "target": repr(target),
            "tz": "UTC",
            "campaign_id": str(campaign.id),
        }
        try:
            # The client's timeouts bound each phase; this bounds the whole ask (a queue for a
            # pooled connection included), so a read never waits longer than metrics_timeout_s.
            async with asyncio.timeout(self._timeout_s):
                answer = await self._client.get(
                    f"/v1/metrics/{quote(metric, safe='')}/progress",
                    params=params,
                    headers=context_headers(ctx, self._internal_token),
                )
        except (TimeoutError, httpx.TimeoutException):
            return unavailable(f"metrics-svc did not answer within {self._timeout_s:g} s")
        except httpx.HTTPError as exc:
            return unavailable(f"metrics-svc is unreachable ({type(exc).__name__})")
        if answer.status_code != 200:
            return unavailable(_refusal(answer))
        try:
            progress = _Progress.model_validate_json(answer.content)
        except ValidationError:
            return unavailable("metrics-svc answered something other than a goal's progress")
        if progress.status == GoalStatus.UNAVAILABLE:
            return unavailable("metrics-svc answered an unknown status")
        return LiveGoal(actual=progress.actual, progress=progress.progress, status=progress.status)

    async def aclose(self) -> None:
        await self._client.aclose()
