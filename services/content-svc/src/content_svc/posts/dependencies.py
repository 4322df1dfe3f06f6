import uuid
from typing import Annotated

from fastapi import Depends

from content_svc.posts.exceptions import PostNotFound
from content_svc.posts.models import Post
from content_svc.posts.repository import CommentRepository, PostRepository, RevisionRepository
from servicekit.context import ContextDep
from servicekit.db import SessionDep


def get_post_repository(session: SessionDep, ctx: ContextDep) -> PostRepository:
    return PostRepository(session, ctx.workspace_id)


def get_revision_repository(session: SessionDep, ctx: ContextDep) -> RevisionRepository:
    return RevisionRepository(session, ctx.workspace_id)


def get_comment_repository(session: SessionDep, ctx: ContextDep) -> CommentRepository:
    return CommentRepository(session, ctx.workspace_id)


PostRepoDep = Annotated[PostRepository, Depends(get_post_repository)]
RevisionRepoDep = Annotated[RevisionRepository, Depends(get_revision_repository)]
CommentRepoDep = Annotated[CommentRepository, Depends(get_comment_repository)]


async def get_post_or_404(post_id: uuid.UUID, repo: PostRepoDep) -> Post:
    post = await repo.get(post_id)
    if post is None:
        raise PostNotFound(post_id)
    return post


PostDep = Annotated[Post, Depends(get_post_or_404)]
