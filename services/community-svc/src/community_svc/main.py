"""community-svc's ASGI app: ``uvicorn --factory community_svc.main:create_app``."""

from pathlib import Path

from fastapi import FastAPI

from community_svc.api import routers
from community_svc.config import Settings
from servicekit.app import create_service_app

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings or Settings(),
        title="MediaOps community-svc",
        description=(
            "User groups (社群) from building to dissolving: members and tiers, goals, "
            "SOP templates, SOP runs and the operators' tasks."
        ),
        routers=routers,
        migrations_dir=MIGRATIONS_DIR,
    )
