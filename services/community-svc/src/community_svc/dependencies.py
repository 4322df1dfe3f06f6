"""Dependencies the community domains share."""

from typing import Any, TypeVar

from fastapi import Depends

from servicekit.repository import WorkspaceRepository
from servicekit.unitofwork import UnitOfWorkDep

Repo = TypeVar("Repo", bound=WorkspaceRepository[Any])


def request_repository(kind: type[Repo]) -> Any:
    """``Depends`` on the request's repository of ``kind``, handed out by its unit of work (one
    of each class per request): ``GroupRepoDep = Annotated[GroupRepository,
    request_repository(GroupRepository)]``."""

    async def get(uow: UnitOfWorkDep) -> Repo:
        return uow.repo(kind)

    return Depends(get)
