from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from metrics_svc.events.exceptions import NumbersCatchingUp
from metrics_svc.events.fold.dependencies import READ_FOLDED, WRITE_FOLDED
from metrics_svc.metrics.repository import MetricsRepository
from metrics_svc.scopes import WRITE
from metrics_svc.targets import service
from metrics_svc.targets.dependencies import TargetDep
from metrics_svc.targets.exceptions import (
    TargetMetricUnknown,
    TargetNotFound,
    TargetPeriodInvalid,
)
from metrics_svc.targets.repository import TargetRepository
from metrics_svc.targets.schemas import TargetCreate, TargetRead, TargetUpdate
from metrics_svc.vocabulary import TargetStatus
from servicekit.apidoc import problems
from servicekit.pagination import Page, PageDep
from servicekit.unitofwork import UnitOfWorkDep
from servicekit.versioning import etag

router = APIRouter(prefix="/v1/targets", tags=["targets"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE_FOLDED,
    responses=problems(TargetMetricUnknown, TargetPeriodInvalid, NumbersCatchingUp),
    response_description="The target as created, with where it stands already.",
)
async def create_target(body: TargetCreate, uow: UnitOfWorkDep, response: Response) -> TargetRead:
    """Set a goal: reach `target_value` of a catalogue metric (with filters, e.g. one
    campaign's GMV) between `period_start` and `period_end`.

    Answers the target with where it stands already (`actual`, `expected`, `progress`,
    `status`), its `ETag` and its `Location`."""
    target = await service.create_target(uow.repo(TargetRepository), body)
    response.headers["ETag"] = etag(target.version)
    response.headers["Location"] = f"/v1/targets/{target.id}"
    return await service.read_target(uow.repo(MetricsRepository), target)


@router.get(
    "",
    dependencies=READ_FOLDED,
    responses=problems(NumbersCatchingUp),
    response_description="A page of targets, each with where it stands now.",
)
async def list_targets(
    uow: UnitOfWorkDep,
    page: PageDep,
    metric: Annotated[
        str | None,
        Query(max_length=64, description="Keep only targets of this metric (`gmv`, …)."),
    ] = None,
    status: Annotated[
        TargetStatus | None,
        Query(
            description="Keep only targets in this status (status is computed per page, "
            "so a page may hold fewer items than `limit`; follow next_cursor)."
        ),
    ] = None,
) -> Page[TargetRead]:
    """The workspace's targets, oldest first, each with where it stands now (actual,
    expected, progress, gap, status): the dashboard's goals panel, or with
    `status=at_risk` the goals that need attention."""
    targets, metrics = uow.repo(TargetRepository), uow.repo(MetricsRepository)
    rows, next_cursor = await targets.paginate(targets.list_targets(metric), page)
    items = [await service.read_target(metrics, t) for t in rows]
    if status is not None:
        items = [t for t in items if t.status == status]
    return Page(items=items, next_cursor=next_cursor)


@router.get(
    "/{target_id}",
    dependencies=READ_FOLDED,
    responses=problems(TargetNotFound, NumbersCatchingUp),
    response_description="The target and where it stands now.",
)
async def get_target(target: TargetDep, uow: UnitOfWorkDep, response: Response) -> TargetRead:
    """One target and where it stands now, counting every event acknowledged before the
    call; its `ETag` is the version to send as `If-Match` when changing it."""
    response.headers["ETag"] = etag(target.version)
    return await service.read_target(uow.repo(MetricsRepository), target)


@router.patch(
    "/{target_id}",
    dependencies=WRITE_FOLDED,
    responses=problems(TargetNotFound, TargetPeriodInvalid, NumbersCatchingUp),
    response_description="The target as changed, with where it stands now.",
)
async def update_target(
    target: TargetDep,
    body: TargetUpdate,
    uow: UnitOfWorkDep,
    response: Response,
    if_match: Annotated[
        str | None,
        Header(
            description='The `ETag` last read (`"3"`): the change applies only if the '
            "target is still at that version, else 412. Without it the change applies "
            "whatever happened meanwhile."
        ),
    ] = None,
) -> TargetRead:
    """Change a target's name, filters, period or value (its metric stays: create another
    target for another metric). Only the fields sent change; answers the target as it now
    stands, with its new `ETag`."""
    target = await service.update_target(uow.repo(TargetRepository), target, body, if_match)
    response.headers["ETag"] = etag(target.version)
    return await service.read_target(uow.repo(MetricsRepository), target)


@router.delete(
    "/{target_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=WRITE,
    responses=problems(TargetNotFound),
    response_description="Deleted; nothing in the body.",
)
async def delete_target(target: TargetDep, uow: UnitOfWorkDep) -> None:
    """Stop tracking a target; the events and numbers it read stay."""
    await service.delete_target(uow.repo(TargetRepository), target)
