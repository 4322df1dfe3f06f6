import uuid
from typing import Annotated

from fastapi import Depends

from metrics_svc.targets.exceptions import TargetNotFound
from metrics_svc.targets.models import Target
from metrics_svc.targets.repository import TargetRepository
from servicekit.unitofwork import UnitOfWorkDep


async def get_target_or_404(target_id: uuid.UUID, uow: UnitOfWorkDep) -> Target:
    return await uow.repo(TargetRepository).get_or_raise(target_id, TargetNotFound)


TargetDep = Annotated[Target, Depends(get_target_or_404)]
