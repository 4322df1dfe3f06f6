import uuid
from typing import Annotated

from fastapi import Depends

from community_svc.dependencies import request_repository
from community_svc.members.exceptions import MemberNotFound
from community_svc.members.models import Member
from community_svc.members.repository import MemberRepository

MemberRepoDep = Annotated[MemberRepository, request_repository(MemberRepository)]


async def get_member_or_404(member_id: uuid.UUID, repo: MemberRepoDep) -> Member:
    return await repo.get_or_raise(member_id, MemberNotFound)


MemberDep = Annotated[Member, Depends(get_member_or_404)]
