from fastapi import APIRouter

from metrics_svc.attribution.router import router as attribution_router
from metrics_svc.benchmarks.router import router as benchmarks_router
from metrics_svc.events.router import router as events_router
from metrics_svc.funnels.router import router as funnels_router
from metrics_svc.insights.router import router as insights_router
from metrics_svc.metrics.router import router as metrics_router
from metrics_svc.retention.router import router as retention_router
from metrics_svc.targets.router import router as targets_router

routers: list[APIRouter] = [
    events_router,
    metrics_router,
    funnels_router,
    retention_router,
    targets_router,
    insights_router,
    attribution_router,
    benchmarks_router,
]
