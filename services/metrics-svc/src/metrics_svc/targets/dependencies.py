import uuid
from typing import Annotated

from fastapi import Depends

from metrics_svc.targets.exceptions import TargetNotFound
from metrics_svc.targets.models import Target
from metrics_svc.targets.repository import TargetRepository
from servicekit.unitofwork import UnitOfWorkDep


async def get_target_or_404(target_id: uuid.UUID, uow: UnitOfWorkDep) -> Target:
    target = await uow.repo(TargetRepository).get(target_id)
    if target is None:
        raise TargetNotFound(target_id)
    return target


TargetDep = Annotated[Target, Depends(get_target_or_404)]
