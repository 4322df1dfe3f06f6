from typing import Annotated

from fastapi import APIRouter, Query

from metrics_svc.events.fold.dependencies import READ_FOLDED
from metrics_svc.insights import service
from metrics_svc.insights.repository import InsightsRepository
from metrics_svc.insights.schemas import BestTimes
from metrics_svc.metrics.schemas import zone
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/insights", tags=["insights"])


@router.get("/best-times", dependencies=READ_FOLDED)
async def get_best_times(
    uow: UnitOfWorkDep,
    channel_id: Annotated[str, Query(min_length=1, max_length=64)],
    tz: Annotated[str, Query(max_length=64, description="The channel's IANA time zone")] = "UTC",
    days: Annotated[int, Query(ge=1, le=366)] = 90,
    limit: Annotated[int, Query(ge=1, le=168)] = 5,
    min_exposures: Annotated[int, Query(ge=1)] = 10,
) -> BestTimes:
    """Top hour-of-week slots by engagement per exposure, from the hourly rollups."""
    return await service.best_times(
        uow.repo(InsightsRepository),
        channel_id,
        zone(tz),
        days=days,
        limit=limit,
        min_exposures=min_exposures,
    )
