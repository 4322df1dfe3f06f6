"""The outbox relay end to end: content, campaign and community deliver their domain events to
the real metrics-svc, which counts each exactly once — through a metrics-svc outage, a service
SIGKILLed between sending a batch and marking it, and two processes of one service relaying the
same outbox at once."""

from __future__ import annotations

import asyncio
import collections
import functools
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import NullPool, text
from sqlalchemy.ext.asyncio import create_async_engine
from starlette.requests import Request
from starlette.responses import Response

from campaign_svc.events import METRICS_EVENT_TYPES as CAMPAIGN_TYPES
from community_svc.events import METRICS_EVENT_TYPES as COMMUNITY_TYPES
from content_svc.events import METRICS_EVENT_TYPES as CONTENT_TYPES
from servicekit.db import async_url
from servicekit.testing.webhooks import Receiver, running_receiver

from .conftest import make_token
from .helpers import eventually, ok
from .stack import Stack

DEADLINE_S = 30.0
MAPPED: dict[str, Mapping[Any, str | None]] = {
    "content": CONTENT_TYPES,
    "campaign": CAMPAIGN_TYPES,
    "community": COMMUNITY_TYPES,
}


def query(url: str, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` on one service's database (read-only checks beside the API)."""

    async def run() -> list[tuple[Any, ...]]:
        engine = create_async_engine(async_url(url), poolclass=NullPool)
        try:
            async with engine.connect() as conn:
                return [tuple(r) for r in await conn.execute(text(sql), params)]
        finally:
            await engine.dispose()

    return asyncio.run(run())


def relayed_ids(stack: Stack, service: str, workspace: str) -> tuple[set[str], int]:
    """The ids of the workspace's outbox events metrics-svc is to count, and how many of the
    workspace's events are still undelivered."""
    rows = query(
        stack.database_urls[service],
        "SELECT id, event_type, delivered_at IS NOT NULL FROM outbox_event "
        "WHERE workspace_id = :ws",
        ws=workspace,
    )
    types = {str(k): v for k, v in MAPPED[service].items()}
    counted = {str(r[0]) for r in rows if types.get(r[1]) is not None}
    return counted, sum(1 for r in rows if not r[2])


def pending_count(stack: Stack, service: str, workspace: str) -> int:
    """How many of the workspace's outbox events the service has not yet delivered."""
    return relayed_ids(stack, service, workspace)[1]


def metrics_counts(stack: Stack, workspace: str) -> dict[str, int]:
    """metrics-svc's own numbers: events counted per type in its rollups."""
    rows = query(
        stack.database_urls["metrics"],
        "SELECT type, sum(event_count) FROM event_hourly WHERE workspace_id = :ws GROUP BY type",
        ws=workspace,
    )
    return {r[0]: int(r[1]) for r in rows}


def metrics_ids(stack: Stack, workspace: str) -> set[str]:
    rows = query(
        stack.database_urls["metrics"],
        "SELECT id FROM event_dedup WHERE workspace_id = :ws",
        ws=workspace,
    )
    return {str(r[0]) for r in rows}


def window() -> dict[str, str]:
    now = datetime.now(UTC)
    return {
        "from": (now - timedelta(days=1)).isoformat(),
        "to": (now + timedelta(hours=1)).isoformat(),
    }


def metric_total(api: httpx.Client, name: str) -> float | None:
    r = api.get(f"/v1/metrics/{name}", params=window())
    assert r.status_code == 200, r.text
    total: float | None = r.json()["series"][0]["total"]
    return total


# -- the operations ---------------------------------------------------------------------------


def open_campaign(api: httpx.Client, quantity: int) -> tuple[str, str]:
    now = datetime.now(UTC)
    campaign = ok(
        api.post(
            "/v1/campaigns",
            json={
                "name": "双十一",
                "kind": "holiday_promo",
                "starts_at": (now - timedelta(hours=1)).isoformat(),
                "ends_at": (now + timedelta(days=7)).isoformat(),
            },
        ),
        201,
    )
    ok(api.post(f"/v1/campaigns/{campaign['id']}/status", json={"status": "scheduled"}), 200)
    batch = ok(
        api.post(
            "/v1/coupon-batches",
            json={
                "campaign_id": campaign["id"],
                "name": "满200减30",
                "discount_type": "fixed",
                "amount_off": 3000,
                "min_spend": 20000,
                "total_quantity": quantity,
                "valid_days": 7,
                "code_prefix": "RY",
            },
        ),
        201,
    )
    return campaign["id"], batch["id"]


def capture_leads(api: httpx.Client, campaign_id: str, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        lead = {"campaign_id": campaign_id, "phone": f"+86 139 0000 {i:04d}", "consent": True}
        ok(api.post("/v1/leads", json=lead), 201)


def claim_coupons(api: httpx.Client, batch_id: str, n: int) -> None:
    for i in range(n):
        ok(
            api.post(f"/v1/coupon-batches/{batch_id}/claims", json={"customer_id": f"cust-{i}"}),
            201,
        )


def join_members(api: httpx.Client, n: int) -> str:
    group = ok(
        api.post(
            "/v1/groups",
            json={
                "name": "新品体验群",
                "platform": "wecom",
                "kind": "product",
                "capacity": 20_000,
                "timezone": "Asia/Shanghai",
                "leader_id": "op-lead",
            },
        ),
        201,
    )
    for i in range(n):
        ok(api.post(f"/v1/groups/{group['id']}/members", json={"external_id": f"wx_{i}"}), 201)
    return str(group["id"])


def publish_manually(api: httpx.Client, n: int) -> None:
    """``n`` publications of one approved post, each on a manual channel of its own, marked
    published by the operator (no publisher worker involved)."""
    topic = ok(api.post("/v1/topics", json={"title": "双十一攻略"}), 201)
    ok(api.post(f"/v1/topics/{topic['id']}/transitions", json={"to": "accepted"}), 200)
    post = ok(api.post(f"/v1/topics/{topic['id']}/posts"), 201)
    for to in ("in_review", "approved"):
        ok(api.post(f"/v1/posts/{post['id']}/transitions", json={"to": to}), 200)
    later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    for i in range(n):
        channel = ok(
            api.post(
                "/v1/channels",
                json={
                    "platform": "weibo",
                    "name": f"品牌微博 {i}",
                    "handle": f"wb-{uuid.uuid4().hex[:8]}",
                    "timezone": "Asia/Shanghai",
                    "publisher": {"kind": "manual"},
                },
            ),
            201,
        )
        publication = ok(
            api.post(
                "/v1/publications",
                json={"post_id": post["id"], "channel_id": channel["id"], "scheduled_at": later},
            ),
            201,
        )
        ok(
            api.post(
                f"/v1/publications/{publication['id']}/mark-published",
                json={"url": f"https://weibo.example/p/{i}"},
            ),
            200,
        )


def post_one(api: httpx.Client, type_: str, actor_id: str) -> None:
    """One event posted by a client straight to metrics-svc: the denominator that turns a rate
    of the catalogue into a count (traffic conversion = leads / views)."""
    event = {
        "id": str(uuid.uuid4()),
        "type": type_,
        "occurred_at": datetime.now(UTC).isoformat(),
        "actor_id": actor_id,
    }
    assert ok(api.post("/v1/events", json=[event]), 200)["accepted"] == 1


def assert_counted_once(stack: Stack, workspace: str, services: tuple[str, ...]) -> None:
    """Every relayed event of the workspace is in metrics-svc, and nothing else from them.

    metrics-svc commits a batch before its answer reaches the relay, which then marks the batch
    delivered: for that moment the events are counted yet still pending, so delivery is waited for
    (a relay that never marks them still fails here after ``DEADLINE_S``)."""
    expected: set[str] = set()
    for service in services:
        eventually(functools.partial(pending_count, stack, service, workspace), 0, DEADLINE_S)
        counted, _ = relayed_ids(stack, service, workspace)
        expected |= counted
    assert metrics_ids(stack, workspace) >= expected


# -- the tests --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unlimited_gateway(stack: Stack) -> Iterator[str]:
    """A gateway without rate limits: 200 writes in a few seconds are the point here."""
    url = stack.start_gateway("gateway-relay", {"GATEWAY_RATE_LIMITS_ENABLED": "false"})
    yield url
    stack.stop("gateway-relay")


@pytest.fixture
def api(unlimited_gateway: str, workspace: str) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {make_token(workspace)}"}
    with httpx.Client(base_url=unlimited_gateway, headers=headers, timeout=10.0) as client:
        yield client


@pytest.fixture
def metrics_restarted(stack: Stack) -> Iterator[None]:
    """The test stops metrics-svc; it runs again afterwards whatever happened."""
    yield
    if "metrics" not in stack.procs:
        stack.start("metrics")


def test_a_metrics_outage_delays_the_numbers_and_loses_none(
    stack: Stack, api: httpx.Client, workspace: str, metrics_restarted: None
) -> None:
    campaign_id, batch_id = open_campaign(api, quantity=100)
    stack.stop("metrics")

    # 200 operations that each record one counted event, while metrics-svc is down.
    capture_leads(api, campaign_id, 60)
    claim_coupons(api, batch_id, 60)
    join_members(api, 60)
    publish_manually(api, 20)
    time.sleep(1.0)  # the relays try, fail and back off meanwhile
    assert relayed_ids(stack, "campaign", workspace)[1] == 120
    assert relayed_ids(stack, "community", workspace)[1] == 60

    stack.start("metrics")
    expected = {"lead": 60, "coupon_claim": 60, "join_group": 60, "publish": 20}
    eventually(lambda: metrics_counts(stack, workspace), expected, DEADLINE_S)

    assert_counted_once(stack, workspace, ("content", "campaign", "community"))
    # Through the gateway: with one view, traffic conversion (leads / views) is the lead count;
    # with one member messaging, activity (messagers / members) is 1 / the members who joined.
    post_one(api, "view", "visitor-1")
    post_one(api, "message", "wx_0")
    assert metric_total(api, "traffic_conversion_rate") == 60
    assert metric_total(api, "activity_rate") == pytest.approx(1 / 60)
    time.sleep(1.0)  # a few more relay polls change nothing
    assert metrics_counts(stack, workspace) == {**expected, "view": 1, "message": 1}


class SlowMetrics:
    """A hop in front of metrics-svc: it forwards each batch, then holds metrics-svc's answer
    for ``hold_s`` before passing it back, recording who sent which ids. It stands in for a slow
    network, so a relay can be caught between sending a batch and marking it delivered."""

    def __init__(self, receiver: Receiver, upstream: str, hold_s: float) -> None:
        self.receiver = receiver
        self.upstream = upstream
        self.hold_s = hold_s
        self.forwarded = threading.Event()
        self.sent: list[tuple[str, list[str]]] = []

    async def respond(self, request: Request) -> Response:
        body = await request.body()
        headers = {k: v for k, v in request.headers.items() if k.lower().startswith("x-")}
        async with httpx.AsyncClient(timeout=10) as client:
            answer = await client.post(
                self.upstream + "/v1/events",
                content=body,
                headers={**headers, "content-type": "application/json"},
            )
        self.sent.append((request.headers["x-actor-id"], [e["id"] for e in json.loads(body)]))
        self.forwarded.set()
        await asyncio.sleep(self.hold_s)
        return Response(answer.content, answer.status_code, media_type="application/json")

    @property
    def url(self) -> str:
        return self.receiver.url.removesuffix("/v1/events")


@pytest.fixture
def slow_metrics(stack: Stack) -> Iterator[Callable[[float], SlowMetrics]]:
    made: list[Any] = []

    def make(hold_s: float) -> SlowMetrics:
        context = running_receiver("/v1/events")
        receiver = context.__enter__()
        made.append(context)
        hop = SlowMetrics(receiver, stack.url("metrics"), hold_s)
        receiver.respond = hop.respond
        return hop

    yield make
    for context in made:
        context.__exit__(None, None, None)


def restart(stack: Stack, name: str, env: dict[str, str] | None = None) -> None:
    """Start ``name`` again (on its port), with ``env`` added or, without it, as configured."""
    if name in stack.procs:
        stack.stop(name)
    if env is None:
        stack.extra_env.pop(name, None)
    else:
        stack.extra_env[name] = env
    stack.start(name)


def test_a_service_killed_while_its_relay_sends_loses_no_event_and_counts_none_twice(
    stack: Stack,
    api: httpx.Client,
    workspace: str,
    slow_metrics: Callable[[float], SlowMetrics],
) -> None:
    campaign_id, _ = open_campaign(api, quantity=1)
    hop = slow_metrics(15.0)
    # The campaign process relays through the slow hop, 25 events a batch.
    restart(
        stack,
        "campaign",
        {"CAMPAIGN_METRICS_URL": hop.url, "CAMPAIGN_RELAY_BATCH_SIZE": "25"},
    )
    try:
        capture_leads(api, campaign_id, 100)
        # metrics-svc has stored the first batch; the relay waits for the answer, its claim
        # not yet committed. Then the process dies.
        assert hop.forwarded.wait(DEADLINE_S), "the relay never sent"
        stack.kill("campaign")
        stored_before_restart = metrics_ids(stack, workspace)
        assert 0 < len(stored_before_restart) <= 25
        assert relayed_ids(stack, "campaign", workspace)[1] == 100  # none marked delivered
    finally:
        restart(stack, "campaign")

    eventually(lambda: metrics_counts(stack, workspace), {"lead": 100}, DEADLINE_S)
    assert_counted_once(stack, workspace, ("campaign",))
    post_one(api, "view", "visitor-1")
    assert metric_total(api, "traffic_conversion_rate") == 100


def test_two_processes_of_one_service_relay_together_without_counting_twice(
    stack: Stack,
    api: httpx.Client,
    workspace: str,
    slow_metrics: Callable[[float], SlowMetrics],
    metrics_restarted: None,
) -> None:
    hop = slow_metrics(0.2)
    peers_env = {"COMMUNITY_METRICS_URL": hop.url, "COMMUNITY_RELAY_BATCH_SIZE": "20"}
    stack.stop("metrics")
    try:
        restart(stack, "community", {**peers_env, "COMMUNITY_SERVICE_NAME": "community-1"})
        restart(stack, "community-2", {**peers_env, "COMMUNITY_SERVICE_NAME": "community-2"})
        join_members(api, 200)
        assert relayed_ids(stack, "community", workspace)[1] == 200
        stack.start("metrics")  # both relays now race over the 200 pending events

        eventually(lambda: metrics_counts(stack, workspace), {"join_group": 200}, DEADLINE_S)
        assert_counted_once(stack, workspace, ("community",))
        sent = [(who, event_id) for who, ids in hop.sent for event_id in ids]
        by_process = collections.Counter(who for who, _ in sent)
        assert set(by_process) == {"relay:community-1", "relay:community-2"}, by_process
        # SKIP LOCKED: no event went out from both (none failed here, so none went twice).
        assert collections.Counter(event_id for _, event_id in sent).most_common(1)[0][1] == 1
        post_one(api, "message", "wx_0")
        assert metric_total(api, "activity_rate") == pytest.approx(1 / 200)
    finally:
        if "community-2" in stack.procs:
            stack.stop("community-2")
        restart(stack, "community")
