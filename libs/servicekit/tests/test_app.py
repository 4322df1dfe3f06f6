"""``create_service_app``'s background coroutines: started with the app, given its database,
cancelled and awaited at shutdown before the database is disposed; and the service's own
entries of the lifespan state."""

import asyncio

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import APIRouter, Request
from fixture_service.app import MIGRATIONS_DIR, Settings
from sqlalchemy import text

from servicekit.app import create_service_app
from servicekit.db import Database
from servicekit.state import ServiceState
from servicekit.testing.headers import gateway_headers


async def test_background_task_runs_with_the_database_and_stops_at_shutdown(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[int] = []
    stopped = asyncio.Event()
    stopped_before_dispose: list[bool] = []
    dispose = Database.dispose

    async def recording_dispose(self: Database) -> None:
        stopped_before_dispose.append(stopped.is_set())
        await dispose(self)

    monkeypatch.setattr(Database, "dispose", recording_dispose)

    async def housekeeping(database: Database) -> None:
        try:
            while True:
                async with database.sessionmaker() as session:
                    answers.append(int((await session.execute(text("SELECT 41 + 1"))).scalar_one()))
                await asyncio.sleep(0.01)
        except asyncio.CancelledError:
            stopped.set()
            raise

    app = create_service_app(
        Settings(database_url=database_url, log_json=False),
        title="probe",
        routers=[],
        migrations_dir=MIGRATIONS_DIR,
        background=[housekeeping],
    )
    async with LifespanManager(app):
        for _ in range(200):
            if len(answers) >= 3:
                break
            await asyncio.sleep(0.01)
        assert not stopped.is_set()
    assert answers[:3] == [42, 42, 42]
    assert stopped_before_dispose == [True]
    settled = len(answers)
    await asyncio.sleep(0.05)
    assert len(answers) == settled  # nothing runs after shutdown


class _ProbeState(ServiceState):
    greeting: str


async def test_extend_state_adds_the_service_entries_that_requests_read(
    database_url: str,
) -> None:
    router = APIRouter()

    @router.get("/v1/greeting")
    async def greeting(request: Request) -> dict[str, str]:
        said: str = request.state.greeting
        return {"greeting": said, "service": request.state.settings.service_name}

    def extend(state: ServiceState) -> _ProbeState:
        return {**state, "greeting": "你好"}

    settings = Settings(database_url=database_url, log_json=False)
    app = create_service_app(
        settings,
        title="probe",
        routers=[router],
        migrations_dir=MIGRATIONS_DIR,
        extend_state=extend,
    )
    async with LifespanManager(app) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        headers = gateway_headers("ws-a", ())
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            r = await client.get("/v1/greeting", headers=headers)
    assert r.status_code == 200, r.text
    assert r.json() == {"greeting": "你好", "service": settings.service_name}
