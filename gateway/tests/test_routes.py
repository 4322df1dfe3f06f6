"""The route table: every resource's owner, the scope each call needs, admin's reach."""

from __future__ import annotations

import pytest

from gateway.routes import KNOWN_SCOPES, PUBLIC, RESOURCES, SERVICE_SCOPES, has_scope, resolve

# The table, written out independently of the code under test.
OWNERS = {
    "content": [
        "channels",
        "topics",
        "posts",
        "publications",
        "calendar",
        "tracking-codes",
        "inbox",
    ],
    "campaign": [
        "campaigns",
        "coupon-batches",
        "coupons",
        "referrals",
        "leads",
        "partners",
        "collaborations",
    ],
    "community": ["groups", "members", "sop-templates", "sop-runs", "tasks"],
    "metrics": [
        "events",
        "metrics",
        "funnels",
        "retention",
        "targets",
        "insights",
        "attribution",
        "benchmarks",
    ],
}


# Paths a platform calls without a credential, by owner: only their exact shape is routed.
PUBLIC_OWNERS = {"content": ["wechat"]}
CHANNEL_ID = "6f2c1a9e-4b7d-4e0f-9a51-3c8d2e7f1b40"


def test_every_resource_is_routed_to_its_owner_and_nothing_else() -> None:
    expected = {r: upstream for upstream, resources in OWNERS.items() for r in resources}
    assert dict(RESOURCES) == expected
    for resource, upstream in expected.items():
        for path in (f"/v1/{resource}", f"/v1/{resource}/", f"/v1/{resource}/42/items"):
            route = resolve(path)
            assert route is not None, path
            assert route.upstream == upstream


@pytest.mark.parametrize(
    "path",
    [
        "/v1",
        "/v1/",
        "/v1/channelsx",
        "/v2/channels",
        "/channels",
        "/v1//channels",
        # The gateway's own resources are served by the gateway, never forwarded.
        "/v1/dashboard",
        "/v1/api-keys",
        "/v1/api-keys/42",
    ],
)
def test_paths_outside_the_table_resolve_to_nothing(path: str) -> None:
    assert resolve(path) is None


def test_public_paths_are_the_listed_ones_routed_to_their_owner_without_a_credential() -> None:
    assert {r: upstream for r, (upstream, _) in PUBLIC.items()} == {
        r: upstream for upstream, resources in PUBLIC_OWNERS.items() for r in resources
    }
    route = resolve(f"/v1/wechat/{CHANNEL_ID}/callback")
    assert route is not None
    assert (route.resource, route.upstream, route.public) == ("wechat", "content", True)
    assert not any(r.public for r in map(resolve, (f"/v1/{x}/1" for x in RESOURCES)) if r)


@pytest.mark.parametrize(
    "path",
    [
        "/v1/wechat",
        f"/v1/wechat/{CHANNEL_ID}",
        f"/v1/wechat/{CHANNEL_ID}/callback/",
        f"/v1/wechat/{CHANNEL_ID}/token",
        "/v1/wechat/42/callback",
        "/v1/wechat//callback",
    ],
)
def test_other_paths_under_a_public_resource_resolve_to_nothing(path: str) -> None:
    assert resolve(path) is None


@pytest.mark.parametrize(
    ("method", "path", "scope"),
    [
        ("GET", "/v1/posts/1", "content:read"),
        ("GET", "/v1/inbox/threads", "content:read"),
        ("POST", "/v1/inbox/threads/1/replies", "content:write"),
        ("HEAD", "/v1/posts", "content:read"),
        ("POST", "/v1/posts", "content:write"),
        ("PUT", "/v1/coupons/1", "campaign:write"),
        ("PATCH", "/v1/members/1", "community:write"),
        ("DELETE", "/v1/targets/1", "metrics:write"),
        ("GET", "/v1/benchmarks/1/comparison", "metrics:read"),
        ("PUT", "/v1/benchmarks/1/snapshots/2026-11-16", "metrics:write"),
        ("OPTIONS", "/v1/posts", "content:write"),
        ("POST", "/v1/funnels/query", "metrics:read"),
        ("POST", "/v1/retention/query", "metrics:read"),
        ("POST", "/v1/funnels", "metrics:write"),
        ("POST", "/v1/funnels/query/extra", "metrics:write"),
        ("PUT", "/v1/funnels/query", "metrics:write"),
    ],
)
def test_required_scope(method: str, path: str, scope: str) -> None:
    route = resolve(path)
    assert route is not None
    assert route.required_scope(method, path) == scope


# Jobs are routed by the owner their id names, not by the resource.
JOB_OWNERS = ["campaign", "community"]
JOB_ID = "6f2c1a9e-4b7d-4e0f-9a51-3c8d2e7f1b40"


@pytest.mark.parametrize("owner", JOB_OWNERS)
@pytest.mark.parametrize(
    ("method", "suffix", "access"), [("GET", "", "read"), ("GET", "/result", "read")]
)
def test_a_job_goes_to_the_service_its_id_names(
    owner: str, method: str, suffix: str, access: str
) -> None:
    path = f"/v1/jobs/{owner}-{JOB_ID}{suffix}"
    route = resolve(path)
    assert route is not None
    assert (route.resource, route.upstream) == ("jobs", owner)
    assert route.required_scope(method, path) == f"{owner}:{access}"


@pytest.mark.parametrize(
    "path",
    [
        "/v1/jobs",
        "/v1/jobs/",
        f"/v1/jobs/{JOB_ID}",  # no owner
        f"/v1/jobs/content-{JOB_ID}",  # a service that runs no jobs
        f"/v1/jobs/metrics-{JOB_ID}/result",
        f"/v1/jobs/nobody-{JOB_ID}",
        "/v1/jobs/campaign-",
        "/v1/jobs/campaign",
    ],
)
def test_a_job_id_without_a_known_owner_resolves_to_nothing(path: str) -> None:
    assert resolve(path) is None


def test_admin_satisfies_every_scope_and_others_only_themselves() -> None:
    for scope in [*SERVICE_SCOPES, "leads:pii"]:
        assert has_scope(frozenset({"admin"}), scope)
        assert has_scope(frozenset({scope}), scope)
    assert not has_scope(frozenset({"content:write"}), "content:read")
    assert not has_scope(frozenset(), "content:read")


def test_known_scopes_are_the_service_scopes_pii_and_admin() -> None:
    assert sorted(KNOWN_SCOPES) == sorted([*SERVICE_SCOPES, "leads:pii", "admin"])


def test_service_scopes_are_every_read_and_write() -> None:
    assert sorted(SERVICE_SCOPES) == sorted(
        f"{svc}:{mode}" for svc in OWNERS for mode in ("read", "write")
    )
