from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from metrics_svc.events.fold.dependencies import READ_FOLDED, WRITE_FOLDED
from metrics_svc.metrics.repository import MetricsRepository
from metrics_svc.scopes import WRITE
from metrics_svc.targets import service
from metrics_svc.targets.dependencies import TargetDep
from metrics_svc.targets.repository import TargetRepository
from metrics_svc.targets.schemas import TargetCreate, TargetRead, TargetUpdate
from metrics_svc.vocabulary import TargetStatus
from servicekit.pagination import Page, PageDep
from servicekit.unitofwork import UnitOfWorkDep
from servicekit.versioning import etag

router = APIRouter(prefix="/v1/targets", tags=["targets"])


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE_FOLDED)
async def create_target(body: TargetCreate, uow: UnitOfWorkDep, response: Response) -> TargetRead:
    target = await service.create_target(uow.repo(TargetRepository), body)
    response.headers["ETag"] = etag(target.version)
    response.headers["Location"] = f"/v1/targets/{target.id}"
    return await service.read_target(uow.repo(MetricsRepository), target)


@router.get("", dependencies=READ_FOLDED)
async def list_targets(
    uow: UnitOfWorkDep,
    page: PageDep,
    metric: Annotated[str | None, Query(max_length=64)] = None,
    status: Annotated[
        TargetStatus | None,
        Query(
            description="Keep only targets in this status (status is computed per page, "
            "so a page may hold fewer items than `limit`; follow next_cursor)."
        ),
    ] = None,
) -> Page[TargetRead]:
    targets, metrics = uow.repo(TargetRepository), uow.repo(MetricsRepository)
    rows, next_cursor = await targets.paginate(targets.list_targets(metric), page)
    items = [await service.read_target(metrics, t) for t in rows]
    if status is not None:
        items = [t for t in items if t.status == status]
    return Page(items=items, next_cursor=next_cursor)


@router.get("/{target_id}", dependencies=READ_FOLDED)
async def get_target(target: TargetDep, uow: UnitOfWorkDep, response: Response) -> TargetRead:
    response.headers["ETag"] = etag(target.version)
    return await service.read_target(uow.repo(MetricsRepository), target)


@router.patch("/{target_id}", dependencies=WRITE_FOLDED)
async def update_target(
    target: TargetDep,
    body: TargetUpdate,
    uow: UnitOfWorkDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> TargetRead:
    target = await service.update_target(uow.repo(TargetRepository), target, body, if_match)
    response.headers["ETag"] = etag(target.version)
    return await service.read_target(uow.repo(MetricsRepository), target)


@router.delete("/{target_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=WRITE)
async def delete_target(target: TargetDep, uow: UnitOfWorkDep) -> None:
    await service.delete_target(uow.repo(TargetRepository), target)
