from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from content_svc.posts.schemas import PostRead
from content_svc.scopes import READ, WRITE
from content_svc.topics import service
from content_svc.topics.dependencies import TopicDep
from content_svc.topics.exceptions import IllegalTopicTransition, TopicNotAccepted
from content_svc.topics.models import TopicStatus
from content_svc.topics.repository import TopicRepository
from content_svc.topics.schemas import TopicCreate, TopicRead, TopicTransition, TopicUpdate
from servicekit.apidoc import problems
from servicekit.context import ContextDep
from servicekit.errors import Unprocessable
from servicekit.pagination import Page, PageDep
from servicekit.timebounds import Day
from servicekit.unitofwork import UnitOfWorkDep
from servicekit.versioning import etag

router = APIRouter(prefix="/v1/topics", tags=["topics"])

IfMatch = Annotated[str | None, Header()]


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=WRITE)
async def create_topic(
    body: TopicCreate, uow: UnitOfWorkDep, ctx: ContextDep, response: Response
) -> TopicRead:
    """Propose a topic (选题); it starts `proposed`, owned by `owner_id` or the caller.

    Answers the topic with `ETag` and `Location`.
    """
    topic = await service.create_topic(uow, body, ctx.actor_id)
    response.headers["ETag"] = etag(topic.version)
    response.headers["Location"] = f"/v1/topics/{topic.id}"
    return TopicRead.model_validate(topic)


@router.get("", dependencies=READ)
async def list_topics(
    uow: UnitOfWorkDep,
    page: PageDep,
    status: Annotated[TopicStatus | None, Query(description="Only topics in this status")] = None,
    owner_id: Annotated[
        str | None, Query(max_length=128, description="Only topics this user owns")
    ] = None,
    tag: Annotated[
        str | None, Query(min_length=1, max_length=50, description="Only topics with this tag")
    ] = None,
    due_from: Annotated[Day | None, Query(description="due_date on or after")] = None,
    due_to: Annotated[Day | None, Query(description="due_date on or before")] = None,
) -> Page[TopicRead]:
    """The workspace's topics, oldest first, a page at a time, filtered by status, owner, tag
    and due date (a `due_from` after `due_to` is a 422)."""
    if due_from is not None and due_to is not None and due_from > due_to:
        raise Unprocessable(f"due_from ({due_from}) is after due_to ({due_to}); swap them.")
    topics = uow.repo(TopicRepository)
    stmt = topics.list_topics(
        status=status, owner_id=owner_id, tag=tag, due_from=due_from, due_to=due_to
    )
    rows, next_cursor = await topics.paginate(stmt, page)
    return Page(items=[TopicRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/{topic_id}", dependencies=READ)
async def get_topic(topic: TopicDep, response: Response) -> TopicRead:
    """One topic; `ETag` carries its version for `If-Match`."""
    response.headers["ETag"] = etag(topic.version)
    return TopicRead.model_validate(topic)


@router.patch("/{topic_id}", dependencies=WRITE)
async def update_topic(
    topic: TopicDep,
    body: TopicUpdate,
    uow: UnitOfWorkDep,
    response: Response,
    if_match: IfMatch = None,
) -> TopicRead:
    """Change the fields sent; the status moves only by transitions. Send the `ETag` you read
    as `If-Match` so another editor's change is not overwritten."""
    topic = await service.update_topic(uow, topic, body, if_match)
    response.headers["ETag"] = etag(topic.version)
    return TopicRead.model_validate(topic)


@router.delete("/{topic_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=WRITE)
async def delete_topic(topic: TopicDep, uow: UnitOfWorkDep, if_match: IfMatch = None) -> None:
    """Remove a topic; posts written from it keep their content and lose the link
    (`topic_id` becomes null)."""
    await service.delete_topic(uow, topic, if_match)


@router.post(
    "/{topic_id}/transitions", dependencies=WRITE, responses=problems(IllegalTopicTransition)
)
async def transition_topic(
    topic: TopicDep,
    body: TopicTransition,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    response: Response,
    if_match: IfMatch = None,
) -> TopicRead:
    """Decide on a topic: proposed → accepted | rejected; accepted → done. Anything else is a
    409 naming the allowed targets."""
    topic = await service.transition_topic(uow, topic, body, if_match, ctx.actor_id)
    response.headers["ETag"] = etag(topic.version)
    return TopicRead.model_validate(topic)


@router.post(
    "/{topic_id}/posts",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(TopicNotAccepted),
)
async def start_post_from_topic(
    topic: TopicDep,
    uow: UnitOfWorkDep,
    ctx: ContextDep,
    response: Response,
) -> PostRead:
    """A draft post from an accepted topic: its title and tags, and an outline of its brief,
    audience and pain point as the body. 409 when the topic is not accepted."""
    post = await service.start_post(uow, topic, ctx.actor_id)
    response.headers["ETag"] = etag(post.version)
    response.headers["Location"] = f"/v1/posts/{post.id}"
    return PostRead.model_validate(post)
