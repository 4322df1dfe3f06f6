"""Live goals: each campaign goal's actual, progress and status, read from metrics-svc
(``GET /v1/metrics/{metric}/progress`` over the campaign's window, filtered by the campaign).

The numbers are a view, never stored: a read asks metrics-svc (every goal of the answer at
once, together within ``metrics_timeout_s``) through a ``servicekit.peers.Peer``, with
campaign-svc's own rights (``metrics:read``, the caller's workspace): a goal's progress is part
of the campaign its caller reads. The answer is kept ``goal_progress_cache_s`` per goal. When
metrics-svc is down, slow or refuses, the goal still answers, ``unavailable`` with the reason;
that is kept ``goal_unavailable_cache_s`` only, so a recovered metrics-svc shows again soon.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from pydantic import BaseModel

from campaign_svc.campaigns.models import Campaign
from campaign_svc.campaigns.schemas import GoalRead, LiveGoal
from campaign_svc.campaigns.vocabulary import LiveStatus
from servicekit.context import RequestContext
from servicekit.peers import Outcome, Peer, PeerCache, Unavailable

# What metrics-svc's progress route asks for: the one scope the call carries.
METRICS_READ = "metrics:read"

_GoalKey = tuple[str, uuid.UUID, datetime, datetime, str, float]


class _Progress(BaseModel):
    """The part of metrics-svc's progress answer a goal shows."""

    # null from metrics-svc for a ratio with nothing to divide by yet, or before the window
    # opens: an empty goal, not an outage.
    actual: float | None
    progress: float | None
    status: LiveStatus


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _unavailable(reason: str) -> LiveGoal:
    return LiveGoal(actual=None, progress=None, status=LiveStatus.UNAVAILABLE, reason=reason)


class LiveGoals:
    """metrics-svc's progress of campaign goals, for the app's whole life (one pooled client,
    one cache)."""

    def __init__(self, metrics: Peer, *, cache_s: float, unavailable_cache_s: float) -> None:
        self._metrics = metrics
        self._cache: PeerCache[_GoalKey, _Progress] = PeerCache(
            answer_ttl_s=cache_s, failure_ttl_s=unavailable_cache_s
        )

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
            campaign.id,
            campaign.starts_at,
            campaign.ends_at,
            metric,
            target,
        )
        outcome = await self._cache.get_or_ask(
            key, lambda: self._ask(ctx, campaign, metric, target)
        )
        if isinstance(outcome, Unavailable):
            return _unavailable(outcome.reason)
        progress = outcome.value
        return LiveGoal(actual=progress.actual, progress=progress.progress, status=progress.status)

    async def _ask(
        self, ctx: RequestContext, campaign: Campaign, metric: str, target: float
    ) -> Outcome[_Progress]:
        params = {
            "from": _rfc3339(campaign.starts_at),
            "to": _rfc3339(campaign.ends_at),
            "target": repr(target),
            "tz": "UTC",
            "campaign_id": str(campaign.id),
        }
        return await self._metrics.get(
            f"/v1/metrics/{quote(metric, safe='')}/progress",
            ctx,
            scopes=[METRICS_READ],
            params=params,
            expected="a goal's progress",
            read=_read_progress,
        )


def _read_progress(body: Any) -> _Progress:
    """metrics-svc's progress as a goal shows it; raises ``ValueError`` on another shape or a
    status metrics-svc does not answer (``unavailable`` is campaign-svc's own)."""
    progress = _Progress.model_validate(body)
    if progress.status == LiveStatus.UNAVAILABLE:
        raise ValueError(f"status {progress.status}")
    return progress
