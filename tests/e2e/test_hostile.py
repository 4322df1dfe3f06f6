"""Hostile input through the gateway, from every route of every service's OpenAPI document.

Deep nesting in every JSON body route, year 1 and 9999 (with +14:00 and -12:00) in every date
parameter and body field, lone surrogates and NUL in every text field of one resource per
service, unknown query parameters on every read, and the reproductions of issue 11. Every case
must answer below 500 (a 4xx as problem+json where the input is bad), and the next plain read on
the same client must still be a 200: a 5xx that leaves a dead gateway→service connection behind
shows up there as a 502.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from . import hostile
from .conftest import ALL_SCOPES, make_token
from .hostile import PROBES, Attack, Parents
from .stack import INTERNAL_TOKEN, SERVICES, Stack

SPECS = hostile.load_specs()
ATTACKS = hostile.all_attacks(SPECS)
OPERATIONS = hostile.operations(SPECS)


def _collection(op: hostile.Operation) -> str | None:
    """The list a write lands in (the longest plain GET path the write's path starts with)."""
    lists = [
        o.path
        for o in OPERATIONS
        if o.service == op.service and o.method == "GET" and "{" not in o.path
        and (op.path == o.path or op.path.startswith(o.path + "/"))
    ]  # fmt: skip
    return max(lists, key=len) if lists and op.method != "GET" else None


# After a write that was accepted, its list must still read: a stored value the service cannot
# read back breaks the workspace for good, not just one request.
COLLECTIONS = {op.op_id: c for op in OPERATIONS if (c := _collection(op))}


@pytest.fixture
def client(stack: Stack, workspace: str) -> Iterator[httpx.Client]:
    """One keep-alive connection, so the follow-up read goes down the same client connection.
    The token holds ``admin`` too, for the gateway's API key routes."""
    headers = {"Authorization": f"Bearer {make_token(workspace, (*ALL_SCOPES, 'admin'))}"}
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    with httpx.Client(base_url=stack.gateway, headers=headers, timeout=30.0, limits=limits) as c:
        yield c


def _ok(r: httpx.Response, status: int = 200) -> Any:
    assert r.status_code == status, f"setup {r.request.method} {r.request.url.path}: {r.text}"
    return r.json()


class LazyParents(dict[str, str]):
    """The resources a case's path or example names, created on first use in the case's own
    workspace (so a value one case stores cannot break the reads of another)."""

    def __init__(self, api: httpx.Client) -> None:
        super().__init__(name="views", number="1", version="1")
        self.api = api

    def __missing__(self, key: str) -> str:
        make: Callable[[], str] | None = getattr(self, f"_make_{key}", None)
        if make is None:
            return str(uuid.uuid4())  # a parent nobody can create: a made-up id (404 is fine)
        self[key] = value = make()
        return value

    def _created(self, path: str, body: Any, status: int = 201, **kw: Any) -> Any:
        return _ok(self.api.post(path, json=body, **kw), status)

    def _make_channel_id(self) -> str:
        body = {"platform": "weibo", "name": "品牌微博", "handle": "brand"}
        return str(self._created("/v1/channels", body)["id"])

    def _make_topic_id(self) -> str:
        topic_id = str(self._created("/v1/topics", {"title": "选题"})["id"])
        self._created(f"/v1/topics/{topic_id}/transitions", {"to": "accepted"}, 200)
        return topic_id

    def _make_post_id(self) -> str:
        post_id = str(_ok(self.api.post(f"/v1/topics/{self['topic_id']}/posts"), 201)["id"])
        for to in ("in_review", "approved"):
            self._created(f"/v1/posts/{post_id}/transitions", {"to": to}, 200)
        return post_id

    def _make_publication_id(self) -> str:
        soon = (datetime.now(UTC) + timedelta(days=1)).isoformat()
        body = {"post_id": self["post_id"], "channel_id": self["channel_id"], "scheduled_at": soon}
        return str(self._created("/v1/publications", body)["id"])

    def _make_thread_id(self) -> str:
        body = hostile.EXAMPLES["inbox-receive_message"](self)
        return str(self._created("/v1/inbox/messages", body)["thread_id"])

    def _make_canned_reply_id(self) -> str:
        body = hostile.EXAMPLES["inbox-create_canned_reply"](self)
        return str(self._created("/v1/inbox/canned-replies", body)["id"])

    def _make_campaign_id(self) -> str:
        body = hostile.EXAMPLES["campaigns-create_campaign"](self)
        campaign_id = str(self._created("/v1/campaigns", body)["id"])
        self._created(f"/v1/campaigns/{campaign_id}/status", {"status": "scheduled"}, 200)
        return campaign_id

    def _make_batch_id(self) -> str:
        body = {
            "campaign_id": self["campaign_id"],
            "name": "满200减30",
            "discount_type": "fixed",
            "amount_off": 3000,
            "total_quantity": 3,
            "valid_days": 7,
        }
        return str(self._created("/v1/coupon-batches", body)["id"])

    def _make_code(self) -> str:
        path = f"/v1/coupon-batches/{self['batch_id']}/claims"
        return str(self._created(path, {"customer_id": "c-1"})["code"])

    def _make_redemption_id(self) -> str:
        order = {"customer_id": "c-1", "order_id": "o-1", "order_amount": 25000}
        key = {"Idempotency-Key": uuid.uuid4().hex}
        return str(self._created(f"/v1/coupons/{self['code']}/redeem", order, headers=key)["id"])

    def _make_partner_id(self) -> str:
        body = hostile.EXAMPLES["partners-create_partner"](self)
        return str(self._created("/v1/partners", body)["id"])

    def _make_collaboration_id(self) -> str:
        body = hostile.EXAMPLES["collaborations-create_collaboration"](self)
        return str(self._created("/v1/collaborations", body)["id"])

    def _make_group_id(self) -> str:
        return str(self._created("/v1/groups", hostile.GROUP)["id"])

    def _make_goal_id(self) -> str:
        goal = hostile.EXAMPLES["groups-add_goal"](self)
        return str(self._created(f"/v1/groups/{self['group_id']}/goals", goal)["id"])

    def _make_member_id(self) -> str:
        path = f"/v1/groups/{self['group_id']}/members"
        return str(self._created(path, {"external_id": "wx-1"})["id"])

    def _make_template_id(self) -> str:
        body = {"name": "新品群 SOP", "steps": [hostile.STEP]}
        return str(self._created("/v1/sop-templates", body)["id"])

    def _make_run_id(self) -> str:
        anchor = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
        body = {"template_id": self["template_id"], "group_id": self["group_id"]}
        return str(self._created("/v1/sop-runs", body | {"anchor_date": anchor})["id"])

    def _make_task_id(self) -> str:
        tasks = _ok(self.api.get("/v1/tasks", params={"run_id": self["run_id"]}))["items"]
        return str(tasks[0]["id"])

    def _make_benchmark_id(self) -> str:
        body = hostile.EXAMPLES["benchmarks-create_benchmark"](self)
        return str(self._created("/v1/benchmarks", body)["id"])

    def _make_snapshot_date(self) -> str:
        return "2026-11-16"

    def _make_target_id(self) -> str:
        return str(
            self._created("/v1/targets", hostile.EXAMPLES["targets-create_target"](self))["id"]
        )


@pytest.fixture
def parents(client: httpx.Client) -> Parents:
    return LazyParents(client)


def settle(client: httpx.Client, service: str) -> None:
    """Wait until the service answers a plain read, so a case is judged on its own request and
    not on what an earlier case left behind (an open breaker lasts about 10 s)."""
    deadline = time.monotonic() + 15.0
    last: httpx.Response | None = None
    while time.monotonic() < deadline:
        last = client.get(PROBES[service])
        if last.status_code == 200:
            return
        time.sleep(0.2)
    assert last is not None
    pytest.fail(
        f"before the attack, GET {PROBES[service]} never answered 200 "
        f"(last {last.status_code} {last.text[:300]})"
    )


def _shown(content: bytes | None) -> str:
    if content is None:
        return "no body"
    shown = content[:160].decode(errors="replace")
    return f"{len(content)} bytes: {shown}{'…' if len(content) > 160 else ''}"


def _rejected_rows(r: httpx.Response) -> list[dict[str, Any]] | None:
    """The rows a batch route refused, when it refused every row it was sent; else None."""
    if not r.is_success or not r.headers.get("content-type", "").startswith("application/json"):
        return None
    body = r.json()
    if not isinstance(body, dict) or not body.get("rejected"):
        return None
    taken = body.get("accepted", body.get("imported"))
    return list(body["rejected"]) if taken == 0 else None


def attack_and_follow(
    client: httpx.Client,
    service: str,
    method: str,
    path: str,
    *,
    params: dict[str, str] | None = None,
    content: bytes | None = None,
    content_type: str = "application/json",
    must_refuse: bool,
    names: str | None = None,
    collection: str | None = None,
) -> None:
    settle(client, service)
    headers = {"Content-Type": content_type} if content is not None else {}
    r = client.request(method, path, params=params, content=content, headers=headers)
    what = f"{method} {r.request.url.raw_path.decode()} ({_shown(content)})"
    answer = f"{r.status_code} {r.headers.get('content-type')} {r.text[:400]}"
    assert r.status_code < 500, f"{what} answered a server error: {answer}"
    rows = _rejected_rows(r)
    if must_refuse and rows is not None:
        # A batch route (events, member import) answers 200 and lists each refused row.
        if names is not None:
            # Event rows carry {loc, msg, type}; import rows carry "field: reason" lines.
            named = [
                str(p) if isinstance(e, dict) else e.partition(":")[0]
                for row in rows
                for e in row.get("errors", [])
                for p in (e["loc"] if isinstance(e, dict) else [e])
            ]
            assert names in named, f"{what}: the rejected row does not name `{names}`: {answer}"
    elif must_refuse:
        assert 400 <= r.status_code < 500, f"{what} was accepted, not refused: {answer}"
    if 400 <= r.status_code < 500:
        assert r.headers.get("content-type", "").startswith("application/problem+json"), (
            f"{what} answered a 4xx that is not problem+json: {answer}"
        )
        if names is not None:
            problem = r.json()
            locs = [str(p) for e in problem.get("errors") or [] for p in e.get("loc", [])]
            assert names in str(problem.get("detail", "")) or names in locs, (
                f"{what}: the problem does not name `{names}`: {answer}"
            )
    follow = client.get(PROBES[service])
    assert follow.status_code == 200, (
        f"after {what} answered {r.status_code}, the next GET {PROBES[service]} on the same "
        f"client answered {follow.status_code}: {follow.text[:300]}"
    )
    if collection is not None and r.is_success:
        listed = client.get(collection)
        assert listed.status_code == 200, (
            f"after {what} was accepted ({r.status_code}), GET {collection} answered "
            f"{listed.status_code}: {listed.text[:300]}"
        )


def test_the_cases_come_from_the_documents_the_services_serve(stack: Stack) -> None:
    for svc in SERVICES:
        served = httpx.get(
            stack.url(svc) + "/openapi.json", headers={"x-internal-token": INTERNAL_TOKEN}
        )
        assert served.status_code == 200, served.text
        assert served.json() == SPECS[svc], f"{svc}-svc serves another OpenAPI document"


def test_every_body_route_with_dates_or_free_json_has_an_example() -> None:
    missing = [
        f"{op.label} ({op.op_id})"
        for op in OPERATIONS
        if any(leaf.kind != "text" for leaf in hostile.body_leaves(op))
        and op.op_id not in hostile.EXAMPLES
    ]
    assert not missing, f"add a valid example body to hostile.EXAMPLES for: {missing}"


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_hostile_input(client: httpx.Client, parents: Parents, attack: Attack) -> None:
    op = attack.op
    try:
        request = attack.build(parents)
    except LookupError as exc:
        pytest.fail(f"{attack.id}: {exc}")
    path = op.path.format_map({k: parents[k] for k in _names(op.path)})
    attack_and_follow(
        client,
        op.service,
        op.method,
        path,
        params=request.params,
        content=request.content,
        content_type=request.content_type,
        must_refuse=attack.must_refuse,
        names=attack.names,
        collection=COLLECTIONS.get(op.op_id),
    )


def _names(template: str) -> list[str]:
    return [part.split("}", 1)[0] for part in template.split("{")[1:]]


# The issue's own reproductions, word for word, so each has a test named after it.
def _event_with_props(depth: int) -> bytes:
    now = datetime.now(UTC).isoformat()
    event = {"id": str(uuid.uuid4()), "type": "view", "occurred_at": now}
    return hostile.with_nested([event], (0, "props"), depth)


REPRODUCTIONS: list[tuple[str, str, str, str, bytes | None, bool, str | None]] = [
    (
        "metrics views from 0001-01-01 +14:00",
        "metrics",
        "GET",
        "/v1/metrics/views?from=0001-01-01T00:00:00%2B14:00&to=0001-01-02T00:00:00%2B14:00",
        None,
        True,
        None,
    ),
    (
        "retention 9999 week",
        "metrics",
        "POST",
        "/v1/retention/query",
        hostile.encode(
            {
                "cohort_event": "view",
                "return_event": "click",
                "from": "9999-12-01T00:00:00Z",
                "to": "9999-12-31T00:00:00Z",
                "period": "week",
            }
        ),
        True,
        "from",
    ),
    (
        "events nested 10000 deep",
        "metrics",
        "POST",
        "/v1/events",
        b"[" * 10_000 + b"]" * 10_000,
        True,
        None,
    ),
    (
        "one event with props 990 deep",
        "metrics",
        "POST",
        "/v1/events",
        _event_with_props(990),
        True,
        None,
    ),
    (
        "members import nested 10000 deep",
        "community",
        "POST",
        "/v1/groups/{group_id}/members/import",
        hostile.nested(10_000),
        True,
        None,
    ),
    (
        "members import external_id lone surrogate",
        "community",
        "POST",
        "/v1/groups/{group_id}/members/import",
        b'[{"external_id":"bad-\\ud800"}]',
        True,
        "external_id",
    ),
    ("metrics clicks ?chanel_id=x", "metrics", "GET", "/v1/metrics/clicks?chanel_id=x", None,
     True, "chanel_id"),
    ("metrics views ?actor_id=x", "metrics", "GET", "/v1/metrics/views?actor_id=x",
     None, True, "actor_id"),
    ("topics ?stauts=accepted", "content", "GET", "/v1/topics?stauts=accepted", None, True,
     "stauts"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("service", "method", "path", "content", "must_refuse", "names"),
    [r[1:] for r in REPRODUCTIONS],
    ids=[r[0] for r in REPRODUCTIONS],
)
def test_issue_reproduction(
    client: httpx.Client,
    parents: Parents,
    service: str,
    method: str,
    path: str,
    content: bytes | None,
    must_refuse: bool,
    names: str | None,
) -> None:
    attack_and_follow(
        client,
        service,
        method,
        path.format_map(parents),
        content=content,
        must_refuse=must_refuse,
        names=names,
    )


# The member import job reads a CSV body, which the generated cases (JSON bodies) leave alone:
# a file that cannot be imported is refused at once, before any job exists; a file whose rows
# are bad (a NUL in a cell) is taken, and the job reports the rows (community-svc's tests).
CSV_IMPORT = "/v1/groups/{group_id}/member-imports"
CSV_REPRODUCTIONS: list[tuple[str, str, bytes, bool]] = [
    ("member-imports a lone surrogate", "text/csv", b"external_id\nbad-\xed\xa0\x80\n", True),
    ("member-imports a NUL byte in a cell", "text/csv", b"external_id\nbad-\x00\n", False),
    ("member-imports a 200 KB cell", "text/csv", b"external_id\n" + b"x" * 200_000 + b"\n", True),
    ("member-imports 20,000 columns", "text/csv", b",".join([b"external_id"] * 20_000), True),
    ("member-imports JSON nested 10000 deep", "application/json", hostile.nested(10_000), True),
]


@pytest.mark.parametrize(
    ("content_type", "content", "must_refuse"),
    [r[1:] for r in CSV_REPRODUCTIONS],
    ids=[r[0] for r in CSV_REPRODUCTIONS],
)
def test_a_hostile_member_import_file(
    client: httpx.Client,
    parents: Parents,
    content_type: str,
    content: bytes,
    must_refuse: bool,
) -> None:
    attack_and_follow(
        client,
        "community",
        "POST",
        CSV_IMPORT.format_map(parents),
        content=content,
        content_type=content_type,
        must_refuse=must_refuse,
    )
