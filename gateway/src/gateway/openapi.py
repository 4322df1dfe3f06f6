"""``GET /openapi.json``: the four services' OpenAPI documents merged into the one API at the door.

Each service serves its own document at ``/openapi.json`` behind the internal token; the gateway
fetches the four at once with that token, merges them (``merge``) and keeps the result
(``MergedSpec``): ``openapi_cache_s`` when every service answered, ``openapi_retry_s`` when one
did not. A service that cannot be read leaves the others served; the document then names what is
missing (``info.description`` and ``x-mediaops-services``) until a later fetch finds it.

The merge keeps the services' paths, operation ids and tags as they are unless two services
clash, and then makes each one unique with the service's name: components with the same name
and different content become ``Campaign_GoalRead`` and ``Community_GoalRead`` (every ``$ref``
follows, and so does a ``title`` that was the old name), identical ones are shared. What the
services say as services (a 401 about the internal token) gives way to what a caller of the
gateway meets: the bearer token, the rate limit and the gateway's own 502/503/504, on every
operation.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import structlog

from gateway.apikeys.app import OWN_ANSWERS, api_keys_document
from gateway.routes import PUBLIC, UPSTREAMS, resolve, resource_of
from gateway.upstreams import Upstream, connect_failure_reason
from servicekit.apidoc import problem_answer
from servicekit.context import HEADER_INTERNAL_TOKEN
from servicekit.problems import problem_components

log = structlog.get_logger("gateway.openapi")

Json = dict[str, Any]
OPENAPI_VERSION = "3.1.0"
API_VERSION = "0.1.0"
# Answers the gateway itself gives to any operation: status → component under ``responses``.
GATEWAY_RESPONSES: Mapping[str, str] = {
    "401": "Unauthorized",
    "429": "TooManyRequests",
    "502": "BadGateway",
    "503": "ServiceUnavailable",
    "504": "GatewayTimeout",
}
# Every call takes either credential (``gateway.credentials``).
SECURITY: list[Json] = [{"bearerAuth": []}, {"apiKeyAuth": []}]
_REF_PREFIX = "#/components/"
# Ops routes each service keeps out of its document; dropped here too should one appear.
_OPS_PATHS = frozenset({"/healthz", "/readyz", "/health/upstreams", "/metrics"})


def _problem(status: int, description: str, headers: Json | None = None) -> Json:
    response = problem_answer(status, description)
    if headers:
        response["headers"] = headers
    return response


def _header(description: str, schema_type: str = "integer") -> Json:
    return {"description": description, "schema": {"type": schema_type}}


_RETRY_AFTER = _header("Seconds to wait before trying again.")


def _gateway_components() -> Json:
    """The gateway's own components: the shared ``Problem`` (the very schema the services
    publish, so it is shared rather than renamed), its answers and the security scheme."""
    return {
        "schemas": problem_components(),
        "responses": {
            "Unauthorized": _problem(
                401,
                "No valid bearer token or API key (answered by the gateway): none sent, "
                "malformed, expired, signed with another key, living longer than the gateway "
                "accepts, or a revoked or unknown API key. The detail says which.",
                {"WWW-Authenticate": _header('`Bearer realm="mediaops"`', "string")},
            ),
            "TooManyRequests": _problem(
                429,
                "Over the workspace's budget for this route class, or the code-guessing guard "
                "refused the caller (answered by the gateway, the service is not called).",
                {
                    "Retry-After": _RETRY_AFTER,
                    "RateLimit-Limit": _header("Requests the window allows."),
                    "RateLimit-Remaining": _header("Requests left in the window (0)."),
                    "RateLimit-Reset": _header("Seconds until the oldest call leaves the window."),
                    "RateLimit-Policy": _header("`<limit>;w=<window seconds>`", "string"),
                },
            ),
            "BadGateway": _problem(
                502,
                "The service behind this path could not be reached, or closed the connection "
                "without answering (answered by the gateway); try again shortly.",
            ),
            "ServiceUnavailable": _problem(
                503,
                "The service's circuit is open after repeated failures (answered by the "
                "gateway without calling it), or the call carries an API key and the gateway's "
                "own database, which holds the keys, does not answer.",
                {"Retry-After": _RETRY_AFTER},
            ),
            "GatewayTimeout": _problem(
                504,
                "The service did not answer within the gateway's read timeout (answered by the "
                "gateway); a write may still complete there, so check before repeating it.",
            ),
        },
        "securitySchemes": {
            "bearerAuth": {
                "type": "http",
                "scheme": "bearer",
                "bearerFormat": "JWT",
                "description": (
                    "`Authorization: Bearer <JWT>`. Claims: `sub` (who calls), `ws` (the "
                    "workspace every call acts in), `scopes` (a list, or one space-separated "
                    "string, of `content|campaign|community|metrics:read|write`, `leads:pii`, "
                    "`admin`) and a numeric `exp`. A development token: `make token`. An API "
                    "key (`mo_…`) may be sent here too, as `Authorization: Bearer mo_…`."
                ),
            },
            "apiKeyAuth": {
                "type": "apiKey",
                "in": "header",
                "name": "X-Api-Key",
                "description": (
                    "`X-Api-Key: mo_…`: an API key for a machine, made by a workspace admin "
                    "with `POST /v1/api-keys` and shown once. It acts in its workspace with "
                    "its own scopes, until it expires or is revoked."
                ),
            },
        },
    }


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    """One service's document as fetched, or why it could not be (``spec`` is None)."""

    upstream: str
    spec: Json | None
    reason: str = ""


@dataclass(slots=True)
class _Component:
    section: str
    name: str
    by_source: dict[str, Json] = field(default_factory=dict)


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield ref
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _rewrite_refs(node: Any, renamed: Mapping[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            key: (
                renamed.get(value, value)
                if key == "$ref" and isinstance(value, str)
                else _rewrite_refs(value, renamed)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item, renamed) for item in node]
    return node


def _canonical(node: Any) -> str:
    return json.dumps(node, sort_keys=True, ensure_ascii=False)


def _prefix(source: str) -> str:
    return source.capitalize()


def component_names(sources: Mapping[str, Json]) -> dict[str, dict[str, str]]:
    """Per source, the ``$ref`` of each of its components that must change to stay unique:
    ``{"campaign": {"#/components/schemas/GoalRead": "#/components/schemas/Campaign_GoalRead"}}``.

    A name defined by several sources is shared when every definition is the same and every
    component it refers to is shared too (a ``GoalRead`` identical in two services but pointing
    at a ``LiveGoal`` that differs is not the same schema); otherwise each service's is
    prefixed. The gateway's own components (source ``gateway``) keep their names."""
    components: dict[str, _Component] = {}
    for source, spec in sources.items():
        for section, entries in spec.get("components", {}).items():
            for name, value in entries.items():
                ref = f"{_REF_PREFIX}{section}/{name}"
                components.setdefault(ref, _Component(section, name)).by_source[source] = value
    clashing = {
        ref
        for ref, component in components.items()
        if len({_canonical(value) for value in component.by_source.values()}) > 1
    }
    changed = True
    while changed:
        changed = False
        for ref, component in components.items():
            if ref in clashing or len(component.by_source) < 2:
                continue
            if any(r in clashing for value in component.by_source.values() for r in _refs(value)):
                clashing.add(ref)
                changed = True
    renames: dict[str, dict[str, str]] = {source: {} for source in sources}
    for ref in sorted(clashing):
        component = components[ref]
        for source in component.by_source:
            if source == "gateway":
                continue
            new_name = f"{_prefix(source)}_{component.name}"
            new_ref = f"{_REF_PREFIX}{component.section}/{new_name}"
            if new_ref in components:
                raise ValueError(f"renaming {source}'s {ref} would clash with {new_ref}")
            renames[source][ref] = new_ref
    return renames


def _unique(names_by_source: Mapping[str, Iterable[str]]) -> dict[str, dict[str, str]]:
    """Per source, each name used by more than one source, prefixed with the source."""
    counts = Counter(name for names in names_by_source.values() for name in set(names))
    return {
        source: {name: f"{source}-{name}" for name in set(names) if counts[name] > 1}
        for source, names in names_by_source.items()
    }


def _operations(spec: Json) -> Iterator[tuple[str, str, Json]]:
    for path, item in spec.get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                yield path, method, operation


def _public_operation(operation: Json, tags: Mapping[str, str], op_ids: Mapping[str, str]) -> Json:
    operation = dict(operation)
    if "operationId" in operation:
        operation["operationId"] = op_ids.get(operation["operationId"], operation["operationId"])
    operation["tags"] = [tags.get(tag, tag) for tag in operation.get("tags", [])]
    operation.setdefault("security", [dict(scheme) for scheme in SECURITY])
    if operation.pop(OWN_ANSWERS, False):
        # The gateway's own operation that lists exactly what it answers (``apikeys.app``).
        return operation
    # A public operation (``security: []``, a platform's callback) is called without a
    # credential: the gateway never answers it 401.
    public = operation["security"] == []
    responses: Json = {}
    for status, response in operation.get("responses", {}).items():
        if status in GATEWAY_RESPONSES:
            continue  # the services' 401 speaks of the internal token; the door's replaces it
        responses[status] = response
    for status, name in GATEWAY_RESPONSES.items():
        if not (public and status == "401"):
            responses[status] = {"$ref": f"{_REF_PREFIX}responses/{name}"}
    operation["responses"] = dict(sorted(responses.items()))
    return operation


_DASHBOARD_SECTIONS = ("publications", "tasks", "campaigns", "targets", "metrics")
_DASHBOARD_EXAMPLE: Json = {
    "tz": "Asia/Shanghai",
    "today": "2026-12-04",
    "generated_at": "2026-12-04T02:00:00Z",
    "publications": {
        "status": "ok",
        "from": "2026-12-03T16:00:00Z",
        "to": "2026-12-04T16:00:00Z",
        "total": 3,
        "by_status": {"scheduled": 2, "published": 1},
        "failed": [],
        "truncated": False,
    },
    "tasks": {"status": "ok", "total": 0, "by_assignee": [], "oldest": [], "truncated": False},
    "campaigns": {"status": "ok", "running": 0, "items": [], "truncated": False},
    "targets": {"status": "unavailable", "reason": "metrics-svc did not answer in time"},
    "metrics": {"status": "forbidden", "reason": "needs the `metrics:read` scope"},
}


def _dashboard_path() -> Json:
    """The gateway's own resource (``gateway.dashboard``), as the services describe theirs."""
    section = {
        "type": "object",
        "description": "One section; its other fields are in gateway/README.md.",
        "properties": {
            "status": {
                "type": "string",
                "enum": ["ok", "forbidden", "unavailable"],
                "description": "`ok`, or why the section is empty: the token lacks the "
                "service's read scope (`forbidden`), or the service did not answer in time "
                "(`unavailable`).",
            },
            "reason": {"type": "string", "description": "Why the section is not `ok`."},
        },
        "required": ["status"],
    }
    view = {
        "type": "object",
        "properties": {
            "tz": {
                "type": "string",
                "examples": ["Asia/Shanghai"],
                "description": "The time zone whose *today* the view shows.",
            },
            "today": {"type": "string", "format": "date", "description": "That day's date."},
            "generated_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the gateway composed the view (UTC).",
            },
            **dict.fromkeys(_DASHBOARD_SECTIONS, section),
        },
    }
    tz = {
        "name": "tz",
        "in": "query",
        "required": False,
        "description": "The IANA time zone whose *today* is meant.",
        "schema": {"type": "string", "default": "UTC", "examples": ["Asia/Shanghai"]},
    }
    operation = {
        "tags": ["dashboard"],
        "summary": "Get Dashboard",
        "description": (
            "One operator view composed from the four services at once: today's publications, "
            "overdue tasks, running campaigns, targets at risk and key metrics; a section whose "
            "service is down or refuses the token says so and the rest answers as usual "
            "(gateway/README.md, *The dashboard*)."
        ),
        "operationId": "dashboard-get_dashboard",
        "parameters": [tz],
        "responses": {
            "200": {
                "description": "The view, section by section.",
                "content": {"application/json": {"schema": view, "example": _DASHBOARD_EXAMPLE}},
            },
            "422": _problem(422, "Unknown time zone or query parameter"),
        },
    }
    return {"get": operation}


def _service_title(upstream: str) -> str:
    return f"{upstream}-svc"


def merge(fetched: Iterable[ServiceSpec]) -> Json:
    """The merged document of the services' documents (see the module's docstring)."""
    fetched = list(fetched)
    present = {item.upstream: item.spec for item in fetched if item.spec is not None}
    missing = [item for item in fetched if item.spec is None]
    keys = api_keys_document()
    own_components = _gateway_components()
    for section, entries in keys.get("components", {}).items():
        own_components.setdefault(section, {}).update(entries)
    gateway_spec: Json = {
        "components": own_components,
        "paths": {"/v1/dashboard": _dashboard_path(), **keys["paths"]},
        "tags": keys.get("tags", []),
    }
    sources: dict[str, Json] = {**present, "gateway": gateway_spec}
    renames = component_names(sources)
    tag_names = _unique(
        {
            source: [tag for _, _, op in _operations(spec) for tag in op.get("tags", [])]
            for source, spec in sources.items()
        }
    )
    op_ids = _unique(
        {
            source: [op["operationId"] for _, _, op in _operations(spec) if "operationId" in op]
            for source, spec in sources.items()
        }
    )

    paths: Json = {}
    components: dict[str, Json] = {}
    tags: dict[str, Json] = {}
    groups: list[Json] = []
    for source, spec in sources.items():
        renamed = renames[source]
        spec = _rewrite_refs(spec, renamed)
        for section_name, entries in spec.get("components", {}).items():
            section = components.setdefault(section_name, {})
            for name, value in entries.items():
                ref = f"{_REF_PREFIX}{section_name}/{name}"
                new_name = renamed.get(ref, ref).rsplit("/", 1)[1]
                if new_name != name and isinstance(value, dict) and value.get("title") == name:
                    # The title is the name docs show and client generators name a class by:
                    # two different ``GoalRead`` models would clash there as they did here.
                    value = {**value, "title": new_name}
                section.setdefault(new_name, value)
        declared = {tag["name"]: tag for tag in spec.get("tags", []) if "name" in tag}
        source_tags: list[str] = []
        for path, item in spec.get("paths", {}).items():
            if path in _OPS_PATHS or (source != "gateway" and _unrouted(path, source)):
                log.warning("openapi path not routed to its service", path=path, service=source)
                continue
            public = {
                method: (
                    _public_operation(op, tag_names[source], op_ids[source])
                    if isinstance(op, dict) and "responses" in op
                    else op
                )
                for method, op in item.items()
            }
            paths[path] = public
            for op in public.values():
                if isinstance(op, dict):
                    source_tags.extend(t for t in op.get("tags", []) if t not in source_tags)
        title = "gateway" if source == "gateway" else _service_title(source)
        about = spec.get("info", {}).get("description") or "the gateway's own resources."
        for tag in sorted(source_tags):
            original = next((k for k, v in tag_names[source].items() if v == tag), tag)
            tags[tag] = {
                "name": tag,
                "description": declared.get(original, {}).get("description")
                or f"Served by {title}: {about}",
            }
        groups.append({"name": title, "tags": sorted(source_tags)})

    services_note: Json = {
        upstream: {"status": "included"} for upstream in UPSTREAMS if upstream in present
    }
    for item in missing:
        services_note[item.upstream] = {"status": "missing", "reason": item.reason}
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "MediaOps API",
            "version": API_VERSION,
            "description": _description(missing),
        },
        "servers": [{"url": "/"}],
        "security": [dict(scheme) for scheme in SECURITY],
        "tags": [tags[name] for name in sorted(tags)],
        "x-tagGroups": groups,
        "x-mediaops-services": services_note,
        "paths": dict(sorted(paths.items())),
        "components": {
            section: dict(sorted(entries.items())) for section, entries in components.items()
        },
    }


# A path parameter in a documented path (``{channel_id}``).
_PARAMETER = re.compile(r"\{[^/{}]+\}")
_SOME_ID = "00000000-0000-0000-0000-000000000000"


def _unrouted(path: str, upstream: str) -> bool:
    if resource_of(path) in PUBLIC:  # routed by shape: the id must look like one
        path = _PARAMETER.sub(_SOME_ID, path)
    route = resolve(path)
    return route is None or route.upstream != upstream


def _description(missing: list[ServiceSpec]) -> str:
    text = (
        "The MediaOps API: content (channels, topics, posts, publications, the calendar), "
        "campaigns (coupons, referrals, leads, partner collaborations), communities (groups, "
        "members, SOPs, tasks) and metrics, behind one gateway.\n\n"
        "Every call takes `Authorization: Bearer <JWT>` (see *bearerAuth*), but the platforms' "
        "callbacks (*wechat*), which prove themselves by the platform's signature; the "
        "token's `ws` claim is the workspace it acts in and its `scopes` what it may do. A "
        "machine may send an API key instead (`X-Api-Key: mo_…`, see *apiKeyAuth*, or as the "
        "bearer token), made by a workspace admin under *api-keys*. Errors are RFC 9457 "
        "`application/problem+json`. Every operation may also get the gateway's own answers: "
        "401 (token), 429 (rate limit, with `Retry-After`), 502/503/504 (its service "
        "unreachable, its circuit open, too slow)."
    )
    if missing:
        reasons = "; ".join(m.reason for m in missing)
        names = ", ".join(_service_title(m.upstream) for m in missing)
        text += (
            f"\n\n**Incomplete:** the operations of {names} are missing here ({reasons}); "
            "they appear once the gateway reads its document again."
        )
    return text


async def fetch_spec(
    session: aiohttp.ClientSession,
    upstream: Upstream,
    internal_token: str,
    timeout: aiohttp.ClientTimeout,
) -> ServiceSpec:
    """``upstream``'s ``/openapi.json``, read with the internal token (not through its circuit
    breaker: documentation neither spends nor reports on the service's health)."""
    name = upstream.service_name
    try:
        async with session.get(
            upstream.base_url + "/openapi.json",
            headers={HEADER_INTERNAL_TOKEN: internal_token, "Accept": "application/json"},
            timeout=timeout,
            allow_redirects=False,
        ) as response:
            if response.status != 200:
                return ServiceSpec(upstream.name, None, f"{name} answered {response.status}")
            spec = json.loads(await response.read())
    except TimeoutError:
        return ServiceSpec(upstream.name, None, f"{name} did not answer within {timeout.total:g} s")
    except aiohttp.ClientConnectorError as exc:
        return ServiceSpec(
            upstream.name, None, f"{name} is unreachable ({connect_failure_reason(exc)})"
        )
    except aiohttp.ClientError as exc:
        return ServiceSpec(upstream.name, None, f"{name} is unreachable ({type(exc).__name__})")
    except ValueError:
        return ServiceSpec(upstream.name, None, f"{name} answered something other than JSON")
    if not isinstance(spec, dict) or not isinstance(spec.get("paths"), dict):
        return ServiceSpec(upstream.name, None, f"{name} answered something other than OpenAPI")
    return ServiceSpec(upstream.name, spec)


class MergedSpec:
    """The merged document, fetched on first use and kept: ``cache_s`` when every service
    answered, ``retry_s`` when one did not. Requests that arrive while it is being fetched
    wait for that one fetch."""

    def __init__(
        self,
        *,
        internal_token: str,
        timeout_s: float,
        cache_s: float,
        retry_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._token = internal_token
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._cache_s = cache_s
        self._retry_s = retry_s
        self._clock = clock
        self._lock = asyncio.Lock()
        self._body: bytes | None = None
        self._expires_at = 0.0

    async def body(
        self, session: aiohttp.ClientSession, upstreams: Mapping[str, Upstream]
    ) -> bytes:
        """The merged document as JSON bytes."""
        if self._body is not None and self._clock() < self._expires_at:
            return self._body
        async with self._lock:
            if self._body is not None and self._clock() < self._expires_at:
                return self._body
            fetched = await asyncio.gather(
                *(
                    fetch_spec(session, upstream, self._token, self._timeout)
                    for upstream in upstreams.values()
                )
            )
            for item in fetched:
                if item.spec is None:
                    log.warning("openapi document unavailable", reason=item.reason)
            whole = all(item.spec is not None for item in fetched)
            merged = merge(fetched)
            self._body = json.dumps(merged, ensure_ascii=False).encode()
            self._expires_at = self._clock() + (self._cache_s if whole else self._retry_s)
            return self._body
