from typing import Annotated

from fastapi import Depends

from metrics_svc.metrics.repository import MetricsRepository
from servicekit.context import ContextDep
from servicekit.db import SessionDep


async def get_metrics_repository(session: SessionDep, ctx: ContextDep) -> MetricsRepository:
    return MetricsRepository(session, ctx.workspace_id)


MetricsRepoDep = Annotated[MetricsRepository, Depends(get_metrics_repository)]
