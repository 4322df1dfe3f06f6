import uuid
from typing import Annotated

from fastapi import Depends, Request

from content_svc.channels.exceptions import ChannelNotFound
from content_svc.channels.models import Channel
from content_svc.channels.repository import ChannelRepository
from servicekit.unitofwork import UnitOfWorkDep


async def get_channel_or_404(channel_id: uuid.UUID, uow: UnitOfWorkDep) -> Channel:
    return await uow.repo(ChannelRepository).get_or_raise(channel_id, ChannelNotFound)


ChannelDep = Annotated[Channel, Depends(get_channel_or_404)]


async def allow_private_webhooks(request: Request) -> bool:
    """CONTENT_WEBHOOK_ALLOW_PRIVATE: whether a webhook may point at a non-public address."""
    return bool(request.state.settings.webhook_allow_private)


AllowPrivateWebhooksDep = Annotated[bool, Depends(allow_private_webhooks)]
