"""metrics-svc's ASGI app: ``uvicorn --factory metrics_svc.main:create_app``."""

from pathlib import Path

from fastapi import FastAPI

from metrics_svc.api import routers
from metrics_svc.config import Settings
from metrics_svc.events.fold.gate import FoldGate, IngestActivity
from metrics_svc.events.fold.loop import run_folder
from metrics_svc.idempotency import IdempotencyKey
from servicekit.app import create_service_app
from servicekit.db import Database
from servicekit.state import ServiceState

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


class MetricsState(ServiceState):
    """The lifespan state of metrics-svc: servicekit's, and the ingest requests in flight,
    which the ingest route tracks and the background fold's gate reads."""

    ingest_activity: IngestActivity


def create_app(settings: Settings | None = None) -> FastAPI:
    resolved = settings or Settings()
    activity = IngestActivity()
    gate = FoldGate(activity, idle_s=resolved.fold_interval_s, max_lag_s=resolved.fold_max_lag_s)

    async def folder(database: Database) -> None:
        await run_folder(
            database, chunk=resolved.fold_chunk, interval_s=resolved.fold_interval_s, gate=gate
        )

    def state(kit: ServiceState) -> MetricsState:
        return {**kit, "ingest_activity": activity}

    return create_service_app(
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
        extend_state=state,
    )
