"""Tests every MediaOps service must pass, written once.

A service's ``tests/test_contract.py``::

    from servicekit.testing.contract import ServiceContract

    class TestContentContract(ServiceContract):
        guarded_path = "/v1/channels"
        routes_taking_ids = 23

        async def workspace_ids(self, client: httpx.AsyncClient) -> dict[str, str]:
            channel = (await client.post("/v1/channels", json={...})).json()
            return {"channel_id": channel["id"], ...}

The class needs the plugin's fixtures and a ``service_under_test`` that names the service's
``metadata`` and ``outbox_model``: health and readiness, the internal-token gate, problem+json,
request ids, Prometheus metrics, the transactional outbox, migrations that build exactly the
schema the models describe and undo it cleanly, and tenancy: every route taking an id answers
another workspace's id with a 404 and changes nothing (``servicekit.testing.tenancy``).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any, ClassVar

import httpx
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy import MetaData, NullPool, func, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine
from starlette.types import ASGIApp

from servicekit.db import async_url
from servicekit.migrations import (
    COMPATIBILITY_TABLE,
    alembic_config,
    head_revisions,
    not_bookkeeping,
)
from servicekit.outbox import OutboxEventMixin, record_event
from servicekit.testing.apidoc import undocumented
from servicekit.testing.headers import WORKSPACE_A, WORKSPACE_B, gateway_headers
from servicekit.testing.metrics import requests_total
from servicekit.testing.service import ServiceUnderTest
from servicekit.testing.tenancy import (
    Probe,
    Route,
    app_routes,
    changed_tables,
    database_rows,
    id_probes,
    leaked_ids,
    problems_of,
)

PROBLEM_JSON = "application/problem+json"


@asynccontextmanager
async def started_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            yield client


def schema_differences(conn: Connection, target: MetaData) -> list[Any]:
    # Types and server defaults too: a column that drifted in either is a real difference.
    context = MigrationContext.configure(
        conn,
        opts={
            "compare_type": True,
            "compare_server_default": True,
            "include_name": not_bookkeeping,
        },
    )
    return list(compare_metadata(context, target))


def _normalized(predicate: str) -> str:
    # PostgreSQL hands a predicate back with parentheses and casts added
    # (``(status)::text = 'applied'::text``); compare the words only.
    without_casts = re.sub(r"::(character varying|[a-z]+)", "", predicate.lower())
    return " ".join(without_casts.replace("(", " ").replace(")", " ").split())


def partial_index_predicates(
    conn: Connection, target: MetaData
) -> tuple[dict[str, str], dict[str, str]]:
    """``{index name: WHERE clause}`` as the models declare it and as the database has it.

    Autogenerate does not compare partial-index predicates, so a migration that filtered on the
    wrong column would otherwise pass unnoticed.
    """
    declared: dict[str, str] = {}
    migrated: dict[str, str] = {}
    for table in target.tables.values():
        for index in table.indexes:
            where = index.dialect_options["postgresql"]["where"]
            if where is not None:
                declared[str(index.name)] = _normalized(str(where.compile(dialect=conn.dialect)))
        for reflected in inspect(conn).get_indexes(table.name):
            where = reflected.get("dialect_options", {}).get("postgresql_where")
            if where is not None:
                migrated[str(reflected["name"])] = _normalized(str(where))
    return declared, migrated


async def public_tables(url: str) -> set[str]:
    engine = create_async_engine(async_url(url), poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            names = await conn.run_sync(lambda sync_conn: inspect(sync_conn).get_table_names())
    finally:
        await engine.dispose()
    return set(names)


def _metadata(service: ServiceUnderTest) -> MetaData:
    assert service.metadata is not None, "ServiceUnderTest(metadata=...) is needed"
    return service.metadata


def _routes(service: ServiceUnderTest, database_url: str) -> list[Route]:
    # A fresh app: the ``app`` fixture is the started one, wrapped by its lifespan manager.
    return app_routes(service.app(database_url))


def _outbox(service: ServiceUnderTest) -> type[OutboxEventMixin]:
    assert service.outbox_model is not None, "ServiceUnderTest(outbox_model=...) is needed"
    return service.outbox_model


class ServiceContract:
    """Subclass as ``Test<Service>Contract``, set ``guarded_path`` to one of its resources and
    ``routes_taking_ids``, and say how to make the resources the routes take
    (``workspace_ids``)."""

    guarded_path: ClassVar[str]

    # Tenancy. How many routes take an id of a workspace's resource: the probe finds them in the
    # app's OpenAPI, and this number makes a new one a visible change of the contract's subclass.
    routes_taking_ids: ClassVar[int]
    # Path parameters that name no workspace's resource (a revision number, a metric's name),
    # with a value that exists for the resources ``workspace_ids`` makes.
    shared_path_values: ClassVar[Mapping[str, str]] = {}
    # Bodies for routes that read one ("PATCH /v1/groups/{group_id}": {...}): a body that would
    # succeed with the caller's own ids, so only tenancy stands between the probe and a change.
    probe_bodies: ClassVar[Mapping[str, Any]] = {}

    async def workspace_ids(self, client: httpx.AsyncClient) -> dict[str, str]:
        """Make, through ``client``, one resource per path parameter of the service's routes;
        answer ``{path parameter: id}``."""
        raise NotImplementedError(f"{type(self).__name__} must say how to make its resources")

    async def more_tenancy_probes(
        self,
        theirs: Mapping[str, str],  # noqa: ARG002 (a hook: what overrides it reads these)
        own: Mapping[str, str],  # noqa: ARG002
    ) -> list[Probe]:
        """Requests carrying the other workspace's ids elsewhere than in the path (a body, a
        query filter), each a 404; ``own`` are the caller's ids, to mix in."""
        return []

    async def owner_view(
        self,
        client: httpx.AsyncClient,  # noqa: ARG002 (a hook: what overrides it reads these)
        theirs: Mapping[str, str],  # noqa: ARG002
    ) -> Any:
        """What the owning workspace reads of its resources, which no probe may change (the
        database is compared as well)."""
        return None

    # Sync: the database is made with asyncio.run, which cannot nest in a test's event loop.
    @pytest.fixture
    def unmigrated_database_url(
        self, scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
    ) -> str:
        return scratch_database(f"{service_under_test.name}_unmigrated")

    def test_every_operation_and_schema_is_documented(
        self, service_under_test: ServiceUnderTest
    ) -> None:
        """What a caller reads: descriptions, examples, field meanings and problem+json errors
        (``servicekit.testing.apidoc``); a route added without them fails here."""
        app = service_under_test.create_app(service_under_test.settings("postgresql://unused/x"))
        gaps = undocumented(app.openapi())
        assert gaps == [], f"{len(gaps)} gaps in the OpenAPI document:\n" + "\n".join(gaps)

    async def test_healthz_is_200_without_a_token(
        self, client_for: Callable[..., httpx.AsyncClient]
    ) -> None:
        r = await client_for(internal_token=False).get("/healthz")
        assert r.status_code == 200
        assert r.json() == {"status": "ok"}

    async def test_readyz_is_200_when_database_is_up_and_migrated(
        self, client_for: Callable[..., httpx.AsyncClient]
    ) -> None:
        r = await client_for(internal_token=False).get("/readyz")
        assert r.status_code == 200, r.text
        assert r.json() == {"status": "ready", "checks": {"database": "ok", "migrations": "ok"}}

    async def test_readyz_is_503_naming_the_migration_state_when_behind_head(
        self, service_under_test: ServiceUnderTest, unmigrated_database_url: str
    ) -> None:
        app = service_under_test.app(unmigrated_database_url)
        async with started_client(app) as client:
            r = await client.get("/readyz")
        assert r.status_code == 503
        body = r.json()
        assert body["status"] == "not ready"
        assert body["checks"]["database"] == "ok"
        assert "nothing" in body["checks"]["migrations"]
        for head in head_revisions(service_under_test.alembic_ini.parent / "migrations"):
            assert head in body["checks"]["migrations"]

    async def test_readyz_is_503_when_the_database_is_unreachable(
        self, service_under_test: ServiceUnderTest
    ) -> None:
        # Port 1 on localhost refuses connections at once, so the check fails fast.
        app = service_under_test.app("postgresql://postgres@127.0.0.1:1/nowhere")
        async with started_client(app) as client:
            r = await client.get("/readyz")
        assert r.status_code == 503
        assert r.json()["checks"]["database"].startswith("unreachable")

    async def test_call_without_internal_token_is_401_problem(
        self, client_for: Callable[..., httpx.AsyncClient]
    ) -> None:
        r = await client_for(internal_token=False).get(self.guarded_path)
        assert r.status_code == 401
        assert r.headers["content-type"] == PROBLEM_JSON
        body = r.json()
        assert body["status"] == 401
        assert body["request_id"] == r.headers["x-request-id"]

    async def test_call_with_a_wrong_internal_token_is_401(
        self, app: ASGIApp, service_under_test: ServiceUnderTest
    ) -> None:
        headers = gateway_headers(WORKSPACE_A, service_under_test.scopes)
        headers["X-Internal-Token"] = "not-the-internal-token"
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            r = await client.get(self.guarded_path, headers=headers)
        assert r.status_code == 401
        assert r.headers["content-type"] == PROBLEM_JSON

    async def test_unknown_route_is_404_problem_with_request_id(
        self, client: httpx.AsyncClient
    ) -> None:
        r = await client.get("/v1/no-such-resource")
        assert r.status_code == 404
        assert r.headers["content-type"] == PROBLEM_JSON
        body = r.json()
        assert body["status"] == 404
        assert body["request_id"] == r.headers["x-request-id"]

    async def test_a_well_formed_request_id_is_adopted(self, client: httpx.AsyncClient) -> None:
        r = await client.get("/v1/no-such-resource", headers={"X-Request-Id": "req-from-gw-1"})
        assert r.headers["x-request-id"] == "req-from-gw-1"
        assert r.json()["request_id"] == "req-from-gw-1"

    async def test_metrics_count_each_request_by_service_route_and_status(
        self,
        client_for: Callable[..., httpx.AsyncClient],
        service_under_test: ServiceUnderTest,
    ) -> None:
        client = client_for(internal_token=False)
        labels = {
            "service": service_under_test.name,
            "method": "GET",
            "route": "/healthz",
            "status": "200",
        }
        before = requests_total((await client.get("/metrics")).text, **labels)
        await client.get("/healthz")
        r = await client.get("/metrics")
        assert r.status_code == 200
        assert requests_total(r.text, **labels) == before + 1

    async def test_outbox_event_is_stored_in_the_callers_transaction_only(
        self, db_session: AsyncSession, engine: AsyncEngine, service_under_test: ServiceUnderTest
    ) -> None:
        model: Any = _outbox(service_under_test)
        payload = {"name": "周报 · 成交转化率低于目标", "targets": [0.05, 0.08], "emoji": "📉"}
        event_id = await record_event(db_session, model, WORKSPACE_A, "test.happened", payload)

        # Column selects are answered by the database, not by the session's identity map.
        row = (
            await db_session.execute(
                select(
                    model.workspace_id, model.event_type, model.payload, model.delivered_at
                ).where(model.id == event_id)
            )
        ).one()
        assert tuple(row) == (WORKSPACE_A, "test.happened", payload, None)

        # Not committed: it is delivered only if the caller's transaction commits.
        async with engine.connect() as other:
            seen = await other.scalar(
                select(func.count()).select_from(model).where(model.id == event_id)
            )
        assert seen == 0

    async def test_migrated_schema_matches_the_models(
        self, engine: AsyncEngine, service_under_test: ServiceUnderTest
    ) -> None:
        async with engine.connect() as conn:
            differences = await conn.run_sync(schema_differences, _metadata(service_under_test))
        assert differences == []

    async def test_partial_indexes_filter_on_what_the_models_declare(
        self, engine: AsyncEngine, service_under_test: ServiceUnderTest
    ) -> None:
        async with engine.connect() as conn:
            declared, migrated = await conn.run_sync(
                partial_index_predicates, _metadata(service_under_test)
            )
        assert declared  # the outbox relay's index is partial: an empty check proves nothing
        assert migrated == declared

    # Sync: Alembic's env.py runs its own event loop, which cannot nest in the test's.
    def test_downgrade_to_base_removes_everything_and_upgrade_rebuilds_it(
        self, scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
    ) -> None:
        url = scratch_database(f"{service_under_test.name}_roundtrip")
        config = alembic_config(service_under_test.alembic_ini, url)
        tables = set(_metadata(service_under_test).tables)

        command.upgrade(config, "heads")
        assert tables <= asyncio.run(public_tables(url))
        command.downgrade(config, "base")
        # Only the migrations' own bookkeeping is left: the version table and which code the
        # (now empty) schema serves.
        assert asyncio.run(public_tables(url)) == {"alembic_version", COMPATIBILITY_TABLE}
        command.upgrade(config, "heads")
        assert tables <= asyncio.run(public_tables(url))

    async def test_another_workspaces_ids_are_404_on_every_route_and_change_nothing(
        self,
        client_for: Callable[..., httpx.AsyncClient],
        db_session: AsyncSession,
        service_under_test: ServiceUnderTest,
        database_url: str,
    ) -> None:
        owner = client_for(WORKSPACE_A)
        intruder = client_for(WORKSPACE_B)
        theirs = await self.workspace_ids(owner)
        own = await self.workspace_ids(intruder)
        routes = [
            route
            for route in _routes(service_under_test, database_url)
            if any(p not in self.shared_path_values for p in route.parameters)
        ]
        assert len(routes) == self.routes_taking_ids, (len(routes), sorted(r.key for r in routes))
        unknown = {p for r in routes for p in r.parameters} - {*theirs, *self.shared_path_values}
        assert not unknown, f"workspace_ids makes no resource for {sorted(unknown)}"
        probes = [
            probe
            for route in routes
            for probe in id_probes(
                route, theirs, own, self.shared_path_values, self.probe_bodies.get(route.key)
            )
        ]
        probes += await self.more_tenancy_probes(theirs, own)

        problems: list[str] = []
        for probe in probes:
            rows = await database_rows(db_session, _metadata(service_under_test))
            view = await self.owner_view(owner, theirs)
            r = await intruder.request(
                probe.method, probe.path, json=probe.json, params=dict(probe.params)
            )
            changed = changed_tables(
                rows, await database_rows(db_session, _metadata(service_under_test))
            )
            view_changed = await self.owner_view(owner, theirs) != view
            problems += problems_of(probe, r, 404, changed, view_changed)
        # This module is not rewritten by pytest: the message is the report.
        assert problems == [], "\n".join(problems)

    async def test_reads_taking_no_id_of_theirs_show_another_workspace_nothing(
        self,
        client_for: Callable[..., httpx.AsyncClient],
        service_under_test: ServiceUnderTest,
        database_url: str,
    ) -> None:
        theirs = await self.workspace_ids(client_for(WORKSPACE_A))
        intruder = client_for(WORKSPACE_B)
        await self.workspace_ids(intruder)  # so its lists are not empty either
        leaks = {}
        for route in _routes(service_under_test, database_url):
            if route.method != "GET" or not route.path.startswith("/v1/"):
                continue
            if any(p not in self.shared_path_values for p in route.parameters):
                continue
            r = await intruder.get(route.path.format(**self.shared_path_values))
            if leaked := leaked_ids(r, theirs):
                leaks[route.key] = leaked
        assert leaks == {}, leaks
