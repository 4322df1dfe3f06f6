import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Response, status

from content_svc.posts import service
from content_svc.posts.dependencies import PostDep
from content_svc.posts.exceptions import (
    ArchivedPostIsReadOnly,
    IllegalPostTransition,
    PostStillReferenced,
    RevisionNotFound,
    UnknownRevision,
    UnknownTopic,
)
from content_svc.posts.models import PostStatus
from content_svc.posts.repository import CommentRepository, PostRepository, RevisionRepository
from content_svc.posts.schemas import (
    CommentCreate,
    CommentRead,
    PostCreate,
    PostRead,
    PostTransition,
    PostUpdate,
    RevisionDiff,
    RevisionRead,
)
from content_svc.scopes import READ, WRITE
from servicekit.apidoc import problems
from servicekit.context import ContextDep
from servicekit.pagination import Page, PageDep
from servicekit.unitofwork import UnitOfWorkDep
from servicekit.versioning import etag

router = APIRouter(prefix="/v1/posts", tags=["posts"])

IfMatch = Annotated[str | None, Header()]
RevisionNumber = Annotated[
    int, Path(ge=1, le=2_147_483_647, description="The revision's number: 1 is the first")
]


@router.post(
    "", status_code=status.HTTP_201_CREATED, dependencies=WRITE, responses=problems(UnknownTopic)
)
async def create_post(
    body: PostCreate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    response: Response,
) -> PostRead:
    """Write a draft post; the caller is its author and its content is stored as revision 1.

    Answers the post with `ETag` and `Location`.
    """
    post = await service.create_post(uow, body, ctx.actor_id)
    response.headers["ETag"] = etag(post.version)
    response.headers["Location"] = f"/v1/posts/{post.id}"
    return PostRead.model_validate(post)


@router.get("", dependencies=READ)
async def list_posts(
    uow: UnitOfWorkDep,
    page: PageDep,
    status: Annotated[PostStatus | None, Query(description="Only posts in this status")] = None,
    tag: Annotated[
        str | None, Query(min_length=1, max_length=50, description="Only posts with this tag")
    ] = None,
    author_id: Annotated[
        str | None, Query(max_length=128, description="Only posts by this author")
    ] = None,
    topic_id: Annotated[
        uuid.UUID | None, Query(description="Only posts written for this topic")
    ] = None,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="text in the title or body, any language"),
    ] = None,
) -> Page[PostRead]:
    """The workspace's posts, oldest first, a page at a time, filtered by status, tag, author,
    topic and text (`q`)."""
    posts = uow.repo(PostRepository)
    stmt = posts.list_posts(status=status, tag=tag, author_id=author_id, topic_id=topic_id, q=q)
    rows, next_cursor = await posts.paginate(stmt, page)
    return Page(items=[PostRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/{post_id}", dependencies=READ)
async def get_post(post: PostDep, response: Response) -> PostRead:
    """One post with its current content; `ETag` carries its version for `If-Match`."""
    response.headers["ETag"] = etag(post.version)
    return PostRead.model_validate(post)


@router.patch(
    "/{post_id}", dependencies=WRITE, responses=problems(ArchivedPostIsReadOnly, UnknownTopic)
)
async def update_post(
    post: PostDep,
    body: PostUpdate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    response: Response,
    if_match: IfMatch = None,
) -> PostRead:
    """Change the fields sent. A content change (title, body, summary, tags, media) stores a new
    revision, and on an approved post moves it back to draft (``status`` in the answer);
    an archived post is a 409; a stale If-Match is a 412."""
    post = await service.update_post(uow, post, body, if_match, ctx.actor_id)
    response.headers["ETag"] = etag(post.version)
    return PostRead.model_validate(post)


@router.delete(
    "/{post_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=WRITE,
    responses=problems(PostStillReferenced),
)
async def delete_post(post: PostDep, uow: UnitOfWorkDep, if_match: IfMatch = None) -> None:
    """Remove a post with its revisions and comments; one a publication uses is a 409
    (archive it instead)."""
    await service.delete_post(uow, post, if_match)


@router.post(
    "/{post_id}/transitions", dependencies=WRITE, responses=problems(IllegalPostTransition)
)
async def transition_post(
    post: PostDep,
    body: PostTransition,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    response: Response,
    if_match: IfMatch = None,
) -> PostRead:
    """Move a post through review: draft → in_review → approved | changes_requested;
    changes_requested → in_review | draft; approved → archived | draft. Anything else is a
    409 naming the allowed targets. A ``comment`` is stored as a review comment on the latest
    revision."""
    post = await service.transition_post(uow, post, body, if_match, ctx.actor_id)
    response.headers["ETag"] = etag(post.version)
    return PostRead.model_validate(post)


@router.get("/{post_id}/revisions", dependencies=READ)
async def list_revisions(post: PostDep, uow: UnitOfWorkDep, page: PageDep) -> Page[RevisionRead]:
    """Every stored version of the post's content, revision 1 first, a page at a time."""
    revisions = uow.repo(RevisionRepository)
    rows, next_cursor = await revisions.paginate(revisions.list_revisions(post.id), page)
    return Page(items=[RevisionRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get(
    "/{post_id}/revisions/{number}", dependencies=READ, responses=problems(RevisionNotFound)
)
async def get_revision(post: PostDep, number: RevisionNumber, uow: UnitOfWorkDep) -> RevisionRead:
    """The post's content as revision `number` left it."""
    revision = await uow.repo(RevisionRepository).get_revision(post.id, number)
    if revision is None:
        raise RevisionNotFound(post.id, number)
    return RevisionRead.model_validate(revision)


@router.get(
    "/{post_id}/revisions/{number}/diff",
    dependencies=READ,
    responses=problems(RevisionNotFound),
)
async def diff_revision(post: PostDep, number: RevisionNumber, uow: UnitOfWorkDep) -> RevisionDiff:
    """Unified diff of the title and body against the previous revision (1: against empty)."""
    revisions = uow.repo(RevisionRepository)
    revision = await revisions.get_revision(post.id, number)
    if revision is None:
        raise RevisionNotFound(post.id, number)
    previous = await revisions.get_revision(post.id, number - 1) if number > 1 else None
    return service.diff_revisions(revision, previous)


@router.post(
    "/{post_id}/comments",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(UnknownRevision),
)
async def create_comment(
    post: PostDep,
    body: CommentCreate,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
) -> CommentRead:
    """Leave a review comment, as the caller, on ``revision_number`` or the latest revision."""
    comment = await service.add_comment(uow, post, body, ctx.actor_id)
    return CommentRead.model_validate(comment)


@router.get("/{post_id}/comments", dependencies=READ)
async def list_comments(post: PostDep, uow: UnitOfWorkDep, page: PageDep) -> Page[CommentRead]:
    """The post's review comments, oldest first, including those left with a transition."""
    comments = uow.repo(CommentRepository)
    rows, next_cursor = await comments.paginate(comments.list_comments(post.id), page)
    return Page(items=[CommentRead.model_validate(r) for r in rows], next_cursor=next_cursor)
