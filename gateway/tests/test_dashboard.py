"""``GET /v1/dashboard`` over real sockets: the four services are one test app on 127.0.0.1
answering the routes the dashboard reads, in the shapes the services' READMEs give, and
recording what the gateway asked them."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from gateway.dashboard import KEY_METRICS, MAX_PAGES, PAGE_LIMIT
from servicekit.testing.problems import assert_problem

from .support import (
    INTERNAL_TOKEN,
    WORKSPACE,
    DropOnceRelay,
    ServerThread,
    _run_drop_once_relay,
    raw_upstream,
)

ALL_READS = ("content:read", "campaign:read", "community:read", "metrics:read")
TZ = "Asia/Shanghai"


def publication(pid: str, status: str, error: str | None = None) -> dict[str, Any]:
    return {
        "publication": {"id": pid, "status": status, "attempts": 3 if error else 1,
                        "last_error": error},
        "channel_id": "ch-weibo", "channel_name": "品牌微博", "platform": "weibo",
        "timezone": TZ, "status": status, "at": "2026-12-03T02:00:00Z", "local_time": "10:00",
    }  # fmt: skip


CALENDAR = {
    "days": [
        {"date": "2026-12-03", "items": [
            publication("p-1", "published"),
            publication("p-2", "published"),
            publication("p-3", "failed", "webhook answered 500"),
        ]},
        {"date": "2026-12-04", "items": [
            publication("p-4", "scheduled"),
            publication("p-5", "failed", "timed out after 10 s"),
        ]},
    ]
}  # fmt: skip


def task(tid: str, assignee: str | None, due_at: str) -> dict[str, Any]:
    return {
        "id": tid, "title": f"任务 {tid}", "action": "message", "group_id": "g-1",
        "assignee": assignee, "due_at": due_at, "status": "pending", "overdue": True,
        "script": "…",
    }  # fmt: skip


# Two pages, earliest due first, as community-svc pages them.
TASK_PAGES = [
    [
        task("t-1", "op-ann", "2026-11-30T01:00:00Z"),
        task("t-2", "op-bo", "2026-12-01T01:00:00Z"),
        task("t-3", "op-ann", "2026-12-01T02:00:00Z"),
    ],
    [
        task("t-4", None, "2026-12-02T01:00:00Z"),
        task("t-5", "op-ann", "2026-12-02T03:00:00Z"),
        task("t-6", "op-bo", "2026-12-02T04:00:00Z"),
    ],
]


def campaign(cid: str, status: str) -> dict[str, Any]:
    return {
        "id": cid, "name": f"双十一 {cid}", "kind": "holiday_promo", "status": status,
        "starts_at": "2026-11-01T00:00:00Z", "ends_at": "2026-12-12T00:00:00Z",
        "currency": "CNY", "budget_amount": 500000,
        "goals": [{"metric": "gmv", "target": 1000000.0,
                   "live": {"actual": 1830.0, "progress": 0.00183, "status": "at_risk"}}],
    }  # fmt: skip


CAMPAIGNS = [campaign("c-1", "running"), campaign("c-2", "draft"), campaign("c-3", "running")]
STATS = {
    "c-1": {"claimed": 57, "redeemed": 31, "gmv": 1830000},
    "c-3": {"claimed": 4, "redeemed": 0, "gmv": 0},
}


def target(tid: str, status: str) -> dict[str, Any]:
    return {"id": tid, "name": f"目标 {tid}", "metric": "clicks", "filters": {},
            "actual": 10.0, "target_value": 100.0, "progress": 0.1, "status": status}  # fmt: skip


TARGETS = [
    target("tg-1", "on_track"),
    target("tg-2", "at_risk"),
    target("tg-3", "missed"),
    target("tg-4", "achieved"),
    target("tg-5", "at_risk"),
]
# (yesterday, today) of each metric; None where a ratio's denominator was 0.
METRICS: dict[str, tuple[float | None, float | None]] = {
    "impressions": (1000.0, 1500.0),
    "views": (400.0, 300.0),
    "clicks": (50.0, 60.0),
    "ctr": (0.05, 0.04),
    "traffic_conversion_rate": (0.0125, 0.02),
    "purchase_conversion_rate": (None, 0.1),
    "leads": (4.0, 6.0),
    "joins": (12.0, 9.0),
    "coupon_claims": (0.0, 20.0),
    "gmv": (0.0, 5320.5),
    "follower_growth": (-3.0, 7.0),
}


@dataclass
class Services:
    """What the test services answer and what they were asked."""

    url: str = ""
    seen: list[tuple[str, dict[str, str], dict[str, str]]] = field(default_factory=list)
    # path prefix → HTTP status to answer instead, or seconds to stall first
    fail: dict[str, int] = field(default_factory=dict)
    stall_s: dict[str, float] = field(default_factory=dict)
    endless_tasks: bool = False

    def asked(self, prefix: str) -> list[dict[str, str]]:
        return [query for path, query, _ in self.seen if path.startswith(prefix)]


def services_app(state: Services) -> Starlette:
    async def answer(request: Request) -> Response:
        path = request.url.path
        query = dict(request.query_params)
        state.seen.append((path, query, dict(request.headers)))
        for prefix, seconds in state.stall_s.items():
            if path.startswith(prefix):
                await asyncio.sleep(seconds)
        for prefix, status in state.fail.items():
            if path.startswith(prefix):
                return JSONResponse({"detail": "boom"}, status_code=status)
        if path == "/v1/calendar":
            return JSONResponse(CALENDAR)
        if path == "/v1/tasks":
            if state.endless_tasks:
                n = int(query.get("cursor", "0"))
                return JSONResponse({"items": [task(f"e-{n}", "op-ann", "2026-12-01T00:00:00Z")],
                                     "next_cursor": str(n + 1)})  # fmt: skip
            page = int(query.get("cursor", "0"))
            more = page + 1 < len(TASK_PAGES)
            return JSONResponse(
                {"items": TASK_PAGES[page], "next_cursor": str(page + 1) if more else None}
            )
        if path == "/v1/campaigns":
            return JSONResponse({"items": CAMPAIGNS, "next_cursor": None})
        if path.startswith("/v1/campaigns/") and path.endswith("/stats"):
            cid = path.split("/")[3]
            return JSONResponse({"campaign_id": cid, "status": "running", **STATS[cid]})
        if path == "/v1/targets":
            return JSONResponse({"items": TARGETS, "next_cursor": None})
        if path.startswith("/v1/metrics/"):
            name = path.rsplit("/", 1)[1]
            tz = ZoneInfo(query["tz"])
            first = datetime.combine(date.fromisoformat(query["from"]), datetime.min.time(), tz)
            values = METRICS[name]
            points = [
                {"start": (first + timedelta(days=i)).isoformat(), "value": values[i]}
                for i in range(2)
            ]
            return JSONResponse(
                {"metric": name, "unit": "ratio" if "rate" in name else "count",
                 "interval": "day", "tz": query["tz"],
                 "series": [{"group": None, "total": 1.0, "points": points}]}
            )  # fmt: skip
        return JSONResponse({"detail": "no such route"}, status_code=404)

    return Starlette(routes=[Route("/{path:path}", answer)])


@pytest.fixture
def services() -> Iterator[Services]:
    state = Services()
    with ServerThread(services_app(state)) as server:
        state.url = server.url
        yield state


@pytest.fixture
def dashboard_gateway(start_gateway: Callable[..., str], services: Services) -> Callable[..., str]:
    """A gateway whose four services are the test services, unless overridden."""

    def start(**overrides: Any) -> str:
        urls = {f"{svc}_url": services.url for svc in ("content", "campaign", "community")}
        urls["metrics_url"] = services.url
        return start_gateway(**{**urls, **overrides})

    return start


def get_dashboard(
    url: str, token: str, params: dict[str, str] | None = None, query: str = ""
) -> httpx.Response:
    return httpx.get(
        f"{url}/v1/dashboard{query}",
        params=params,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


def today_in(tz: str) -> date:
    return datetime.now(ZoneInfo(tz)).date()


def test_every_section_is_composed_with_exact_numbers(
    dashboard_gateway: Callable[..., str], services: Services, make_token: Callable[..., str]
) -> None:
    url = dashboard_gateway()
    r = get_dashboard(url, make_token(ALL_READS), {"tz": TZ})
    assert r.status_code == 200, r.text
    body = r.json()
    today = today_in(TZ)
    assert body["tz"] == TZ
    assert body["today"] == today.isoformat()
    assert r.headers["ratelimit-limit"] == "200"  # counted as one read

    start = datetime.combine(today, datetime.min.time(), ZoneInfo(TZ))
    expected_window = {
        "from": (start - timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "to": (start + timedelta(hours=16)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    assert services.asked("/v1/calendar") == [expected_window]
    assert body["publications"] == {
        "status": "ok",
        **expected_window,
        "total": 5,
        "by_status": {"scheduled": 1, "publishing": 0, "published": 2, "failed": 2},
        "failed": [
            {"id": "p-3", "channel_id": "ch-weibo", "channel_name": "品牌微博",
             "platform": "weibo", "at": "2026-12-03T02:00:00Z", "attempts": 3,
             "last_error": "webhook answered 500"},
            {"id": "p-5", "channel_id": "ch-weibo", "channel_name": "品牌微博",
             "platform": "weibo", "at": "2026-12-03T02:00:00Z", "attempts": 3,
             "last_error": "timed out after 10 s"},
        ],
        "truncated": False,
    }  # fmt: skip

    # Both pages of overdue tasks were read.
    assert services.asked("/v1/tasks") == [
        {"overdue": "true", "limit": str(PAGE_LIMIT)},
        {"overdue": "true", "limit": str(PAGE_LIMIT), "cursor": "1"},
    ]
    assert body["tasks"] == {
        "status": "ok",
        "total": 6,
        "by_assignee": [
            {"assignee": "op-ann", "count": 3},
            {"assignee": "op-bo", "count": 2},
            {"assignee": None, "count": 1},
        ],
        "oldest": [
            {key: t[key] for key in ("id", "title", "action", "group_id", "assignee", "due_at")}
            for t in (TASK_PAGES[0] + TASK_PAGES[1])[:5]
        ],
        "truncated": False,
    }

    assert body["campaigns"] == {
        "status": "ok",
        "running": 2,
        "items": [
            {key: c[key] for key in ("id", "name", "kind", "starts_at", "ends_at", "currency")}
            | {"claims": claims, "redemptions": redeemed, "gmv": gmv, "goals": c["goals"]}
            for c, (claims, redeemed, gmv) in (
                (CAMPAIGNS[0], (57, 31, 1830000)),
                (CAMPAIGNS[2], (4, 0, 0)),
            )
        ],
        "truncated": False,
    }
    # The goals come through as the service gives them, live progress included.
    assert body["campaigns"]["items"][0]["goals"][0]["live"]["status"] == "at_risk"
    assert sorted(p for p, _, _ in services.seen if p.endswith("/stats")) == [
        "/v1/campaigns/c-1/stats",
        "/v1/campaigns/c-3/stats",
    ]

    assert body["targets"] == {
        "status": "ok",
        "checked": 5,
        "counts": {"at_risk": 2, "missed": 1},
        "items": [TARGETS[1], TARGETS[2], TARGETS[4]],
        "truncated": False,
    }

    yesterday = today - timedelta(days=1)
    assert services.asked("/v1/metrics/ctr") == [
        {"from": yesterday.isoformat(), "to": (today + timedelta(days=1)).isoformat(),
         "interval": "day", "tz": TZ}
    ]  # fmt: skip
    metrics = body["metrics"]
    assert metrics["status"] == "ok"
    assert (metrics["today"], metrics["yesterday"]) == (today.isoformat(), yesterday.isoformat())
    by_name = {m["metric"]: m for m in metrics["items"]}
    assert list(by_name) == list(KEY_METRICS)
    assert by_name["impressions"] | {"unit": "count"} == {
        "metric": "impressions", "unit": "count", "today": 1500.0, "yesterday": 1000.0,
        "change": 500.0, "change_ratio": 0.5,
    }  # fmt: skip
    assert by_name["views"]["change"] == -100.0
    assert by_name["views"]["change_ratio"] == -0.25
    assert by_name["ctr"]["change"] == pytest.approx(-0.01)
    assert by_name["ctr"]["change_ratio"] == pytest.approx(-0.2)
    # No yesterday (a ratio over nothing), or a yesterday of 0: no relative change.
    assert by_name["purchase_conversion_rate"] | {"unit": "ratio"} == {
        "metric": "purchase_conversion_rate", "unit": "ratio", "today": 0.1,
        "yesterday": None, "change": None, "change_ratio": None,
    }  # fmt: skip
    assert (by_name["gmv"]["change"], by_name["gmv"]["change_ratio"]) == (5320.5, None)
    assert by_name["follower_growth"]["change_ratio"] == pytest.approx(-10 / 3)


def test_upstream_calls_carry_the_callers_tenancy_and_the_internal_token(
    dashboard_gateway: Callable[..., str], services: Services, make_token: Callable[..., str]
) -> None:
    url = dashboard_gateway()
    token = make_token([*ALL_READS, "leads:pii"], sub="op-ann")
    spoofed = {"X-Workspace-Id": "ws-victim", "X-Internal-Token": "guessed"}
    r = httpx.get(
        f"{url}/v1/dashboard",
        headers={"Authorization": f"Bearer {token}", "X-Request-Id": "dash-1", **spoofed},
    )
    assert r.status_code == 200, r.text
    assert len(services.seen) == 1 + 2 + 1 + 2 + 1 + len(KEY_METRICS)
    for _, _, headers in services.seen:
        assert headers["x-workspace-id"] == WORKSPACE
        assert headers["x-actor-id"] == "op-ann"
        assert headers["x-scopes"] == " ".join([*ALL_READS, "leads:pii"])
        assert headers["x-internal-token"] == INTERNAL_TOKEN
        assert headers["x-request-id"] == "dash-1"
        assert "authorization" not in headers
    # Without ?tz= "today" is the UTC day.
    assert r.json()["tz"] == "UTC"
    assert r.json()["today"] == today_in("UTC").isoformat()


def test_a_down_service_marks_only_its_section_unavailable(
    dashboard_gateway: Callable[..., str],
    dead_socket: socket.socket,
    services: Services,
    make_token: Callable[..., str],
) -> None:
    dead = f"http://127.0.0.1:{dead_socket.getsockname()[1]}"
    url = dashboard_gateway(metrics_url=dead)
    started = time.monotonic()
    r = get_dashboard(url, make_token(ALL_READS))
    elapsed = time.monotonic() - started
    assert r.status_code == 200, r.text
    body = r.json()
    for name in ("targets", "metrics"):
        assert body[name] == {
            "status": "unavailable",
            "reason": "metrics-svc is unreachable (connection refused)",
        }
    for name in ("publications", "tasks", "campaigns"):
        assert body[name]["status"] == "ok", body[name]
    assert elapsed < 2.0  # refused at once, not waited out


def test_a_read_on_a_pooled_connection_the_service_dropped_is_sent_again(
    dashboard_gateway: Callable[..., str], services: Services, make_token: Callable[..., str]
) -> None:
    relay = DropOnceRelay(target_port=int(services.url.rsplit(":", 1)[1]))
    token = make_token(ALL_READS)
    with raw_upstream(relay, _run_drop_once_relay):
        url = dashboard_gateway(metrics_url=f"http://127.0.0.1:{relay.port}")
        first = get_dashboard(url, token)  # metrics-svc's connections, now pooled
        assert first.status_code == 200, first.text
        relay.armed = True
        r = get_dashboard(url, token)
    assert r.status_code == 200, r.text
    body = r.json()
    # One read met a pooled connection hung up on, and went out again.
    assert relay.dropped == 1
    line, reused = relay.requests[relay.dropped_at]
    assert reused
    assert line in [again for again, _ in relay.requests[relay.dropped_at + 1 :]]
    for name in ("targets", "metrics"):
        assert body[name]["status"] == "ok", body[name]
        assert body[name] == first.json()[name]


def test_a_hung_service_is_given_up_on_at_the_dashboard_deadline(
    dashboard_gateway: Callable[..., str], services: Services, make_token: Callable[..., str]
) -> None:
    services.stall_s["/v1/tasks"] = 5.0
    url = dashboard_gateway(dashboard_timeout_s=0.5)
    started = time.monotonic()
    r = get_dashboard(url, make_token(ALL_READS))
    elapsed = time.monotonic() - started
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["tasks"] == {
        "status": "unavailable",
        "reason": "no complete answer within the dashboard's 0.5 s",
    }
    assert all(body[n]["status"] == "ok" for n in ("publications", "campaigns", "targets"))
    assert 0.5 <= elapsed < 1.5


def test_a_slow_service_beyond_its_read_timeout_is_unavailable(
    dashboard_gateway: Callable[..., str], services: Services, make_token: Callable[..., str]
) -> None:
    services.stall_s["/v1/calendar"] = 2.0
    url = dashboard_gateway(read_timeout_overrides_s={"content": 0.3})
    r = get_dashboard(url, make_token(ALL_READS))
    assert r.status_code == 200, r.text
    assert r.json()["publications"] == {
        "status": "unavailable",
        "reason": "content-svc did not answer within 0.3 s",
    }
    assert r.json()["tasks"]["status"] == "ok"


def test_a_5xx_answer_makes_its_section_unavailable(
    dashboard_gateway: Callable[..., str], services: Services, make_token: Callable[..., str]
) -> None:
    services.fail["/v1/campaigns/c-3/stats"] = 503
    url = dashboard_gateway()
    body = get_dashboard(url, make_token(ALL_READS)).json()
    # One campaign's stats missing would make the totals wrong: the section says so instead.
    assert body["campaigns"] == {"status": "unavailable", "reason": "campaign-svc answered 503"}
    assert body["targets"]["status"] == "ok"


def test_an_open_circuit_is_unavailable_without_calling_the_service(
    dashboard_gateway: Callable[..., str],
    dead_socket: socket.socket,
    services: Services,
    make_token: Callable[..., str],
) -> None:
    dead = f"http://127.0.0.1:{dead_socket.getsockname()[1]}"
    url = dashboard_gateway(community_url=dead, breaker_min_calls=1, breaker_open_s=60)
    token = make_token(ALL_READS)
    first = get_dashboard(url, token).json()
    assert first["tasks"]["reason"] == "community-svc is unreachable (connection refused)"
    second = get_dashboard(url, token).json()
    assert second["tasks"] == {
        "status": "unavailable",
        "reason": "community-svc has been failing, so the gateway stopped calling it for a "
        "moment (circuit open)",
    }
    assert second["publications"]["status"] == "ok"


def test_a_section_the_caller_has_no_scope_for_is_forbidden_and_not_asked(
    dashboard_gateway: Callable[..., str], services: Services, make_token: Callable[..., str]
) -> None:
    url = dashboard_gateway()
    r = get_dashboard(url, make_token(["content:read", "community:read"]))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["campaigns"] == {"status": "forbidden", "reason": "needs the `campaign:read` scope"}
    assert body["targets"]["status"] == body["metrics"]["status"] == "forbidden"
    assert body["publications"]["status"] == body["tasks"]["status"] == "ok"
    assert {path.split("/")[2] for path, _, _ in services.seen} == {"calendar", "tasks"}
    # admin holds every scope.
    admin = get_dashboard(url, make_token(["admin"])).json()
    assert all(admin[n]["status"] == "ok" for n in ("campaigns", "targets", "metrics"))


def test_a_service_refusing_the_scope_makes_its_section_forbidden(
    dashboard_gateway: Callable[..., str], services: Services, make_token: Callable[..., str]
) -> None:
    services.fail["/v1/targets"] = 403
    body = get_dashboard(dashboard_gateway(), make_token(ALL_READS)).json()
    assert body["targets"]["status"] == "forbidden"
    assert body["metrics"]["status"] == "ok"


def test_long_lists_are_read_up_to_the_cap_and_say_truncated(
    dashboard_gateway: Callable[..., str], services: Services, make_token: Callable[..., str]
) -> None:
    services.endless_tasks = True
    body = get_dashboard(dashboard_gateway(), make_token(ALL_READS)).json()
    assert len(services.asked("/v1/tasks")) == MAX_PAGES
    assert body["tasks"]["total"] == MAX_PAGES
    assert body["tasks"]["truncated"] is True


@pytest.mark.parametrize(
    ("query", "loc", "detail"),
    [
        ("?tz=Mars/Olympus", "tz", "tz 'Mars/Olympus' is not an IANA time zone"),
        ("?tz=", "tz", "tz '' is not an IANA time zone"),
        ("?tz=../../etc/passwd", "tz", "is not an IANA time zone"),
        ("?tz=UTC&tz=Asia/Shanghai", "tz", "query parameter `tz` was given 2 times"),
        ("?timezone=UTC", "timezone", "unknown query parameter `timezone`; accepted: tz"),
    ],
)
def test_a_bad_query_is_a_422_and_asks_no_service(
    dashboard_gateway: Callable[..., str],
    services: Services,
    make_token: Callable[..., str],
    query: str,
    loc: str,
    detail: str,
) -> None:
    r = get_dashboard(dashboard_gateway(), make_token(ALL_READS), query=query)
    problem = assert_problem(r, 422)
    assert detail in problem["detail"]
    assert problem["errors"][0]["loc"] == ["query", loc]
    assert services.seen == []


def test_without_a_token_it_is_a_401_and_other_methods_are_405(
    dashboard_gateway: Callable[..., str], services: Services, make_token: Callable[..., str]
) -> None:
    url = dashboard_gateway()
    assert_problem(httpx.get(f"{url}/v1/dashboard?tz=nowhere"), 401)
    token = make_token(ALL_READS)
    refused = httpx.post(f"{url}/v1/dashboard", headers={"Authorization": f"Bearer {token}"})
    assert_problem(refused, 405)
    assert refused.headers["allow"] == "GET, HEAD"
    assert services.seen == []
