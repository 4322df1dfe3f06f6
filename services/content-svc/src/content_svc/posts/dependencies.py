import uuid
from typing import Annotated

from fastapi import Depends

from content_svc.posts.exceptions import PostNotFound
from content_svc.posts.models import Post
from content_svc.posts.repository import PostRepository
from servicekit.unitofwork import UnitOfWorkDep


async def get_post_or_404(post_id: uuid.UUID, uow: UnitOfWorkDep) -> Post:
    return await uow.repo(PostRepository).get_or_raise(post_id, PostNotFound)


PostDep = Annotated[Post, Depends(get_post_or_404)]
