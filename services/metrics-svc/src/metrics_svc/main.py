"""metrics-svc's ASGI app: ``uvicorn --factory metrics_svc.main:create_app``."""

from pathlib import Path

from fastapi import FastAPI

from metrics_svc.api import routers
from metrics_svc.config import Settings
from servicekit.app import create_service_app

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings or Settings(),
        title="MediaOps metrics-svc",
        description=(
            "Event ingestion and the numbers built from it: the metric catalogue, series, "
            "funnels, retention, targets and best publishing times."
        ),
        routers=routers,
        migrations_dir=MIGRATIONS_DIR,
    )
