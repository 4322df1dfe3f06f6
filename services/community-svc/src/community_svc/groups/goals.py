"""Live goals: a group goal's actual value, progress and status, read from metrics-svc
``GET /v1/metrics/{metric}/progress`` over the group's life so far (from the hour of the group's
creation to the end of the goal's due date in the group's time zone, events of this group only).

A goal always answers: when metrics-svc is down, slower than ``metrics_timeout_s`` or refuses,
its ``live`` is ``unavailable`` with the reason. Answers are cached per goal and window for
``goal_progress_cache_s`` (``goal_unavailable_cache_s`` for an unavailable one, so a recovered
metrics-svc shows again soon).
"""

import asyncio
import dataclasses
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import httpx
import structlog
from cachetools import TTLCache

from community_svc.config import Settings
from community_svc.groups.models import Group, GroupGoal
from community_svc.groups.schemas import GoalLive
from community_svc.groups.vocabulary import LiveStatus
from servicekit.context import RequestContext
from servicekit.http import context_headers, service_client

log = structlog.get_logger("community_svc.goals")

# What metrics-svc's progress route asks for. A goal's progress is part of the group a caller
# may read, so reading the group is enough to see it.
METRICS_READ = "metrics:read"
_KNOWN = frozenset(s for s in LiveStatus if s != LiveStatus.UNAVAILABLE)

# (workspace, goal, metric, from, to, target): a changed goal or group time zone is a new key.
_Key = tuple[str, uuid.UUID, str, str, str, str]


def window(group: Group, goal: GroupGoal) -> tuple[datetime, datetime]:
    """From the start of the hour the group was created in (metrics-svc counts whole hours, and
    one that starts before `from` is left out: a join in the group's first hour would never
    count) to the end of the goal's due date in the group's time zone."""
    end_day = datetime.combine(goal.due_date + timedelta(days=1), time(0), ZoneInfo(group.timezone))
    start = group.created_at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    return start, end_day.astimezone(UTC)


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


class GoalProgress:
    """Reads goals' live progress from metrics-svc, with a short cache."""

    def __init__(self, settings: Settings) -> None:
        self._url = settings.metrics_url
        self._timeout_s = settings.metrics_timeout_s
        self._token = settings.internal_token.get_secret_value()
        self._answered: TTLCache[_Key, GoalLive] = TTLCache(
            maxsize=10_000, ttl=settings.goal_progress_cache_s
        )
        self._unavailable: TTLCache[_Key, GoalLive] = TTLCache(
            maxsize=10_000, ttl=settings.goal_unavailable_cache_s
        )

    async def live(
        self, group: Group, goals: Sequence[GroupGoal], ctx: RequestContext
    ) -> dict[uuid.UUID, GoalLive]:
        """Each goal's live standing, by goal id; the goals not cached are asked for at once,
        and the whole takes at most ``metrics_timeout_s``."""
        keys = {goal.id: self._key(group, goal, ctx) for goal in goals}
        found: dict[uuid.UUID, GoalLive] = {}
        missing: list[GroupGoal] = []
        for goal in goals:
            cached = self._answered.get(keys[goal.id]) or self._unavailable.get(keys[goal.id])
            if cached is not None:
                found[goal.id] = cached
            else:
                missing.append(goal)
        if not missing:
            return found
        caller = dataclasses.replace(ctx, scopes=ctx.scopes | {METRICS_READ})
        headers = context_headers(caller, self._token)
        async with service_client(self._url, timeout_s=self._timeout_s) as client:
            answers = await asyncio.gather(
                *(self._ask(client, headers, group, goal) for goal in missing)
            )
        for goal, answer in zip(missing, answers, strict=True):
            cache = self._unavailable if answer.status == LiveStatus.UNAVAILABLE else self._answered
            cache[keys[goal.id]] = answer
            found[goal.id] = answer
        return found

    def _key(self, group: Group, goal: GroupGoal, ctx: RequestContext) -> _Key:
        start, end = window(group, goal)
        return (
            ctx.workspace_id,
            goal.id,
            goal.metric,
            start.isoformat(),
            end.isoformat(),
            _number(goal.target),
        )

    async def _ask(
        self, client: httpx.AsyncClient, headers: dict[str, str], group: Group, goal: GroupGoal
    ) -> GoalLive:
        start, end = window(group, goal)
        params = {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "target": _number(goal.target),
            "tz": "UTC",
            "group_id": str(group.id),
        }
        path = f"/v1/metrics/{quote(goal.metric, safe='')}/progress"
        try:
            # httpx's timeout bounds each phase; this bounds the whole call.
            async with asyncio.timeout(self._timeout_s):
                answer = await client.get(path, params=params, headers=headers)
        except (TimeoutError, httpx.TimeoutException):
            return _unavailable(f"metrics-svc did not answer within {self._timeout_s:g} s")
        except httpx.HTTPError as exc:
            log.warning("goal progress not read", goal_id=str(goal.id), error=repr(exc))
            return _unavailable("metrics-svc is unreachable")
        return _read(goal, answer)


def _unavailable(reason: str) -> GoalLive:
    return GoalLive(actual=None, progress=None, status=LiveStatus.UNAVAILABLE, reason=reason)


def _read(goal: GroupGoal, answer: httpx.Response) -> GoalLive:
    body: Any = None
    try:
        body = answer.json()
    except ValueError:
        pass
    if answer.status_code != 200:
        detail = body.get("detail") if isinstance(body, dict) else None
        if answer.status_code == 404:
            reason = f"metrics-svc does not know the metric {goal.metric!r}"
        else:
            reason = f"metrics-svc answered {answer.status_code}"
        return _unavailable(f"{reason}: {detail}" if detail else reason)
    try:
        status = body["status"]
        if status not in _KNOWN:
            raise ValueError(status)
        return GoalLive(
            actual=float(body["actual"]),
            progress=float(body["progress"]),
            status=LiveStatus(status),
        )
    except (ValueError, KeyError, TypeError):
        return _unavailable("metrics-svc answered in a shape this service does not read")
