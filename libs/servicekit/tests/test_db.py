"""The one commit point: ``get_db_session`` commits when the endpoint returns, rolls back when
it raises, and commits before the response goes out. These tests commit for real."""

import asyncio
import gc
import socket
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from fixture_service.app import SCOPES, Settings, Thing, create_app
from prometheus_client import REGISTRY
from sqlalchemy import delete, event, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.pool import AsyncAdaptedQueuePool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from servicekit.backup import libpq_url
from servicekit.db import (
    Database,
    DriverStatement,
    ReadOnlySession,
    async_url,
    driver_connection,
    plan_with_values,
    request_transaction,
)
from servicekit.dberrors import install_database_error_handlers
from servicekit.errors import install_error_handlers
from servicekit.settings import ServiceSettings
from servicekit.testing.headers import client_as_gateway, gateway_headers


async def committed_names(engine: AsyncEngine, workspace_id: str) -> list[str]:
    """What another connection sees: only committed rows."""
    async with engine.connect() as conn:
        rows = await conn.scalars(
            select(Thing.name).where(Thing.workspace_id == workspace_id).order_by(Thing.name)
        )
        return list(rows)


async def test_a_successful_request_is_committed(
    committed_client: httpx.AsyncClient, engine: AsyncEngine, workspace: str
) -> None:
    r = await committed_client.post("/v1/things", json={"name": "committed"})
    assert r.status_code == 201
    assert await committed_names(engine, workspace) == ["committed"]


async def test_a_request_that_raises_is_rolled_back(
    committed_client: httpx.AsyncClient, engine: AsyncEngine, workspace: str
) -> None:
    r = await committed_client.post("/v1/things/then-fail", json={"name": "rolled-back"})
    assert r.status_code == 409
    assert await committed_names(engine, workspace) == []


async def test_the_commit_happens_before_the_response_starts(
    committed_app: ASGIApp, engine: AsyncEngine, workspace: str
) -> None:
    seen_at_response_start: list[list[str]] = []

    async def watching(scope: Scope, receive: Receive, send: Send) -> None:
        async def send_and_look(message: Message) -> None:
            if message["type"] == "http.response.start":
                seen_at_response_start.append(await committed_names(engine, workspace))
            await send(message)

        await committed_app(scope, receive, send_and_look)

    async with client_as_gateway(watching, workspace, SCOPES, raise_app_exceptions=False) as client:
        r = await client.post("/v1/things", json={"name": "early"})
    assert r.status_code == 201
    assert seen_at_response_start == [["early"]]


async def test_a_failed_commit_is_an_error_response_not_a_2xx(
    committed_client: httpx.AsyncClient, engine: AsyncEngine, workspace: str
) -> None:
    # Both rows flush; the deferred unique constraint fails only at COMMIT, which the caller
    # hears as the duplicate it is.
    r = await committed_client.post("/v1/things/twice", json={"name": "dup"})
    assert r.status_code == 409
    assert r.headers["content-type"] == "application/problem+json"
    assert "duplicates" in r.json()["detail"]
    assert await committed_names(engine, workspace) == []


async def test_each_request_gets_its_own_session(
    committed_client: httpx.AsyncClient, engine: AsyncEngine, workspace: str
) -> None:
    await committed_client.post("/v1/things", json={"name": "one"})
    await committed_client.post("/v1/things/then-fail", json={"name": "two"})
    await committed_client.post("/v1/things", json={"name": "three"})
    assert await committed_names(engine, workspace) == ["one", "three"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u:p@h:5432/d", "postgresql+asyncpg://u:p@h:5432/d"),
        ("postgres://u@h/d", "postgresql+asyncpg://u@h/d"),
        ("postgresql+asyncpg://u@/d?host=/s", "postgresql+asyncpg://u@/d?host=/s"),
    ],
)
def test_async_url_uses_asyncpg(url: str, expected: str) -> None:
    assert async_url(url) == expected


@pytest.mark.parametrize("url", ["mysql://u@h/d", "sqlite:///x.db", "postgresql+psycopg://u@h/d"])
def test_async_url_refuses_other_databases(url: str) -> None:
    with pytest.raises(ValueError, match="expected a postgresql:// URL"):
        async_url(url)


async def test_database_sets_the_application_name(database_url: str) -> None:
    database = Database(database_url, pool_size=2, application_name="servicekit-test")
    try:
        async with database.engine.connect() as conn:
            name = await conn.scalar(select(func.current_setting("application_name")))
        assert name == "servicekit-test"
        pool = database.engine.pool
        assert isinstance(pool, AsyncAdaptedQueuePool)
        assert pool.size() == 2
    finally:
        await database.dispose()


async def test_pool_connections_are_in_metrics_by_state(database_url: str) -> None:
    database = Database(database_url, pool_size=3, application_name="pool-metrics-test")

    def sample(state: str) -> float | None:
        labels = {"pool": "pool-metrics-test", "state": state}
        return REGISTRY.get_sample_value("mediaops_db_pool_connections", labels)

    try:
        async with database.engine.connect() as conn:
            await conn.execute(select(1))
            assert (sample("checked_out"), sample("size")) == (1, 3)
        assert (sample("checked_out"), sample("idle")) == (0, 1)
    finally:
        await database.dispose()
    del database
    gc.collect()
    assert sample("size") is None  # a Database gone is no longer reported


async def test_nul_character_in_text_is_422_and_stores_nothing(
    committed_client: httpx.AsyncClient, engine: AsyncEngine, workspace: str
) -> None:
    r = await committed_client.post("/v1/things", json={"name": "before\u0000after"})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert "NUL" in r.json()["detail"]
    assert await committed_names(engine, workspace) == []


async def test_a_connect_timeout_bounds_the_wait_for_a_server_that_never_answers() -> None:
    # Listening but never accepting: the connection waits in the backlog for a greeting that
    # never comes (asyncpg alone would wait 60 s).
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(1)
        port = hung.getsockname()[1]
        database = Database(f"postgresql://postgres@127.0.0.1:{port}/x", connect_timeout_s=0.3)
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            async with database.engine.connect():
                pass
        assert time.monotonic() - started < 5
        await database.dispose()


async def test_the_pool_opens_no_overflow_connections_unless_asked(database_url: str) -> None:
    # Overflow connections are closed as soon as they are returned to a full pool: under
    # steady load each would be a new PostgreSQL backend per request.
    plain = Database(database_url, pool_size=3)
    asked = Database(database_url, pool_size=3, max_overflow=2, pool_recycle_s=60)
    try:
        for database, overflow, recycle in ((plain, 0, 1800), (asked, 2, 60)):
            pool = database.engine.pool
            assert isinstance(pool, AsyncAdaptedQueuePool)
            assert pool.size() == 3
            assert pool._max_overflow == overflow
            assert pool._recycle == recycle
            assert pool._pre_ping is False  # no round trip before every request's first statement
    finally:
        await plain.dispose()
        await asked.dispose()


def test_the_pool_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (ServiceSettings().db_max_overflow, ServiceSettings().db_pool_recycle_s) == (0, 1800)
    monkeypatch.setenv("FIXTURE_DB_MAX_OVERFLOW", "4")
    monkeypatch.setenv("FIXTURE_DB_POOL_TIMEOUT_S", "5")
    monkeypatch.setenv("FIXTURE_DB_POOL_RECYCLE_S", "120")
    settings = Settings()
    assert (settings.db_max_overflow, settings.db_pool_timeout_s) == (4, 5)
    assert settings.db_pool_recycle_s == 120


async def _terminate(database_url: str, pids: list[int]) -> None:
    """End these backends from outside, as an operator's pg_terminate_backend or a server
    restart would; returns once the server has closed their connections."""
    admin = await asyncpg.connect(libpq_url(database_url))
    try:
        for pid in pids:
            assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid) is True
    finally:
        await admin.close()
    await asyncio.sleep(0.3)  # the event loop reads each connection's end


async def test_a_pooled_connection_whose_backend_was_terminated_is_replaced(
    database_url: str,
) -> None:
    database = Database(database_url, pool_size=1, application_name="servicekit-terminated")
    try:
        async with database.sessionmaker() as session:
            killed = await session.scalar(text("SELECT pg_backend_pid()"))
        assert isinstance(killed, int)
        await _terminate(database_url, [killed])
        # The one pooled connection is dead: the next session gets a fresh one, no error.
        async with database.sessionmaker() as session:
            fresh = await session.scalar(text("SELECT pg_backend_pid()"))
        assert fresh != killed
    finally:
        await database.dispose()


async def test_the_service_answers_after_its_connections_were_terminated(
    committed_client: httpx.AsyncClient, engine: AsyncEngine, database_url: str, workspace: str
) -> None:
    for name in ("one", "two", "three"):
        assert (await committed_client.post("/v1/things", json={"name": name})).status_code == 201
    async with engine.connect() as conn:
        pids = list(
            await conn.scalars(
                text(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = 'fixture' "
                    "AND datname = current_database()"
                )
            )
        )
    assert pids  # the app's pooled connections
    await _terminate(database_url, pids)
    for _ in range(3):
        r = await committed_client.get("/v1/things")
        assert r.status_code == 200, r.text
        assert [t["name"] for t in r.json()["items"]] == ["one", "two", "three"]
    r = await committed_client.post("/v1/things", json={"name": "four"})
    assert r.status_code == 201
    assert await committed_names(engine, workspace) == ["four", "one", "three", "two"]


async def test_a_reads_only_route_reads_outside_a_transaction(
    committed_client: httpx.AsyncClient,
) -> None:
    made = (await committed_client.post("/v1/things", json={"name": "read me"})).json()
    r = await committed_client.get(f"/v1/things/{made['id']}/read-only")
    assert r.status_code == 200, r.text
    # Each statement was its own transaction: no BEGIN before it, no COMMIT after it.
    assert r.json() == {"name": "read me", "in_transaction": False}
    r = await committed_client.get(f"/v1/things/{uuid.uuid4()}/read-only")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"


async def test_a_write_in_a_reads_only_route_is_refused_and_not_stored(
    committed_app: ASGIApp, engine: AsyncEngine, workspace: str
) -> None:
    async with client_as_gateway(
        committed_app, workspace, SCOPES, raise_app_exceptions=False
    ) as client:
        made = (await client.post("/v1/things", json={"name": "kept"})).json()
        r = await client.get(f"/v1/things/{made['id']}/read-only-but-writes")
    assert r.status_code == 500
    assert await committed_names(engine, workspace) == ["kept"]


async def test_the_driver_joins_the_sessions_transaction_without_a_statement_of_its_own(
    engine: AsyncEngine,
) -> None:
    # The driver's statements (COPY, the idempotency record) must run in the request's
    # transaction; starting it costs no round trip beyond SQLAlchemy's own BEGIN.
    async with AsyncSession(engine) as session:
        connection = await session.connection()
        statements: list[str] = []

        def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
            statements.append(statement)

        event.listen(connection.sync_connection, "before_cursor_execute", seen)
        driver = await driver_connection(session)
        assert driver.is_in_transaction()
        assert statements == []
        name = f"driver-{uuid.uuid4().hex[:8]}"
        await driver.execute("INSERT INTO thing (id, workspace_id, name) VALUES ($1, $2, $3)",
                             uuid.uuid4(), "ws-driver", name)  # fmt: skip
        assert await driver_connection(session) is driver  # the same, still in the transaction
        await session.rollback()
    async with engine.connect() as conn:
        assert await conn.scalar(select(func.count()).where(Thing.name == name)) == 0


async def test_a_pool_with_no_connection_free_in_time_is_a_503_to_retry(database_url: str) -> None:
    # Overload is not the caller's fault and not a bug: a 503 with Retry-After, not a 500.
    settings = Settings(database_url=database_url, db_pool_size=1, db_pool_timeout_s=0.2)
    app = create_app(settings)
    async with LifespanManager(app) as manager:
        database: Database = manager._state["database"]
        transport = httpx.ASGITransport(app=manager.app)
        headers = gateway_headers("ws-pool", SCOPES)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            async with database.engine.connect():  # the pool's one connection, held
                r = await client.get("/v1/things", headers=headers)
            assert r.status_code == 503, r.text
            assert r.headers["content-type"] == "application/problem+json"
            assert r.headers["retry-after"] == "1"
            assert "every database connection stayed in use" in r.json()["detail"]
            again = await client.get("/v1/things", headers=headers)  # released: served
            assert again.status_code == 200, again.text


def test_a_driver_statement_numbers_its_parameters_once_and_leaves_casts_alone() -> None:
    statement = DriverStatement(
        "SELECT CAST(:a AS jsonb), :b::text, '{}'::jsonb, :a IS NULL, x::int FROM t WHERE y = :c",
        json_params=("a",),
    )
    assert statement.sql == (
        "SELECT CAST($1 AS jsonb), $2::text, '{}'::jsonb, $1 IS NULL, x::int FROM t WHERE y = $3"
    )
    assert statement.names == ("a", "b", "c")
    sent = statement.arguments({"c": 3, "b": "two", "a": {"k": "值"}})
    assert sent == ['{"k": "\\u503c"}', "two", 3]
    assert statement.arguments({"a": None, "b": None, "c": None}) == [None, None, None]
    with pytest.raises(KeyError):
        statement.arguments({"a": 1, "b": 2})
    with pytest.raises(ValueError, match="does not take"):
        DriverStatement("SELECT :a", json_params=("b",))


async def test_a_driver_statement_runs_in_the_sessions_transaction(engine: AsyncEngine) -> None:
    insert = DriverStatement(
        "INSERT INTO thing (id, workspace_id, name) VALUES (:id, :workspace_id, :name) "
        "RETURNING id, name"
    )
    name = f"driver-statement-{uuid.uuid4().hex[:8]}"
    thing_id = uuid.uuid4()
    async with AsyncSession(engine) as session:
        params = {"id": thing_id, "workspace_id": "ws-ds", "name": name}
        row = await insert.fetchrow(session, params)
        assert (row["id"], row["name"]) == (thing_id, name)
        seen = await session.scalar(select(func.count()).where(Thing.name == name))
        assert seen == 1  # the session sees it: one transaction
        await session.rollback()
    async with engine.connect() as conn:
        assert await conn.scalar(select(func.count()).where(Thing.name == name)) == 0


async def test_a_driver_statement_in_a_savepoint_is_undone_with_it(
    engine: AsyncEngine, workspace: str
) -> None:
    """SQLAlchemy sends a savepoint's SAVEPOINT only when its connection is first asked for:
    a driver statement inside ``begin_nested`` must still be inside it (the connection the
    transaction found before does not serve), and one after it must not be."""
    insert = DriverStatement(
        "INSERT INTO thing (id, workspace_id, name) VALUES (:id, :workspace_id, :name)"
    )
    prefix = f"driver-savepoint-{uuid.uuid4().hex[:8]}"

    def params(name: str) -> dict[str, object]:
        return {"id": uuid.uuid4(), "workspace_id": workspace, "name": f"{prefix} {name}"}

    async with AsyncSession(engine) as session:
        await insert.execute(session, params("before"))
        async with session.begin_nested() as savepoint:
            await insert.execute(session, params("undone"))
            await savepoint.rollback()
        async with session.begin_nested():
            await insert.execute(session, params("kept"))
        await insert.execute(session, params("after"))
        await session.commit()
    async with engine.connect() as conn:
        names = await conn.scalars(
            select(Thing.name).where(Thing.name.like(f"{prefix}%")).order_by(Thing.name)
        )
        assert [n.removeprefix(prefix + " ") for n in names] == ["after", "before", "kept"]


async def test_a_driver_select_in_a_reads_only_session_reads_without_a_transaction(
    database_url: str, engine: AsyncEngine
) -> None:
    name = f"driver-read-{uuid.uuid4().hex[:8]}"
    async with AsyncSession(engine) as session:
        session.add(Thing(id=uuid.uuid4(), workspace_id="ws-dr", name=name))
        await session.commit()
    read = DriverStatement("SELECT name FROM thing WHERE workspace_id = :ws ORDER BY name")
    # now() is when the transaction began: two statements of one transaction read the same.
    began = DriverStatement("SELECT now() AS t")
    database = Database(database_url, pool_size=1, application_name="servicekit-driver-read")
    try:
        async with database.read_sessionmaker() as session:
            rows = await read.fetch(session, {"ws": "ws-dr"})
            assert name in [row["name"] for row in rows]
            assert (await read.fetchrow(session, {"ws": "ws-dr"})) is not None
            times = []
            for _ in range(2):
                times.append((await began.fetchrow(session, {}))["t"])
                await asyncio.sleep(0.01)
            # Also through the session's own connection, once an ORM read holds one.
            assert await session.scalar(select(func.count()).where(Thing.name == name)) == 1
            times.append((await began.fetchrow(session, {}))["t"])
            assert len(set(times)) == 3  # each statement its own transaction
    finally:
        await database.dispose()
        async with engine.begin() as conn:
            await conn.execute(delete(Thing).where(Thing.name == name))


PID = DriverStatement("SELECT pg_backend_pid() AS pid")


@asynccontextmanager
async def one_connection(
    database_url: str, name: str
) -> AsyncIterator[tuple[Database, AsyncAdaptedQueuePool]]:
    """A Database whose pool has one connection and no overflow: a request holding two at
    once would wait for a second (2 s here, then fail). With its pool, disposed afterwards."""
    database = Database(database_url, pool_size=1, pool_timeout_s=2, application_name=name)
    pool = database.engine.sync_engine.pool
    assert isinstance(pool, AsyncAdaptedQueuePool)
    try:
        yield database, pool
    finally:
        await database.dispose()


async def test_a_reads_only_sessions_driver_read_borrows_a_connection_only_for_itself(
    database_url: str, engine: AsyncEngine
) -> None:
    name = f"borrowed-{uuid.uuid4().hex[:8]}"
    async with AsyncSession(engine) as session:
        session.add(Thing(id=uuid.uuid4(), workspace_id="ws-borrow", name=name))
        await session.commit()
    read = DriverStatement("SELECT name FROM thing WHERE workspace_id = :ws")
    try:
        async with (
            one_connection(database_url, "servicekit-borrow") as (database, pool),
            database.read_sessionmaker() as session,
        ):
            assert [row["name"] for row in await read.fetch(session, {"ws": "ws-borrow"})] == [name]
            # Returned at once: the session holds no connection, the pool has it back.
            assert not session.in_transaction()
            assert pool.checkedout() == 0
            borrowed_pid = (await PID.fetchrow(session, {}))["pid"]
            # An ORM read takes the session's own connection (the same pooled one) …
            assert await session.scalar(select(Thing.name).where(Thing.name == name)) == name
            assert pool.checkedout() == 1
            # … and the driver's next read goes through it, not through a second one.
            assert (await PID.fetchrow(session, {}))["pid"] == borrowed_pid
            assert pool.checkedout() == 1
            await session.close()
            assert pool.checkedout() == 0
    finally:
        async with engine.begin() as conn:
            await conn.execute(delete(Thing).where(Thing.name == name))


async def test_a_borrowed_connection_goes_back_to_the_pool_after_postgresqls_error(
    database_url: str,
) -> None:
    failing = DriverStatement("SELECT 1 / CAST(:zero AS int) AS never")
    async with (
        one_connection(database_url, "servicekit-borrow-error") as (database, _),
        database.read_sessionmaker() as session,
    ):
        first = (await PID.fetchrow(session, {}))["pid"]
        with pytest.raises(asyncpg.DivisionByZeroError):
            await failing.fetchrow(session, {"zero": 0})
        # The refusal leaves the connection as good as before: the same backend, pooled.
        assert (await PID.fetchrow(session, {}))["pid"] == first
        # A parameter the caller forgot is refused before any connection is taken.
        with pytest.raises(KeyError):
            await failing.fetchrow(session, {})
        assert (await PID.fetchrow(session, {}))["pid"] == first


async def test_a_borrowed_connection_cancelled_mid_statement_is_closed_not_pooled(
    database_url: str,
) -> None:
    slow = DriverStatement("SELECT pg_sleep(CAST(:s AS float8))")
    async with (
        one_connection(database_url, "servicekit-borrow-cancel") as (database, pool),
        database.read_sessionmaker() as session,
    ):
        first = (await PID.fetchrow(session, {}))["pid"]
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(slow.fetch(session, {"s": 30}), 0.3)
        assert pool.checkedout() == 0
        # The pool's one connection was replaced: a new backend answers.
        assert (await PID.fetchrow(session, {}))["pid"] != first


async def test_an_object_added_but_never_flushed_is_still_committed(engine: AsyncEngine) -> None:
    # The commit point skips a session with nothing to commit; an added object is something,
    # though no statement was sent for it yet.
    name = f"unflushed-{uuid.uuid4().hex[:8]}"
    request = Request({"type": "http", "method": "POST", "headers": []})
    try:
        async with AsyncSession(engine) as session:
            async with request_transaction(request, session):
                session.add(Thing(id=uuid.uuid4(), workspace_id="ws-unflushed", name=name))
        async with engine.connect() as conn:
            assert await conn.scalar(select(func.count()).where(Thing.name == name)) == 1
    finally:
        async with engine.begin() as conn:
            await conn.execute(delete(Thing).where(Thing.name == name))


async def test_a_driver_write_in_a_reads_only_session_is_refused_and_not_stored(
    database_url: str, engine: AsyncEngine
) -> None:
    name = f"driver-write-{uuid.uuid4().hex[:8]}"
    insert = DriverStatement(
        "INSERT INTO thing (id, workspace_id, name) VALUES (:id, :workspace_id, :name)"
    )
    sneaky = DriverStatement(
        "WITH made AS (INSERT INTO thing (id, workspace_id, name) "
        "VALUES (:id, :workspace_id, :name) RETURNING name) SELECT name FROM made"
    )
    # Not writes, but not plain reads either: a row lock would end with the statement, a
    # second statement could be anything, SELECT … INTO creates a table.
    locking = DriverStatement("SELECT name FROM thing WHERE name = :name FOR UPDATE")
    two = DriverStatement("SELECT 1 WHERE :name <> ''; DELETE FROM thing")
    into = DriverStatement("SELECT name INTO made_by_a_read FROM thing WHERE name = :name")
    database = Database(database_url, pool_size=1, application_name="servicekit-driver-write")
    try:
        for statement in (insert, sneaky, locking, two, into):
            async with database.read_sessionmaker() as session:
                params = {"id": uuid.uuid4(), "workspace_id": "ws-dw", "name": name}
                wanted = {key: params[key] for key in statement.names}
                with pytest.raises(ReadOnlySession):
                    await statement.fetch(session, wanted)
    finally:
        await database.dispose()
    async with engine.connect() as conn:
        assert await conn.scalar(select(func.count()).where(Thing.name == name)) == 0


async def test_a_refusal_of_a_driver_statement_is_a_problem_and_stores_nothing(
    database_url: str, engine: AsyncEngine
) -> None:
    # asyncpg's own error (no SQLAlchemy DBAPIError around it) is read as the engine's are:
    # a value the column cannot hold is the caller's 422, not a 500.
    database = Database(database_url, pool_size=1)
    app = FastAPI()
    install_error_handlers(app)
    install_database_error_handlers(app)
    insert = DriverStatement(
        "INSERT INTO thing (id, workspace_id, name) VALUES (:id, :workspace_id, :name)"
    )

    @app.post("/names/{name}")
    async def store(name: str) -> dict[str, str]:
        async with database.sessionmaker() as session, session.begin():
            params = {"id": uuid.uuid4(), "workspace_id": "ws-driver-refusal", "name": name}
            await insert.execute(session, params)
        return {"stored": name}

    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            r = await client.post("/names/" + "长" * 201)  # the column holds 200
            assert r.status_code == 422, r.text
            assert r.headers["content-type"] == "application/problem+json"
            assert "cannot be stored as sent" in r.json()["detail"]
            assert (await client.post("/names/short")).status_code == 200
    finally:
        await database.dispose()
    async with engine.connect() as conn:
        stored = select(Thing.name).where(Thing.workspace_id == "ws-driver-refusal")
        assert list(await conn.scalars(stored)) == ["short"]
        await conn.execute(delete(Thing).where(Thing.workspace_id == "ws-driver-refusal"))
        await conn.commit()


async def test_a_transaction_planned_with_values_plans_each_statement_with_its_values(
    database_url: str, engine: AsyncEngine
) -> None:
    # From here on in a transaction; the connection's own setting is left as it was.
    async with engine.connect() as connection:
        async with AsyncSession(bind=connection) as session, session.begin():
            await session.execute(text("SET LOCAL plan_cache_mode = force_generic_plan"))
            await plan_with_values(session)
            mode = await session.scalar(text("SELECT current_setting('plan_cache_mode')"))
            assert mode == "force_custom_plan"
        async with AsyncSession(bind=connection) as session, session.begin():
            assert await session.scalar(text("SHOW plan_cache_mode")) == "auto"
            jit = await session.scalar(text("SHOW jit"))
        # without_jit: no JIT compilation either, for that transaction only.
        async with AsyncSession(bind=connection) as session, session.begin():
            await session.execute(text("SET LOCAL jit = on"))
            await plan_with_values(session, without_jit=True)
            assert await session.scalar(text("SHOW plan_cache_mode")) == "force_custom_plan"
            assert await session.scalar(text("SHOW jit")) == "off"
        async with AsyncSession(bind=connection) as session, session.begin():
            assert await session.scalar(text("SHOW plan_cache_mode")) == "auto"
            assert await session.scalar(text("SHOW jit")) == jit
    # A reads_only session runs each statement alone: the setting could not last, so it is refused.
    database = Database(database_url, pool_size=1, application_name="servicekit-plans")
    try:
        async with database.read_sessionmaker() as session:
            with pytest.raises(ReadOnlySession):
                await plan_with_values(session)
    finally:
        await database.dispose()
