"""``GET /v1/dashboard``: one operator view composed from the four services at once.

Five sections, each read from the service that owns it through the gateway's own upstream
machinery (the pass-through's pool of connections, ``hop``, each upstream's timeouts and circuit
breaker, the internal token and the caller's tenancy headers and scopes), all in parallel:

- ``publications`` (content-svc ``/v1/calendar``): today's publications in ``tz`` by status,
  and the failed ones;
- ``tasks`` (community-svc ``/v1/tasks?overdue=true``): overdue SOP tasks by assignee, the
  oldest first;
- ``campaigns`` (campaign-svc ``/v1/campaigns`` and ``…/{id}/stats``): the running campaigns
  with their claims, redemptions, GMV and goals as the service returns them;
- ``targets`` (metrics-svc ``/v1/targets``): the targets at risk or missed;
- ``metrics`` (metrics-svc ``/v1/metrics/{name}``): today against yesterday of key metrics.

A section is ``{"status": "ok", …}`` with its numbers, ``{"status": "forbidden"}`` when the
caller's token lacks the scope its service needs, or ``{"status": "unavailable", "reason": …}``
when its service is down, breaker-open, too slow or answers 5xx; the other sections answer
regardless, and the whole answer comes within ``dashboard_timeout_s``. Lists are followed page
by page only up to a cap, and a section that stopped there says ``truncated: true``.

A bare ASGI endpoint like the proxy: no FastAPI, one rate-limit check (a ``read``) per call.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import structlog
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from gateway.auth import Principal
from gateway.credentials import InvalidToken, KeysUnavailable, authenticate, credentials, refusal
from gateway.hop import ConnectFailed, ConnectTimedOut, Dropped, HopError, HopPool, ReadTimedOut
from gateway.proxy import injected_headers
from gateway.ratelimit import Refusal
from gateway.routes import READ_METHODS, has_scope
from gateway.state import gateway_state
from gateway.upstreams import Upstream, connect_failure_reason
from servicekit.problems import problem_response

log = structlog.get_logger("gateway.dashboard")

PATH = "/v1/dashboard"
QUERY_PARAMETERS = ("tz",)

# How far lists are followed: pages of PAGE_LIMIT, at most MAX_PAGES of them per list.
PAGE_LIMIT = 200
MAX_PAGES = 5
# How many items a section lists in full (the counts cover everything read).
FAILED_SHOWN = 20
OLDEST_TASKS_SHOWN = 5
CAMPAIGNS_SHOWN = 20
TARGETS_SHOWN = 20
# Publication statuses the calendar shows (cancelled ones it leaves out), counted even at 0.
PUBLICATION_STATUSES = ("scheduled", "publishing", "published", "failed")
TARGET_STATUSES = ("at_risk", "missed")
# Names in metrics-svc's catalogue (GET /v1/metrics); today's value is the day so far.
KEY_METRICS = (
    "impressions",
    "views",
    "clicks",
    "ctr",
    "traffic_conversion_rate",
    "purchase_conversion_rate",
    "leads",
    "joins",
    "coupon_claims",
    "gmv",
    "follower_growth",
)


class SectionUnavailable(Exception):
    """The section's service could not give its part; the message says why."""


class SectionForbidden(Exception):
    """The service refused the caller's scopes (403)."""


@dataclass(frozen=True, slots=True)
class Today:
    tz: ZoneInfo
    day: date

    def midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(), self.tz)


@dataclass(slots=True)
class Upstreams:
    """GETs to the services on the caller's behalf, judged by each upstream's breaker."""

    hop: HopPool
    upstreams: Mapping[str, Upstream]
    headers: list[tuple[str, str]]

    async def get(self, name: str, path: str, query: Mapping[str, str | int]) -> Any:
        """The JSON answer of ``GET path?query`` on upstream ``name``; raises SectionUnavailable
        or SectionForbidden instead of returning anything but a 2xx answer."""
        upstream = self.upstreams[name]
        service = upstream.service_name
        if not upstream.breaker.allow():
            raise SectionUnavailable(
                f"{service} has been failing, so the gateway stopped calling it for a moment "
                "(circuit open)"
            )
        target = quote(path) + ("?" + urlencode(query, quote_via=quote) if query else "")
        judged = False
        try:
            status, body = await self._send(upstream, target)
            upstream.breaker.record_success()  # it answered, whatever it said
            judged = True
        except HopError as exc:
            if not (isinstance(exc, Dropped) and exc.reused):
                upstream.breaker.record_failure()
                judged = True
            raise SectionUnavailable(_failure_reason(upstream, exc)) from exc
        finally:
            if not judged:  # cancelled by the deadline, or a pooled connection's race
                upstream.breaker.release()
        if status == 403:
            raise SectionForbidden(f"{service} refused the caller's scopes")
        if status >= 500:
            raise SectionUnavailable(f"{service} answered {status}")
        if status >= 300:
            raise SectionUnavailable(f"{service} answered {status}: {_detail(body)}")
        try:
            return json.loads(body)
        except ValueError as exc:
            raise SectionUnavailable(f"{service} answered something other than JSON") from exc

    async def _send(self, upstream: Upstream, target: str) -> tuple[int, bytes]:
        # A read may go again once, as the proxy resends one: when no connection was made, or
        # the connection dropped before the answer began.
        retried = False
        while True:
            try:
                answer = await self.hop.request(
                    upstream.origin,
                    "GET",
                    target,
                    self.headers,
                    None,
                    connect_timeout_s=upstream.connect_timeout_s,
                    read_timeout_s=upstream.read_timeout_s,
                )
            except (ConnectFailed, Dropped):
                if retried:
                    raise
                retried = True
                continue
            try:
                body = b"".join([chunk async for chunk, _ in answer.chunks()])
            except BaseException:
                answer.close()
                raise
            answer.release()
            return answer.status, body

    async def pages(
        self, name: str, path: str, query: Mapping[str, str | int]
    ) -> tuple[list[dict[str, Any]], bool]:
        """The items of a cursor-paginated list, up to MAX_PAGES pages; and whether more were
        left unread."""
        items: list[dict[str, Any]] = []
        cursor: str | None = None
        for _ in range(MAX_PAGES):
            params = {**query, "limit": PAGE_LIMIT}
            if cursor:
                params["cursor"] = cursor
            page = await self.get(name, path, params)
            items.extend(page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                return items, False
        return items, True


def _failure_reason(upstream: Upstream, exc: HopError) -> str:
    service = upstream.service_name
    if isinstance(exc, ConnectTimedOut):
        return f"{service} did not accept a connection within {upstream.connect_timeout_s:g} s"
    if isinstance(exc, ConnectFailed):
        return f"{service} is unreachable ({connect_failure_reason(exc)})"
    if isinstance(exc, ReadTimedOut):
        return f"{service} did not answer within {upstream.read_timeout_s:g} s"
    if isinstance(exc, Dropped):
        return f"{service} closed the connection without answering"
    return f"{service} sent an answer the gateway could not read"


def _detail(body: bytes) -> str:
    try:
        problem = json.loads(body)
    except ValueError:
        return "no problem details"
    detail = problem.get("detail") if isinstance(problem, dict) else None
    return str(detail) if detail else "no problem details"


def _utc(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --- the sections ------------------------------------------------------------------------


async def publications(calls: Upstreams, today: Today) -> dict[str, Any]:
    start, end = today.midnight(today.day), today.midnight(today.day + timedelta(days=1))
    calendar = await calls.get("content", "/v1/calendar", {"from": _utc(start), "to": _utc(end)})
    items = [item for day in calendar["days"] for item in day["items"]]
    by_status = dict.fromkeys(PUBLICATION_STATUSES, 0)
    by_status.update(Counter(item["status"] for item in items))
    failed = [
        {
            "id": item["publication"]["id"],
            "channel_id": item["channel_id"],
            "channel_name": item["channel_name"],
            "platform": item["platform"],
            "at": item["at"],
            "attempts": item["publication"]["attempts"],
            "last_error": item["publication"]["last_error"],
        }
        for item in items
        if item["status"] == "failed"
    ]
    return {
        "from": _utc(start),
        "to": _utc(end),
        "total": len(items),
        "by_status": by_status,
        "failed": failed[:FAILED_SHOWN],
        "truncated": len(failed) > FAILED_SHOWN,
    }


async def tasks(calls: Upstreams, _: Today) -> dict[str, Any]:
    # The service's own "overdue": pending and due before now on its clock.
    overdue, more = await calls.pages("community", "/v1/tasks", {"overdue": "true"})
    counts = Counter(task["assignee"] for task in overdue)
    return {
        "total": len(overdue),
        "by_assignee": [
            {"assignee": assignee, "count": count}
            for assignee, count in sorted(counts.items(), key=lambda c: (-c[1], c[0] or ""))
        ],
        # The service lists them earliest due first.
        "oldest": [
            {key: task[key] for key in ("id", "title", "action", "group_id", "assignee", "due_at")}
            for task in overdue[:OLDEST_TASKS_SHOWN]
        ],
        "truncated": more,
    }


async def campaigns(calls: Upstreams, _: Today) -> dict[str, Any]:
    # campaign-svc's list filters by kind only; the status it reports is the effective one.
    listed, more = await calls.pages("campaign", "/v1/campaigns", {})
    running = [c for c in listed if c["status"] == "running"]
    shown = running[:CAMPAIGNS_SHOWN]
    stats = await _all([calls.get("campaign", f"/v1/campaigns/{c['id']}/stats", {}) for c in shown])
    return {
        "running": len(running),
        "items": [
            {
                "id": c["id"],
                "name": c["name"],
                "kind": c["kind"],
                "starts_at": c["starts_at"],
                "ends_at": c["ends_at"],
                "currency": c["currency"],
                "claims": s["claimed"],
                "redemptions": s["redeemed"],
                "gmv": s["gmv"],
                "goals": c["goals"],
            }
            for c, s in zip(shown, stats, strict=True)
        ],
        "truncated": more or len(running) > CAMPAIGNS_SHOWN,
    }


async def targets(calls: Upstreams, _: Today) -> dict[str, Any]:
    # One pass over every target rather than one filtered pass per status.
    listed, more = await calls.pages("metrics", "/v1/targets", {})
    flagged = [t for t in listed if t["status"] in TARGET_STATUSES]
    counts = dict.fromkeys(TARGET_STATUSES, 0)
    counts.update(Counter(t["status"] for t in flagged))
    return {
        "checked": len(listed),
        "counts": counts,
        "items": flagged[:TARGETS_SHOWN],
        "truncated": more or len(flagged) > TARGETS_SHOWN,
    }


async def metrics(calls: Upstreams, today: Today) -> dict[str, Any]:
    yesterday = today.day - timedelta(days=1)
    query = {
        "from": yesterday.isoformat(),
        "to": (today.day + timedelta(days=1)).isoformat(),
        "interval": "day",
        "tz": str(today.tz.key),
    }
    answers = await _all([calls.get("metrics", f"/v1/metrics/{m}", query) for m in KEY_METRICS])
    items = []
    for answer in answers:
        points = {
            datetime.fromisoformat(p["start"]).date(): p["value"]
            for p in answer["series"][0]["points"]
        }
        now, before = points.get(today.day), points.get(yesterday)
        change = now - before if now is not None and before is not None else None
        items.append(
            {
                "metric": answer["metric"],
                "unit": answer["unit"],
                "today": now,
                "yesterday": before,
                "change": change,
                "change_ratio": change / before if change is not None and before else None,
            }
        )
    return {"today": today.day.isoformat(), "yesterday": yesterday.isoformat(), "items": items}


async def _all(calls: list[Awaitable[Any]]) -> list[Any]:
    """Every call's answer, run at once; the first failure is raised once all have ended."""
    answers = await asyncio.gather(*calls, return_exceptions=True)
    for answer in answers:
        if isinstance(answer, BaseException):
            raise answer
    return answers


Section = Callable[[Upstreams, Today], Awaitable[dict[str, Any]]]
# name → (what composes it, the scope it needs)
SECTIONS: dict[str, tuple[Section, str]] = {
    "publications": (publications, "content:read"),
    "tasks": (tasks, "community:read"),
    "campaigns": (campaigns, "campaign:read"),
    "targets": (targets, "metrics:read"),
    "metrics": (metrics, "metrics:read"),
}


async def _section(
    name: str,
    calls: Upstreams,
    today: Today,
    principal: Principal,
    deadline: float,
    timeout_s: float,
) -> dict[str, Any]:
    compose, scope_needed = SECTIONS[name]
    if not has_scope(principal.scopes, scope_needed):
        return {"status": "forbidden", "reason": f"needs the `{scope_needed}` scope"}
    try:
        async with asyncio.timeout_at(deadline):
            data = await compose(calls, today)
    except SectionForbidden as exc:
        return {"status": "forbidden", "reason": str(exc)}
    except SectionUnavailable as exc:
        reason = str(exc)
    except TimeoutError:  # the deadline; an upstream's own timeouts are SectionUnavailable
        reason = f"no complete answer within the dashboard's {timeout_s:g} s"
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        reason = "its service answered in a shape the dashboard does not know"
        log.warning("dashboard section unreadable", section=name, error=repr(exc))
    else:
        return {"status": "ok", **data}
    log.warning("dashboard section unavailable", section=name, reason=reason)
    return {"status": "unavailable", "reason": reason}


class DashboardEndpoint:
    """ASGI endpoint mounted at ``/v1/dashboard`` (every method, so that another than GET is
    a 405 here rather than a 404 from the pass-through)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in READ_METHODS:
            detail = f"/v1/dashboard is read with GET, not {scope['method']}."
            headers = {"Allow": "GET, HEAD"}
            await _problem(scope, receive, send, 405, "Method Not Allowed", detail, headers)
            return
        state = gateway_state(scope)
        settings = state["settings"]
        authorization, api_key = credentials(scope["headers"])
        try:
            principal = await authenticate(state, authorization, api_key)
        except (InvalidToken, KeysUnavailable) as exc:
            await refusal(exc, authorization or api_key)(scope, receive, send)
            return
        tz_or_problem = _time_zone(scope["query_string"].decode("latin-1"))
        if isinstance(tz_or_problem, JSONResponse):
            await tz_or_problem(scope, receive, send)
            return
        verdict = await state["rate_limiter"].check(principal, "GET", PATH)
        if isinstance(verdict, Refusal):
            await verdict(scope, receive, send)
            return

        tz = tz_or_problem
        today = Today(tz, datetime.now(tz).date())
        calls = Upstreams(
            state["dashboard_hop"],
            state["upstreams"],
            [
                ("accept", "application/json"),
                *injected_headers(principal, settings.internal_token.get_secret_value()),
            ],
        )
        timeout_s = settings.dashboard_timeout_s
        deadline = asyncio.get_running_loop().time() + timeout_s
        names = list(SECTIONS)
        answers = await asyncio.gather(
            *(_section(name, calls, today, principal, deadline, timeout_s) for name in names)
        )
        body = {
            "tz": tz.key,
            "today": today.day.isoformat(),
            "generated_at": _utc(datetime.now(UTC)),
            **dict(zip(names, answers, strict=True)),
        }
        response = JSONResponse(body, headers={"cache-control": "no-store"})
        await response(scope, receive, verdict.relay(send, state["rate_limiter"]))


def _time_zone(query: str) -> ZoneInfo | JSONResponse:
    """The ``tz`` of the query (UTC by default), or the 422 answer to a query the dashboard
    does not take: an unknown parameter, one given twice, a time zone that is not IANA's."""
    pairs = parse_qsl(query, keep_blank_values=True)
    for name, _ in pairs:
        if name not in QUERY_PARAMETERS:
            return _unprocessable(
                f"unknown query parameter `{name}`; accepted: {', '.join(QUERY_PARAMETERS)}",
                name,
                "unknown query parameter",
                "unknown",
            )
    given = [value for _, value in pairs]
    if len(given) > 1:
        return _unprocessable(
            f"query parameter `tz` was given {len(given)} times; it takes one value",
            "tz",
            "given more than once",
            "repeated",
        )
    name = given[0] if given else "UTC"
    try:
        if len(name) > 64:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return _unprocessable(
            f"tz {name[:64]!r} is not an IANA time zone; use one like Asia/Shanghai or UTC.",
            "tz",
            "not an IANA time zone",
            "value_error",
        )


def _unprocessable(detail: str, name: str, msg: str, type_: str) -> JSONResponse:
    return problem_response(
        422,
        "Unprocessable Content",
        detail,
        "unprocessable",
        errors=[{"loc": ["query", name], "msg": msg, "type": type_}],
    )


async def _problem(
    scope: Scope,
    receive: Receive,
    send: Send,
    status: int,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
) -> None:
    await problem_response(status, title, detail, headers=headers)(scope, receive, send)
