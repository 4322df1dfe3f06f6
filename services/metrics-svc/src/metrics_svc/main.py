"""metrics-svc's ASGI app: ``uvicorn --factory metrics_svc.main:create_app``."""

from pathlib import Path

from fastapi import FastAPI

from metrics_svc.api import routers
from metrics_svc.config import Settings
from metrics_svc.events.fold import FoldGate, IngestActivity, run_folder
from metrics_svc.idempotency import IdempotencyKey
from servicekit.app import create_service_app
from servicekit.db import Database

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def create_app(settings: Settings | None = None) -> FastAPI:
    resolved = settings or Settings()
    activity = IngestActivity()
    gate = FoldGate(activity, idle_s=resolved.fold_interval_s, max_lag_s=resolved.fold_max_lag_s)

    async def folder(database: Database) -> None:
        await run_folder(
            database, chunk=resolved.fold_chunk, interval_s=resolved.fold_interval_s, gate=gate
        )

    app = create_service_app(
        resolved,
        title="MediaOps metrics-svc",
        description=(
            "Event ingestion and the numbers built from it: the metric catalogue, series, "
            "funnels, retention, targets and best publishing times."
        ),
        routers=routers,
        idempotency_model=IdempotencyKey,
        migrations_dir=MIGRATIONS_DIR,
        background=[folder],
    )
    app.state.ingest_activity = activity
    return app
