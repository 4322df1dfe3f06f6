import uuid
from typing import Annotated

from fastapi import Depends, Request

from content_svc.channels.exceptions import ChannelNotFound
from content_svc.channels.models import Channel
from content_svc.channels.repository import ChannelRepository, ChannelView
from servicekit.unitofwork import UnitOfWorkDep


async def get_channel_or_404(channel_id: uuid.UUID, uow: UnitOfWorkDep) -> Channel:
    return await uow.repo(ChannelRepository).get_or_raise(channel_id, ChannelNotFound)


ChannelDep = Annotated[Channel, Depends(get_channel_or_404)]


async def get_channel_view_or_404(channel_id: uuid.UUID, uow: UnitOfWorkDep) -> ChannelView:
    view = await uow.repo(ChannelRepository).view(channel_id)
    if view is None:
        raise ChannelNotFound(channel_id)
    return view


# For a route that only answers the channel (``GET /v1/channels/{id}``): a view, not the ORM
# object a change needs.
ChannelViewDep = Annotated[ChannelView, Depends(get_channel_view_or_404)]


async def allow_private_webhooks(request: Request) -> bool:
    """CONTENT_WEBHOOK_ALLOW_PRIVATE: whether a webhook may point at a non-public address."""
    return bool(request.state.settings.webhook_allow_private)


AllowPrivateWebhooksDep = Annotated[bool, Depends(allow_private_webhooks)]
