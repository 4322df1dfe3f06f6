import uuid
from typing import Annotated

from fastapi import Depends

from community_svc.members.exceptions import MemberNotFound
from community_svc.members.models import Member
from community_svc.members.repository import MemberRepository
from servicekit.unitofwork import UnitOfWorkDep


def get_member_repository(uow: UnitOfWorkDep) -> MemberRepository:
    return uow.repo(MemberRepository)


MemberRepoDep = Annotated[MemberRepository, Depends(get_member_repository)]


async def get_member_or_404(member_id: uuid.UUID, repo: MemberRepoDep) -> Member:
    member = await repo.get(member_id)
    if member is None:
        raise MemberNotFound(member_id)
    return member


MemberDep = Annotated[Member, Depends(get_member_or_404)]
