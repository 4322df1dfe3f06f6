import uuid
from typing import Annotated

from fastapi import Depends

from content_svc.topics.exceptions import TopicNotFound
from content_svc.topics.models import Topic
from content_svc.topics.repository import TopicRepository
from servicekit.unitofwork import UnitOfWorkDep


async def get_topic_or_404(topic_id: uuid.UUID, uow: UnitOfWorkDep) -> Topic:
    return await uow.repo(TopicRepository).get_or_raise(topic_id, TopicNotFound)


TopicDep = Annotated[Topic, Depends(get_topic_or_404)]
