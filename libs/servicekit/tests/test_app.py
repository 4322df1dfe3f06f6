"""``create_service_app``'s background coroutines: started with the app, given its database,
cancelled and awaited at shutdown before the database is disposed."""

import asyncio

import pytest
from asgi_lifespan import LifespanManager
from fixture_service.app import MIGRATIONS_DIR, Settings
from sqlalchemy import text

from servicekit.app import create_service_app
from servicekit.db import Database


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
