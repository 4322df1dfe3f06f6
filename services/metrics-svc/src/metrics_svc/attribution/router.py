from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from metrics_svc import examples as ex
from metrics_svc.attribution import service
from metrics_svc.attribution.exceptions import AttributionScopeInvalid
from metrics_svc.attribution.repository import AttributionRepository
from metrics_svc.attribution.schemas import AttributionReport
from metrics_svc.events.exceptions import NumbersCatchingUp
from metrics_svc.events.fold.dependencies import READ_FOLDED
from metrics_svc.metrics.exceptions import (
    BadInstant,
    BadTimeZone,
    EmptyWindow,
    InstantOutOfRange,
    WindowTooWide,
)
from metrics_svc.metrics.schemas import DimensionId, parse_instant, zone
from metrics_svc.vocabulary import AttributionModel
from servicekit.apidoc import problems
from servicekit.unitofwork import UnitOfWorkDep

router = APIRouter(prefix="/v1/attribution", tags=["attribution"])

# How many publications one report takes (each is a query parameter of the URL).
MAX_PUBLICATIONS = 100


@router.get(
    "",
    dependencies=READ_FOLDED,
    response_description="The report: per publication, per channel, unattributed and total.",
    responses=problems(
        AttributionScopeInvalid,
        BadTimeZone,
        BadInstant,
        InstantOutOfRange,
        EmptyWindow,
        WindowTooWide,
        NumbersCatchingUp,
    ),
)
async def get_attribution(
    uow: UnitOfWorkDep,
    campaign_id: Annotated[
        DimensionId | None,
        Query(description="The campaign (or give group_id).", examples=[ex.CAMPAIGN_ID]),
    ] = None,
    group_id: Annotated[
        DimensionId | None, Query(description="The group (or campaign_id).")
    ] = None,
    publication_id: Annotated[
        list[DimensionId] | None,
        Query(
            max_length=MAX_PUBLICATIONS,
            description="Instead of a campaign or a group: publications (repeat the parameter, "
            f"up to {MAX_PUBLICATIONS}); each is credited with the conversions made with its "
            "own tracking code, whatever their campaign or group.",
            examples=[[ex.PUBLICATION_ID]],
        ),
    ] = None,
    from_: Annotated[
        str | None,
        Query(
            alias="from",
            description="Date (local midnight in tz) or RFC 3339 time; "
            "default 30 days before `to`.",
            examples=["2026-11-01"],
        ),
    ] = None,
    to: Annotated[
        str | None,
        Query(description="Exclusive end; default now.", examples=["2026-11-12"]),
    ] = None,
    tz: Annotated[
        str,
        Query(
            max_length=64,
            description="The IANA time zone dates in `from`/`to` are read in.",
            examples=["Asia/Shanghai"],
        ),
    ] = "UTC",
    model: Annotated[
        AttributionModel,
        Query(
            description="Credit a conversion that carries no publication of its own to its "
            "actor's earliest touch in the window (`first_touch`) or latest (`last_touch`)."
        ),
    ] = AttributionModel.LAST_TOUCH,
) -> AttributionReport:
    """Which publications brought a campaign's (or a group's) results: per publication and
    per channel, impressions, clicks, leads, joins, coupon claims, redemptions, GMV and the
    conversion between them.

    A conversion carrying a `publication_id` (a tracking code) is credited to it; one without
    is credited to its actor's first or last touch (an event carrying a publication) at or
    before it, per `model`; with neither it is unattributed. The window is whole UTC hours, at
    most 366 days.

    With `publication_id` (repeated) instead of a campaign or group, the report is of those
    publications: the conversions carrying one of them, in any campaign or group, and their
    impressions and clicks (what campaign-svc measures a partner's collaboration by)."""
    zoneinfo = zone(tz)
    end = parse_instant(to, zoneinfo, "to") if to else datetime.now(UTC)
    start = parse_instant(from_, zoneinfo, "from") if from_ else end - timedelta(days=30)
    return await service.attribution_report(
        uow.repo(AttributionRepository),
        campaign_id=campaign_id,
        group_id=group_id,
        publication_ids=publication_id or [],
        start=start,
        end=end,
        tz=zoneinfo.key,
        model=model,
    )
