"""Live goals: a group goal's actual value, progress and status, read from metrics-svc
``GET /v1/metrics/{metric}/progress`` over the group's life so far (from the hour of the group's
creation to the end of the goal's due date in the group's time zone, events of this group only).

The call goes through a ``servicekit.peers.Peer`` (one pooled client for the app's life), with
community-svc's own rights: the caller's workspace and ``metrics:read``, not the caller's
scopes. A goal always answers: when metrics-svc is down, slower than ``metrics_timeout_s`` or
refuses, its ``live`` is ``unavailable`` with the reason. Answers are cached per goal and window
for ``goal_progress_cache_s`` (``goal_unavailable_cache_s`` for an unavailable one, so a
recovered metrics-svc shows again soon).
"""

import asyncio
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from community_svc.groups.models import Group, GroupGoal
from community_svc.groups.schemas import GoalFields, GoalRead, LiveGoal
from community_svc.groups.vocabulary import LiveStatus
from servicekit.context import RequestContext
from servicekit.peers import Outcome, Peer, PeerCache, Unavailable

# What metrics-svc's progress route asks for: the one scope the call carries. A goal's
# progress is part of the group a caller may read, so reading the group is enough to see it.
METRICS_READ = "metrics:read"
_KNOWN = frozenset(s for s in LiveStatus if s != LiveStatus.UNAVAILABLE)

# (workspace, goal, metric, from, to, target): a changed goal or group time zone is a new key.
_GoalKey = tuple[str, uuid.UUID, str, str, str, str]


def window(group: Group, goal: GroupGoal) -> tuple[datetime, datetime]:
    """From the start of the hour the group was created in (metrics-svc counts whole hours, and
    one that starts before `from` is left out: a join in the group's first hour would never
    count) to the end of the goal's due date in the group's time zone."""
    end_day = datetime.combine(goal.due_date + timedelta(days=1), time(0), ZoneInfo(group.timezone))
    start = group.created_at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    return start, end_day.astimezone(UTC)


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


class LiveGoals:
    """metrics-svc's progress of group goals, for the app's whole life (one pooled client,
    one cache)."""

    def __init__(self, metrics: Peer, *, cache_s: float, unavailable_cache_s: float) -> None:
        self._metrics = metrics
        self._cache: PeerCache[_GoalKey, LiveGoal] = PeerCache(
            answer_ttl_s=cache_s, failure_ttl_s=unavailable_cache_s
        )

    async def of_group(
        self, ctx: RequestContext, group: Group, goals: Sequence[GroupGoal]
    ) -> list[GoalRead]:
        """The group's goals with their live progress; the goals not cached are asked for at
        once, and the whole takes at most ``metrics_timeout_s``."""
        lives = await asyncio.gather(*(self._live(ctx, group, goal) for goal in goals))
        return [
            GoalRead(**GoalFields.model_validate(goal).model_dump(), live=live)
            for goal, live in zip(goals, lives, strict=True)
        ]

    async def _live(self, ctx: RequestContext, group: Group, goal: GroupGoal) -> LiveGoal:
        outcome = await self._cache.get_or_ask(
            self._key(group, goal, ctx), partial(self._ask, ctx, group, goal)
        )
        if isinstance(outcome, Unavailable):
            return _unavailable(outcome.reason)
        return outcome.value

    def _key(self, group: Group, goal: GroupGoal, ctx: RequestContext) -> _GoalKey:
        start, end = window(group, goal)
        return (
            ctx.workspace_id,
            goal.id,
            goal.metric,
            start.isoformat(),
            end.isoformat(),
            _number(goal.target),
        )

    async def _ask(self, ctx: RequestContext, group: Group, goal: GroupGoal) -> Outcome[LiveGoal]:
        start, end = window(group, goal)
        params = {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "target": _number(goal.target),
            "tz": "UTC",
            "group_id": str(group.id),
        }
        return await self._metrics.get(
            f"/v1/metrics/{quote(goal.metric, safe='')}/progress",
            ctx,
            scopes=[METRICS_READ],
            params=params,
            expected="a goal's progress",
            read=_read_progress,
        )


def _unavailable(reason: str) -> LiveGoal:
    return LiveGoal(actual=None, progress=None, status=LiveStatus.UNAVAILABLE, reason=reason)


def _read_progress(body: Any) -> LiveGoal:
    """metrics-svc's progress as a goal shows it; raises ``ValueError``, ``LookupError`` or
    ``TypeError`` on another shape or an unknown status."""
    if not isinstance(body, dict):
        raise TypeError("not a JSON object")
    status = body["status"]
    if status not in _KNOWN:
        raise ValueError(status)
    # metrics-svc answers null for a ratio with nothing to divide by yet, or before the
    # window opens: an empty goal, not an outage.
    actual, progress = body["actual"], body["progress"]
    return LiveGoal(
        actual=None if actual is None else float(actual),
        progress=None if progress is None else float(progress),
        status=LiveStatus(status),
    )
