"""Channel rules: one handle per platform per workspace; edits guarded by version."""

from sqlalchemy.exc import IntegrityError

from content_svc.channels.exceptions import ChannelHandleTaken
from content_svc.channels.models import Channel
from content_svc.channels.repository import ChannelRepository
from content_svc.channels.schemas import ChannelCreate, ChannelUpdate
from servicekit.versioning import check_if_match


async def create_channel(repo: ChannelRepository, data: ChannelCreate) -> Channel:
    if await repo.handle_taken(data.platform, data.handle):
        raise ChannelHandleTaken(data.platform, data.handle)
    try:
        async with repo.session.begin_nested():
            return await repo.add(Channel(**data.model_dump()))
    except IntegrityError as exc:  # a concurrent create of the same handle won the race
        raise ChannelHandleTaken(data.platform, data.handle) from exc


async def update_channel(
    repo: ChannelRepository, channel: Channel, data: ChannelUpdate, if_match: str | None
) -> Channel:
    check_if_match(if_match, channel.version)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    handle = changes.get("handle", channel.handle)
    if handle != channel.handle and await repo.handle_taken(
        channel.platform, handle, exclude=channel
    ):
        raise ChannelHandleTaken(channel.platform, handle)
    for field, value in changes.items():
        setattr(channel, field, value)
    await repo.session.flush()
    return channel
