import uuid
from typing import Annotated

from fastapi import Depends

from metrics_svc.metrics.repository import MetricsRepository
from metrics_svc.targets.exceptions import TargetNotFound
from metrics_svc.targets.models import Target
from metrics_svc.targets.repository import TargetRepository
from servicekit.context import ContextDep
from servicekit.db import SessionDep


async def get_target_repository(session: SessionDep, ctx: ContextDep) -> TargetRepository:
    return TargetRepository(session, ctx.workspace_id)


TargetRepoDep = Annotated[TargetRepository, Depends(get_target_repository)]


async def get_metrics_repository(session: SessionDep, ctx: ContextDep) -> MetricsRepository:
    return MetricsRepository(session, ctx.workspace_id)


TargetMetricsDep = Annotated[MetricsRepository, Depends(get_metrics_repository)]


async def get_target_or_404(target_id: uuid.UUID, repo: TargetRepoDep) -> Target:
    target = await repo.get(target_id)
    if target is None:
        raise TargetNotFound(target_id)
    return target


TargetDep = Annotated[Target, Depends(get_target_or_404)]
