"""Topic rules: proposed → accepted | rejected, accepted → done; posts start from accepted ones."""

from typing import Any

from content_svc.events import DomainEvent
from content_svc.posts import service as post_service
from content_svc.posts.models import Post
from content_svc.posts.schemas import PostCreate
from content_svc.topics.exceptions import IllegalTopicTransition, TopicNotAccepted, TopicNotFound
from content_svc.topics.models import Topic, TopicStatus
from content_svc.topics.repository import TopicRepository
from content_svc.topics.schemas import TopicCreate, TopicTransition, TopicUpdate
from servicekit.unitofwork import UnitOfWork
from servicekit.versioning import check_if_match

ALLOWED_TRANSITIONS: dict[TopicStatus, tuple[TopicStatus, ...]] = {
    TopicStatus.PROPOSED: (TopicStatus.ACCEPTED, TopicStatus.REJECTED),
    TopicStatus.ACCEPTED: (TopicStatus.DONE,),
    TopicStatus.REJECTED: (),
    TopicStatus.DONE: (),
}


async def _lock(uow: UnitOfWork, topic: Topic) -> Topic:
    # A topic deleted by a concurrent request since it was read is missing.
    return await uow.repo(TopicRepository).get_or_raise(topic.id, TopicNotFound, lock=True)


async def create_topic(uow: UnitOfWork, data: TopicCreate, actor_id: str | None) -> Topic:
    fields = data.model_dump()
    if fields["owner_id"] is None:
        fields["owner_id"] = actor_id
    return await uow.repo(TopicRepository).add(Topic(**fields))


async def update_topic(
    uow: UnitOfWork, topic: Topic, data: TopicUpdate, if_match: str | None
) -> Topic:
    topic = await _lock(uow, topic)
    check_if_match(if_match, topic.version)
    changes = data.model_dump(exclude_unset=True)
    changed = {k: v for k, v in changes.items() if getattr(topic, k) != v}
    if changed:
        await uow.repo(TopicRepository).update(topic, changed)
    return topic


def _event_payload(topic: Topic, actor_id: str | None) -> dict[str, Any]:
    return {"topic_id": str(topic.id), "title": topic.title, "actor_id": actor_id}


async def transition_topic(
    uow: UnitOfWork,
    topic: Topic,
    data: TopicTransition,
    if_match: str | None,
    actor_id: str | None,
) -> Topic:
    topic = await _lock(uow, topic)
    check_if_match(if_match, topic.version)
    allowed = ALLOWED_TRANSITIONS[TopicStatus(topic.status)]
    target = TopicStatus(data.to)
    if target not in allowed:
        raise IllegalTopicTransition(topic.status, target, allowed)
    topic.status = target
    await uow.repo(TopicRepository).flush()
    if target == TopicStatus.ACCEPTED:
        await uow.record(
            DomainEvent.TOPIC_ACCEPTED, _event_payload(topic, actor_id) | {"note": data.note}
        )
    return topic


def draft_body(topic: Topic) -> str:
    """A Markdown outline from the topic's brief, audience and pain point (empty ones left out)."""
    sections = (
        ("Brief", topic.brief),
        ("Audience", topic.audience),
        ("Pain point", topic.pain_point),
    )
    parts = [f"## {heading}\n\n{text.strip()}\n" for heading, text in sections if text.strip()]
    return "\n".join(parts)


async def start_post(uow: UnitOfWork, topic: Topic, author_id: str | None) -> Post:
    # The lock keeps a concurrent "done" from slipping in between the check and the insert.
    topic = await _lock(uow, topic)
    if topic.status != TopicStatus.ACCEPTED:
        raise TopicNotAccepted(topic.status)
    data = PostCreate(
        title=topic.title, body=draft_body(topic), tags=list(topic.tags), topic_id=topic.id
    )
    return await post_service.create_post(uow, data, author_id)


async def delete_topic(uow: UnitOfWork, topic: Topic, if_match: str | None) -> None:
    # Posts written from it keep their content; their topic_id is set to null (ON DELETE SET NULL).
    check_if_match(if_match, topic.version)
    await uow.repo(TopicRepository).delete(topic)
