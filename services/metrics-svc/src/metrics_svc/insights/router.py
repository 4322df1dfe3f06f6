from typing import Annotated

from fastapi import APIRouter, Query

from metrics_svc import examples as ex
from metrics_svc.events.exceptions import NumbersCatchingUp
from metrics_svc.events.fold.dependencies import READ_FOLDED
from metrics_svc.insights import service
from metrics_svc.insights.repository import InsightsRepository
from metrics_svc.insights.schemas import BestTimes
from metrics_svc.metrics.exceptions import BadTimeZone
from metrics_svc.metrics.schemas import zone
from servicekit.apidoc import problems
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/insights", tags=["insights"])


@router.get(
    "/best-times",
    dependencies=READ_FOLDED,
    responses=problems(BadTimeZone, NumbersCatchingUp),
    response_description="The best hours of the week, best first.",
)
async def get_best_times(
    uow: UnitOfWorkDep,
    channel_id: Annotated[
        str,
        Query(
            min_length=1,
            max_length=64,
            description="The content-svc channel to look at.",
            examples=[ex.CHANNEL_ID],
        ),
    ],
    tz: Annotated[
        str,
        Query(
            max_length=64,
            description="The channel's IANA time zone: weekdays and hours are read in it.",
            examples=["Asia/Shanghai"],
        ),
    ] = "UTC",
    days: Annotated[
        int, Query(ge=1, le=366, description="How many days of history to read, up to now.")
    ] = 90,
    limit: Annotated[int, Query(ge=1, le=168, description="How many slots to answer.")] = 5,
    min_exposures: Annotated[
        int,
        Query(
            ge=1,
            description="Leave out hours with fewer exposures than this: one lucky view is "
            "not a pattern.",
        ),
    ] = 10,
) -> BestTimes:
    """When to publish on a channel: the hours of the week (in its time zone) whose content
    drew the most engagement (clicks, likes, favourites, comments, shares) per exposure
    (impressions and views) over the last `days` days. content-svc schedules a publication
    at the channel's next best slot from this."""
    return await service.best_times(
        uow.repo(InsightsRepository),
        channel_id,
        zone(tz),
        days=days,
        limit=limit,
        min_exposures=min_exposures,
    )
