"""Hostile inputs derived from the services' OpenAPI documents, for ``test_hostile.py``.

The cases are built at collection time (so each one is its own test id) from each service's
``create_app().openapi()``, and from the gateway's own API key routes (``api_keys_document()``,
as the merged ``/openapi.json`` shows them); ``test_hostile.py`` checks that each service's is
byte for byte the document the running service serves on ``/openapi.json``. A new route,
parameter or field is therefore attacked without anyone editing this file, and a new body route
with date or free-form fields fails loudly until it has a valid example in ``EXAMPLES``.
"""

from __future__ import annotations

import copy
import importlib
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from gateway.apikeys.app import api_keys_document

from .stack import SERVICES
from .test_community import STEPS

Json = Any
Parents = dict[str, str]
FieldPath = tuple[str | int, ...]

# A plain read per service that must answer 200 after any attack on that service: it goes to
# the same upstream, so it is the request a poisoned gateway→service connection would break.
PROBES = {
    "content": "/v1/channels",
    "campaign": "/v1/campaigns",
    "community": "/v1/groups",
    "metrics": "/v1/targets",
    "gateway": "/v1/api-keys",  # the gateway's own routes, served with its own database
}

# Past what any client of ours sends, yet below Python's own recursion limit (about 990 levels
# of json.loads), so it is the service's depth limit that must answer, not an accident.
FEW_HUNDRED = 500
TEN_THOUSAND = 10_000
PROPS_DEEP = 995  # the "props nest ≥ 990 deep"

DATE_VALUES = ("0001-01-01", "9999-12-31")
DATETIME_VALUES = tuple(
    f"{day}{offset}"
    for day in ("0001-01-01T00:00:00", "9999-12-31T23:59:59")
    for offset in ("+14:00", "-12:00", "Z")
)
# (start, end) pairs one day apart at both ends of the calendar, for routes with a window.
DATE_WINDOWS = (("0001-01-01", "0001-01-02"), ("9999-12-30", "9999-12-31"))
DATETIME_WINDOWS = tuple(
    (f"{a}T00:00:00{offset}", f"{b}T00:00:00{offset}")
    for a, b in DATE_WINDOWS
    for offset in ("+14:00", "-12:00")
)

SENTINEL = "hostile-sentinel-7f3a"
# Written into the JSON bytes as escapes: a lone surrogate cannot be encoded as UTF-8 (so not
# stored), and NUL is refused by PostgreSQL text columns.
TEXT_POISONS = {"surrogate": r'"bad-\ud800"', "nul": r'"bad-\u0000"'}

# One resource per service whose every text field gets the poisons (the create route), and
# campaign-svc's partners, whose contact details are normalised and masked.
TEXT_TARGETS = (
    "channels-create_channel",
    "inbox-receive_message",
    "campaigns-create_campaign",
    "partners-create_partner",
    "groups-create_group",
    "events-ingest_events",
    "benchmarks-create_benchmark",
    "api-keys-create_api_key",
)


def load_specs() -> dict[str, dict[str, Any]]:
    """Each service's OpenAPI document, as its app builds it (no database needed), and the
    gateway's API key routes under ``gateway``."""
    specs = {
        svc: importlib.import_module(f"{svc}_svc.main").create_app().openapi() for svc in SERVICES
    }
    return specs | {"gateway": api_keys_document()}


@dataclass(frozen=True)
class Operation:
    service: str
    method: str
    path: str
    op_id: str
    parameters: tuple[dict[str, Any], ...]
    json_body: dict[str, Any] | None

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


def operations(specs: dict[str, dict[str, Any]]) -> list[Operation]:
    found = []
    for svc, spec in specs.items():
        for path, ops in spec["paths"].items():
            for method, op in ops.items():
                content = op.get("requestBody", {}).get("content", {})
                schema = content.get("application/json", {}).get("schema")
                found.append(
                    Operation(
                        svc,
                        method.upper(),
                        path,
                        op["operationId"],
                        tuple(op.get("parameters", ())),
                        resolve(spec, schema) if schema is not None else None,
                    )
                )
    return found


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every ``$ref`` inlined (the services' schemas are not recursive)."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            return resolve(spec, spec["components"]["schemas"][name])
        return {k: resolve(spec, v) for k, v in schema.items()}
    if isinstance(schema, list):
        return [resolve(spec, v) for v in schema]
    return schema


def _alternatives(schema: dict[str, Any]) -> list[dict[str, Any]]:
    subs = schema.get("anyOf") or schema.get("oneOf")
    if subs:
        return [s for sub in subs if sub.get("type") != "null" for s in _alternatives(sub)]
    return [schema]


@dataclass(frozen=True)
class Leaf:
    path: FieldPath
    kind: str  # "text", "date", "date-time", "object" (free-form JSON)


def leaves(schema: dict[str, Any], path: FieldPath = ()) -> Iterator[Leaf]:
    """Every scalar or free-form field of a body schema; array items appear as index 0."""
    seen: set[Leaf] = set()
    for alt in _alternatives(schema):
        for leaf in _leaves_of(alt, path):
            if leaf not in seen:
                seen.add(leaf)
                yield leaf


def _leaves_of(schema: dict[str, Any], path: FieldPath) -> Iterator[Leaf]:
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        if not props:
            yield Leaf(path, "object")
        for name, sub in props.items():
            yield from leaves(sub, (*path, name))
    elif kind == "array":
        yield from leaves(schema.get("items", {}), (*path, 0))
    elif kind == "string":
        fmt = schema.get("format")
        yield Leaf(path, fmt if fmt in ("date", "date-time") else "text")


def query_date_kind(param: dict[str, Any]) -> str | None:
    """Whether a query parameter is a "date", a "date-time", "either" (metrics' from/to) or not."""
    if param.get("in") != "query":
        return None
    formats = {alt.get("format") for alt in _alternatives(param.get("schema", {}))}
    if "date-time" in formats:
        return "date-time"
    if "date" in formats:
        return "date"
    if "RFC 3339" in param.get("description", ""):
        return "either"
    return None


# --- valid example bodies, keyed by operation id --------------------------------------------------
# Each takes the parent ids (``Parents``) and returns a body the route accepts. The four
# TEXT_TARGETS carry every optional field, so each of their text fields is attacked in place.


def _soon(days: int = 1) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).isoformat()


def _event(p: Parents) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "type": "view",
        "occurred_at": datetime.now(UTC).isoformat(),
        "actor_id": "u-1",
        "channel_id": "ch-1",
        "post_id": "post-1",
        "publication_id": "pub-1",
        "campaign_id": p["campaign_id"],
        "group_id": p["group_id"],
        "value": 1,
        "props": {"source": "feed"},
    }


def _campaign(_: Parents) -> dict[str, Any]:
    return {
        "name": "双十一",
        "kind": "flash_sale",
        "starts_at": _soon(0),
        "ends_at": _soon(7),
        "budget_amount": 1000,
        "currency": "CNY",
        "goals": [{"metric": "clicks", "target": 10}],
        "channel_ids": ["ch-1"],
        "post_ids": ["post-1"],
        "group_ids": ["group-1"],
    }


def _target(_: Parents) -> dict[str, Any]:
    return {
        "name": "本周点击",
        "metric": "clicks",
        "filters": {"channel_id": "ch-1"},
        "period_start": _soon(-1),
        "period_end": _soon(1),
        "target_value": 10,
    }


CHANNEL = {
    "platform": "wechat_oa",
    "name": "品牌服务号",
    "handle": "brand",
    "timezone": "Asia/Shanghai",
    "limits": {"title_max": 100},
    "prime_time_slots": [{"weekday": 1, "time": "20:00"}],
    # A public address literal: needs no DNS, and no SSRF rule refuses it.
    "publisher": {
        "kind": "webhook",
        "url": "https://93.184.215.14/in",
        "secret": "s3cret-0123456789ab",
    },
    # Its WeChat Official Account, every field given so each is attacked in place.
    "wechat": {
        "app_id": "wx5f3a9c1e7b2d4068",
        "app_secret": "9c1e7b2d40685f3a9c1e7b2d40685f3a",
        "callback_token": "brandToken2026",
        "encoding_aes_key": "q8Vw3nL0sT5yK2bR7fH1mZ4xC6vN9pJ0dG3aE8uW2tY",
        "api_base_url": "https://93.184.215.14/wechat",
        "thumb_media_id": "Lr1cW2Yq0cV8tS9Jd3oK7mX4nB6vQ2pZ5aE1uH8gF0s",
    },
}
GROUP = {
    "name": "新品体验群",
    "platform": "wecom",
    "kind": "product",
    "positioning": "新品内测反馈",
    "audience": "宝妈",
    "rules": "不发广告",
    "entry_threshold": "老客",
    "capacity": 500,
    "timezone": "Asia/Shanghai",
    "leader_id": "op-lead",
    "assistant_ids": ["op-help"],
}
STEP = STEPS[0]  # the opening message of the community suite
PARTNER = {
    "platform": "xiaohongshu",
    "handle": "xiaolu_ootd",
    "display_name": "小鹿的穿搭日记",
    "audience": "一二线城市 22-30 岁女性",
    "tone_tags": ["温柔"],
    "follower_count": 286000,
    "price_per_post": 300000,
    "currency": "CNY",
    "contact": {
        "name": "陈小鹿",
        "phone": "139 0013 8000",
        "email": "xiaolu@example.com",
        "wechat_id": "xiaolu_ootd",
    },
    "notes": "报价含一次修改",
}


def _collaboration(p: Parents) -> Json:
    return {
        "partner_id": p["partner_id"],
        "campaign_id": p["campaign_id"],
        "brief": "双十一好物清单笔记",
        "agreed_price": 250000,
        "currency": "CNY",
        "due_date": "2027-11-05",
    }


def _messages(p: Parents) -> Json:
    # Messages are recorded for a current member: the member parent is wx-1 of the group.
    assert p["member_id"]
    return {"external_id": "wx-1", "sent_at": _soon(-1)}


def _inbox_message(p: Parents) -> Json:
    # Every optional field but tracking_code (the publication is named by id): each text field
    # is attacked in place.
    return {
        "channel_id": p["channel_id"],
        "kind": "comment",
        "external_message_id": f"c-{uuid.uuid4().hex}",
        "external_thread_id": "note-1",
        "author": {"id": "reader-1", "name": "小鹿"},
        "text": "敏感肌能用吗",
        "publication_id": p["publication_id"],
        "received_at": datetime.now(UTC).isoformat(),
    }


EXAMPLES: dict[str, Callable[[Parents], Json]] = {
    "channels-create_channel": lambda _: dict(CHANNEL),
    "campaigns-create_campaign": _campaign,
    "campaigns-update_campaign": lambda _: {"starts_at": _soon(0), "ends_at": _soon(7)},
    "groups-create_group": lambda _: dict(GROUP),
    "events-ingest_events": lambda p: [_event(p)],
    "topics-create_topic": lambda _: {"title": "选题", "due_date": "2026-12-01"},
    "topics-update_topic": lambda _: {"due_date": "2026-12-01"},
    "publications-create_publication": lambda p: {
        "post_id": p["post_id"],
        "channel_id": p["channel_id"],
        "scheduled_at": _soon(),
    },
    "coupon-batches-create_coupon_batch": lambda p: {
        "campaign_id": p["campaign_id"],
        "name": "满200减30",
        "discount_type": "fixed",
        "amount_off": 3000,
        "total_quantity": 2,
        "valid_from": _soon(0),
        "valid_until": _soon(7),
    },
    "groups-add_goal": lambda _: {
        "horizon": "short_term",
        "metric": "members",
        "target": 100,
        "due_date": "2026-12-01",
    },
    "messages-record_messages": _messages,
    "members-import_members": lambda _: [
        {"external_id": f"wx-{uuid.uuid4().hex[:8]}", "joined_at": _soon(-1)}
    ],
    "sop-runs-start_run": lambda p: {
        "template_id": p["template_id"],
        "group_id": p["group_id"],
        "anchor_date": "2026-12-01",
        "campaign_start_date": "2026-12-01",
    },
    "funnels-query_funnel": lambda _: {
        "steps": [{"type": "view"}, {"type": "click"}],
        "from": _soon(-7),
        "to": _soon(0),
    },
    "retention-query_retention": lambda _: {
        "cohort_event": "view",
        "return_event": "click",
        "from": _soon(-14),
        "to": _soon(0),
        "period": "week",
    },
    "partners-create_partner": lambda _: copy.deepcopy(PARTNER),
    "collaborations-create_collaboration": _collaboration,
    "collaborations-update_collaboration": lambda _: {"due_date": "2027-11-06"},
    "targets-create_target": _target,
    "benchmarks-create_benchmark": lambda _: {
        "platform": "weibo",
        "handle": f"rival-{uuid.uuid4().hex[:8]}",
        "name": "竞品微博",
        "notes": "每日两更",
    },
    "benchmarks-put_snapshot": lambda _: {
        "followers": 1000,
        "posts": 1,
        "avg_reads": 250.5,
        "likes": 12,
    },
    "benchmarks-record_snapshots": lambda _: [
        {"snapshot_date": "2026-11-16", "followers": 1000, "posts": 1, "avg_reads": 250.5}
    ],
    "targets-update_target": lambda _: {"period_start": _soon(-1), "period_end": _soon(1)},
    "inbox-receive_message": _inbox_message,
    "inbox-update_thread": lambda _: {"assignee_id": "u-li", "tags": ["售后"]},
    "inbox-transition_thread": lambda _: {"to": "closed"},
    "inbox-send_reply": lambda _: {"text": "您好"},
    "inbox-create_canned_reply": lambda _: {
        "name": f"问候 {uuid.uuid4().hex[:6]}",
        "text": "您好",
        "tags": ["通用"],
    },
    "inbox-update_canned_reply": lambda _: {"text": "您好 有什么可以帮您"},
    "inbox-put_channel_settings": lambda _: {"reply_sla_minutes": 30},
    "api-keys-create_api_key": lambda _: {
        "name": "埋点上报",
        "scopes": ["content:read"],
        "expires_at": _soon(30),
    },
}


# --- building requests ------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    params: dict[str, str]
    content: bytes | None = None
    content_type: str = "application/json"


@dataclass(frozen=True)
class Attack:
    """One hostile request and what must come back.

    ``must_refuse``: the answer must be a 4xx problem+json (naming ``names`` when set); otherwise
    any answer below 500 will do. Dates are refused outside 1970-2200 (``servicekit.timebounds``),
    so every year-1 and year-9999 attack must be.
    """

    id: str
    op: Operation
    build: Callable[[Parents], Request]
    must_refuse: bool
    names: str | None = None
    notes: str = field(default="", compare=False)


def set_at(body: Json, path: FieldPath, value: Json) -> Json:
    """A copy of ``body`` with ``value`` at ``path``; the parent of the leaf must exist."""
    body = copy.deepcopy(body)
    node = body
    for i, step in enumerate(path[:-1]):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            raise LookupError(
                f"the example body has no {'.'.join(map(str, path[: i + 1]))}: "
                "add the field to EXAMPLES so it is attacked"
            ) from None
    leaf = path[-1]
    if isinstance(node, list) and not (isinstance(leaf, int) and leaf < len(node)):
        raise LookupError(f"the example body has no {'.'.join(map(str, path))}")
    node[leaf] = value
    return body


def encode(body: Json, raw: str | None = None) -> bytes:
    """``body`` as JSON bytes, with the raw JSON text ``raw`` written where ``SENTINEL`` stands
    (how a lone surrogate escape or a value too deep for ``json.dumps`` gets into the bytes)."""
    text = json.dumps(body, ensure_ascii=False)
    if raw is not None:
        text = text.replace(json.dumps(SENTINEL), raw)
    return text.encode()


def nested(depth: int) -> bytes:
    """``{"a":{"a":…}}`` ``depth`` levels deep, written without recursion."""
    return b'{"a":' * depth + b"1" + b"}" * depth


def with_nested(body: Json, path: FieldPath, depth: int) -> bytes:
    return encode(set_at(body, path, SENTINEL), nested(depth).decode())


def default_query(op: Operation, p: Parents) -> dict[str, str]:
    """Values for the operation's *required* query parameters, so only the attacked one is odd."""
    params = {}
    for param in op.parameters:
        if param.get("in") != "query" or not param.get("required"):
            continue
        name, alts = param["name"], _alternatives(param.get("schema", {}))
        formats = {a.get("format") for a in alts}
        enums = [a["enum"] for a in alts if "enum" in a]
        if name.endswith("_id"):
            params[name] = p[name]  # a parent of the right kind, created on demand
        elif "date-time" in formats:
            params[name] = _soon(-1 if name in ("from", "since") else 1)
        elif "date" in formats:
            params[name] = datetime.now(UTC).date().isoformat()
        elif "uuid" in formats:
            params[name] = str(uuid.uuid4())
        elif enums:
            params[name] = str(enums[0][0])
        elif any(a.get("type") in ("number", "integer") for a in alts):
            params[name] = "1"
        else:
            params[name] = "x"
    return params


def body_leaves(op: Operation) -> list[Leaf]:
    return list(leaves(op.json_body)) if op.json_body is not None else []


def _label(path: FieldPath) -> str:
    return ".".join(str(s) for s in path) or "body"


def _field_name(path: FieldPath) -> str:
    return next(str(s) for s in reversed(path) if isinstance(s, str))


def _with_example(op: Operation, mutate: Callable[[Json], bytes]) -> Callable[[Parents], Request]:
    def build(p: Parents) -> Request:
        if op.op_id not in EXAMPLES:
            raise LookupError(f"{op.label} ({op.op_id}) has no valid example body in EXAMPLES")
        return Request(default_query(op, p), mutate(EXAMPLES[op.op_id](p)))

    return build


# The builders below bind their values in a closure of their own: a lambda in a loop would see
# the loop's last value, and one with default arguments has no type mypy can infer.
def _with_body(op: Operation, content: bytes) -> Callable[[Parents], Request]:
    return lambda p: Request(default_query(op, p), content)


def _with_query(op: Operation, extra: dict[str, str]) -> Callable[[Parents], Request]:
    return lambda p: Request(default_query(op, p) | extra)


def _setting(path: FieldPath, value: Json, raw: str | None = None) -> Callable[[Json], bytes]:
    """A mutation of an example body: ``value`` at ``path`` (``raw`` as in ``encode``)."""
    return lambda body: encode(set_at(body, path, value), raw)


def _nesting(path: FieldPath, depth: int) -> Callable[[Json], bytes]:
    return lambda body: with_nested(body, path, depth)


def nesting_attacks(op: Operation) -> Iterator[Attack]:
    if op.json_body is None:
        return
    for depth, name in ((TEN_THOUSAND, "10000"), (FEW_HUNDRED, str(FEW_HUNDRED))):
        yield Attack(
            f"{op.label} body nested {name} deep",
            op,
            _with_body(op, nested(depth)),
            must_refuse=True,
        )
        yield Attack(
            f"{op.label} body array nested {name} deep",
            op,
            _with_body(op, b"[" * depth + b"]" * depth),
            must_refuse=True,
        )
    for leaf in body_leaves(op):
        if leaf.kind != "object":
            continue
        for depth in (FEW_HUNDRED, PROPS_DEEP):
            yield Attack(
                f"{op.label} {_label(leaf.path)} nested {depth} deep",
                op,
                _with_example(op, _nesting(leaf.path, depth)),
                must_refuse=True,
            )


def date_attacks(op: Operation) -> Iterator[Attack]:
    # Query parameters: each alone, then all of them as a window at either end of the calendar.
    dated = [(p["name"], k) for p in op.parameters if (k := query_date_kind(p))]
    for name, kind in dated:
        values = {"date": DATE_VALUES, "date-time": DATETIME_VALUES}.get(
            kind, DATE_VALUES + DATETIME_VALUES
        )
        for value in values:
            yield Attack(
                f"{op.label} ?{name}={value}",
                op,
                _with_query(op, {name: value}),
                must_refuse=True,
                names=name,
            )
    if len(dated) >= 2:
        kinds = {k for _, k in dated}
        windows = DATE_WINDOWS if kinds == {"date"} else DATETIME_WINDOWS
        if "either" in kinds:
            windows = DATE_WINDOWS + DATETIME_WINDOWS
        for start, end in windows:
            names = [n for n, _ in dated]
            window = {names[0]: start} | dict.fromkeys(names[1:], end)
            yield Attack(
                f"{op.label} ?{'&'.join(f'{k}={v}' for k, v in window.items())}",
                op,
                _with_query(op, window),
                must_refuse=True,
            )
    # Body fields: each alone, then all of them as a window.
    body_dates = [leaf for leaf in body_leaves(op) if leaf.kind in ("date", "date-time")]
    for leaf in body_dates:
        for value in DATE_VALUES if leaf.kind == "date" else DATETIME_VALUES:
            yield Attack(
                f"{op.label} {_label(leaf.path)}={value}",
                op,
                _with_example(op, _setting(leaf.path, value)),
                must_refuse=True,
                names=str(leaf.path[-1]),
            )
    if len(body_dates) >= 2:
        all_dates = {leaf.kind for leaf in body_dates} == {"date"}
        for start, end in DATE_WINDOWS if all_dates else DATETIME_WINDOWS:

            def window_body(b: Json, start: str = start, end: str = end) -> bytes:
                for i, leaf in enumerate(body_dates):
                    value = start if i == 0 else end
                    b = set_at(b, leaf.path, value if leaf.kind != "date" else value[:10])
                return encode(b)

            yield Attack(
                f"{op.label} body window {start}..{end}",
                op,
                _with_example(op, window_body),
                must_refuse=True,
            )


def text_attacks(op: Operation) -> Iterator[Attack]:
    if op.op_id not in TEXT_TARGETS:
        return
    for leaf in body_leaves(op):
        if leaf.kind == "object":
            continue
        for name, poison in TEXT_POISONS.items():
            yield Attack(
                f"{op.label} {_label(leaf.path)}={name}",
                op,
                _with_example(op, _setting(leaf.path, SENTINEL, raw=poison)),
                must_refuse=True,
                names=_field_name(leaf.path),
            )


def unknown_query_attacks(op: Operation) -> Iterator[Attack]:
    if op.method != "GET":
        return
    yield Attack(
        f"{op.label} ?hostile_unknown=1",
        op,
        lambda p: Request(default_query(op, p) | {"hostile_unknown": "1"}),
        must_refuse=True,
        names="hostile_unknown",
    )


def all_attacks(specs: dict[str, dict[str, Any]]) -> list[Attack]:
    found: list[Attack] = []
    for op in operations(specs):
        for make in (nesting_attacks, date_attacks, text_attacks, unknown_query_attacks):
            found.extend(make(op))
    return found
