"""campaign-svc's ASGI app: ``uvicorn --factory campaign_svc.main:create_app``."""

from pathlib import Path

from fastapi import FastAPI

from campaign_svc.api import routers
from campaign_svc.config import Settings
from campaign_svc.coupons.jobs import KINDS as COUPON_JOBS
from campaign_svc.events import METRICS_EVENT_TYPES
from campaign_svc.idempotency import IdempotencyKey
from campaign_svc.jobs import JobRepository
from campaign_svc.models import OutboxEvent
from campaign_svc.scopes import Scope
from campaign_svc.state import with_peers
from servicekit.app import create_service_app
from servicekit.jobs import JobSetup

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
JOBS = JobSetup(repository=JobRepository, read_scope=Scope.READ, kinds=lambda _: COUPON_JOBS)


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_service_app(
        settings or Settings(),
        title="MediaOps campaign-svc",
        description=(
            "Campaigns (group buying, flash sales, holiday promos, referrals…), coupon batches "
            "and coupons, referral fission, leads, and partner (KOL) collaborations with their "
            "return."
        ),
        routers=routers,
        idempotency_model=IdempotencyKey,
        outbox_model=OutboxEvent,
        metrics_event_types=METRICS_EVENT_TYPES,
        migrations_dir=MIGRATIONS_DIR,
        extend_state=with_peers,
        jobs=JOBS,
    )
