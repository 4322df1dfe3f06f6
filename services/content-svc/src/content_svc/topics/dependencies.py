import uuid
from typing import Annotated

from fastapi import Depends

from content_svc.topics.exceptions import TopicNotFound
from content_svc.topics.models import Topic
from content_svc.topics.repository import TopicRepository
from servicekit.context import ContextDep
from servicekit.db import SessionDep


def get_topic_repository(session: SessionDep, ctx: ContextDep) -> TopicRepository:
    return TopicRepository(session, ctx.workspace_id)


TopicRepoDep = Annotated[TopicRepository, Depends(get_topic_repository)]


async def get_topic_or_404(topic_id: uuid.UUID, repo: TopicRepoDep) -> Topic:
    topic = await repo.get(topic_id)
    if topic is None:
        raise TopicNotFound(topic_id)
    return topic


TopicDep = Annotated[Topic, Depends(get_topic_or_404)]
