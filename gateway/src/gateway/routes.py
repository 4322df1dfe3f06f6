"""The one route table: which service owns ``/v1/<resource>`` and which scope a call needs.

A resource is the first path segment after ``/v1/``; the path itself is forwarded unchanged.
The gateway's own resources (``/v1/dashboard``, ``/v1/api-keys``) are not in the table: they are
routed in ``main`` before the pass-through and never forwarded.
Reads (GET, HEAD) need ``<service>:read`` and everything else ``<service>:write``, except a few
POSTs that only query (their bodies are too rich for a query string). ``admin`` satisfies every
scope.

A few paths are **public** (``PUBLIC``): a platform calls them without any MediaOps credential
(a WeChat Official Account's server URL, ``/v1/wechat/{channel_id}/callback``). They are routed
with no token, no workspace and no scope; the service proves the caller by the platform's own
signature, and the gateway rate-limits them per path (``ratelimit``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

UPSTREAMS: tuple[str, ...] = ("content", "campaign", "community", "metrics")

_OWNERS: dict[str, tuple[str, ...]] = {
    "content": (
        "channels",
        "topics",
        "posts",
        "publications",
        "calendar",
        "tracking-codes",
        "inbox",
    ),
    "campaign": (
        "campaigns",
        "coupon-batches",
        "coupons",
        "referrals",
        "leads",
        "partners",
        "collaborations",
    ),
    "community": ("groups", "members", "sop-templates", "sop-runs", "tasks"),
    "metrics": (
        "events",
        "metrics",
        "funnels",
        "retention",
        "targets",
        "insights",
        "attribution",
        "benchmarks",
    ),
}

RESOURCES: Mapping[str, str] = MappingProxyType(
    {resource: upstream for upstream, owned in _OWNERS.items() for resource in owned}
)

# Jobs (``/v1/jobs/{id}`` and below) belong to the service that runs them, which the id names:
# ``campaign-<uuid>`` is campaign-svc's. An id of another prefix is served by no one.
JOBS = "jobs"
JOB_OWNERS: tuple[str, ...] = ("campaign", "community")

# POSTs that read: (method, exact path).
READ_ONLY_CALLS: frozenset[tuple[str, str]] = frozenset(
    {("POST", "/v1/funnels/query"), ("POST", "/v1/retention/query")}
)

READ_METHODS = frozenset({"GET", "HEAD"})
ADMIN_SCOPE = "admin"

# Every read and write scope, the default of development tokens (not admin, not leads:pii).
SERVICE_SCOPES: tuple[str, ...] = tuple(
    f"{upstream}:{access}" for upstream in UPSTREAMS for access in ("read", "write")
)
PII_SCOPE = "leads:pii"
# Every scope MediaOps knows (DESIGN.md): what an API key may be given.
KNOWN_SCOPES: tuple[str, ...] = (*SERVICE_SCOPES, PII_SCOPE, ADMIN_SCOPE)


@dataclass(frozen=True, slots=True)
class Route:
    resource: str
    upstream: str
    # Called without a credential (a platform's callback): no token, workspace or scope.
    public: bool = False

    @property
    def service_name(self) -> str:
        """How people name the upstream in messages: ``content-svc``."""
        return f"{self.upstream}-svc"

    def required_scope(self, method: str, path: str) -> str:
        if method in READ_METHODS or (method, path.rstrip("/")) in READ_ONLY_CALLS:
            return f"{self.upstream}:read"
        return f"{self.upstream}:write"


_ROUTES: Mapping[str, Route] = MappingProxyType(
    {resource: Route(resource, upstream) for resource, upstream in RESOURCES.items()}
)


def resource_of(path: str) -> str | None:
    """``/v1/posts/42/revisions`` → ``posts``; None when the path is not under ``/v1/``."""
    if not path.startswith("/v1/"):
        return None
    resource, _, _ = path[4:].partition("/")
    return resource or None


_JOB_ROUTES: Mapping[str, Route] = MappingProxyType(
    {upstream: Route(JOBS, upstream) for upstream in JOB_OWNERS}
)


# Public paths: resource → (the upstream, the path's segments after ``/v1/<resource>/``, with
# ID where a resource's id goes). Only these exact shapes are public; any other path under the
# resource is served by no one, so an unauthenticated caller reaches nothing else.
WECHAT = "wechat"
ID = None
PUBLIC: Mapping[str, tuple[str, tuple[str | None, ...]]] = MappingProxyType(
    {WECHAT: ("content", (ID, "callback"))}
)
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_PUBLIC_ROUTES: Mapping[str, Route] = MappingProxyType(
    {resource: Route(resource, upstream, public=True) for resource, (upstream, _) in PUBLIC.items()}
)


def resolve(path: str) -> Route | None:
    resource = resource_of(path)
    if resource == JOBS:
        return _job_route(path)
    if resource is None:
        return None
    if resource in PUBLIC:
        return _public_route(resource, path)
    return _ROUTES.get(resource)


def _public_route(resource: str, path: str) -> Route | None:
    """``/v1/wechat/6f2c…/callback`` → content-svc's public route; None for any other shape."""
    _, shape = PUBLIC[resource]
    segments = path[len(f"/v1/{resource}/") :].split("/")
    if len(segments) != len(shape):
        return None
    for segment, expected in zip(segments, shape, strict=True):
        if segment != expected if expected is not ID else not _UUID.fullmatch(segment):
            return None
    return _PUBLIC_ROUTES[resource]


def _job_route(path: str) -> Route | None:
    """``/v1/jobs/campaign-6f2c…/result`` → campaign-svc's route; None without a known prefix."""
    job_id, _, _ = path[len(f"/v1/{JOBS}/") :].partition("/")
    owner, dash, rest = job_id.partition("-")
    return _JOB_ROUTES.get(owner) if dash and rest else None


def has_scope(granted: frozenset[str], needed: str) -> bool:
    return needed in granted or ADMIN_SCOPE in granted
