from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from metrics_svc.attribution import service
from metrics_svc.attribution.repository import AttributionRepository
from metrics_svc.attribution.schemas import AttributionReport
from metrics_svc.events.fold.dependencies import READ_FOLDED
from metrics_svc.metrics.schemas import DimensionId, parse_instant, zone
from metrics_svc.vocabulary import AttributionModel
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/attribution", tags=["attribution"])


@router.get("", dependencies=READ_FOLDED)
async def get_attribution(
    uow: UnitOfWorkDep,
    campaign_id: Annotated[
        DimensionId | None, Query(description="The campaign (or give group_id).")
    ] = None,
    group_id: Annotated[
        DimensionId | None, Query(description="The group (or campaign_id).")
    ] = None,
    from_: Annotated[
        str | None,
        Query(
            alias="from",
            description="Date (local midnight in tz) or RFC 3339 time; "
            "default 30 days before `to`.",
        ),
    ] = None,
    to: Annotated[str | None, Query(description="Exclusive end; default now.")] = None,
    tz: Annotated[str, Query(max_length=64)] = "UTC",
    model: AttributionModel = AttributionModel.LAST_TOUCH,
) -> AttributionReport:
    """Per publication and per channel: impressions, clicks, leads, joins, claims,
    redemptions, GMV and the conversion between them, each conversion credited to its own
    publication or to its actor's first or last touch (window at most 366 days)."""
    zoneinfo = zone(tz)
    end = parse_instant(to, zoneinfo, "to") if to else datetime.now(UTC)
    start = parse_instant(from_, zoneinfo, "from") if from_ else end - timedelta(days=30)
    return await service.attribution_report(
        uow.repo(AttributionRepository),
        campaign_id=campaign_id,
        group_id=group_id,
        start=start,
        end=end,
        tz=zoneinfo.key,
        model=model,
    )
