from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from content_svc.channels import best_times, service
from content_svc.channels.dependencies import (
    AllowPrivateWebhooksDep,
    ChannelDep,
    ChannelViewDep,
)
from content_svc.channels.exceptions import (
    ChannelHandleTaken,
    ChannelHasInboxThreads,
    ChannelHasPublications,
    WebhookAddressRefused,
    WebhookSecretRequired,
)
from content_svc.channels.models import Platform
from content_svc.channels.repository import ChannelRepository
from content_svc.channels.schemas import (
    BestTimesRead,
    ChannelCreate,
    ChannelRead,
    ChannelUpdate,
    PlatformProfile,
    platform_profiles,
)
from content_svc.insights import BestTimesLookupDep
from content_svc.scopes import READ, WRITE
from content_svc.wechat.exceptions import (
    WeChatApiAddressRefused,
    WeChatFieldRequired,
    WeChatOnWrongPlatform,
    WeChatPublisherNeedsAccount,
)
from servicekit.apidoc import problems
from servicekit.db import reads_only
from servicekit.models import utcnow
from servicekit.pagination import Page, PageDep
from servicekit.unitofwork import UnitOfWorkDep
from servicekit.versioning import etag

router = APIRouter(prefix="/v1/channels", tags=["channels"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=WRITE,
    responses=problems(
        ChannelHandleTaken,
        WebhookSecretRequired,
        WebhookAddressRefused,
        WeChatOnWrongPlatform,
        WeChatFieldRequired,
        WeChatPublisherNeedsAccount,
        WeChatApiAddressRefused,
    ),
)
async def create_channel(
    body: ChannelCreate,
    uow: UnitOfWorkDep,
    response: Response,
    allow_private: AllowPrivateWebhooksDep,
) -> ChannelRead:
    """Add a brand account on a platform (WeChat official account, Weibo, Xiaohongshu …) to
    the workspace, with its limits, prime-time slots and publisher.

    Answers the channel with `ETag` and `Location`. A webhook publisher needs a `secret` and a
    public address. A `wechat_oa` channel may be connected to its Official Account (`wechat`):
    give the platform `https://<gateway>` + `wechat.callback_path` as its server URL.
    """
    channel = await service.create_channel(uow, body, allow_private_webhooks=allow_private)
    response.headers["ETag"] = etag(channel.version)
    response.headers["Location"] = f"/v1/channels/{channel.id}"
    return ChannelRead.model_validate(channel)


@router.get("", dependencies=READ)
@reads_only
async def list_channels(
    uow: UnitOfWorkDep,
    page: PageDep,
    platform: Annotated[
        Platform | None, Query(description="Only channels on this platform")
    ] = None,
) -> Page[ChannelRead]:
    """The workspace's channels, oldest first, a page at a time; `platform` filters."""
    rows, next_cursor = await uow.repo(ChannelRepository).list_channels(page, platform)
    return Page(items=[ChannelRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/platform-profiles", dependencies=READ)
async def list_platform_profiles() -> list[PlatformProfile]:
    """Default limits per platform, which a new channel starts from; a channel's ``limits``
    override them. Lengths count characters (a Chinese character is one)."""
    return platform_profiles()


@router.get("/{channel_id}", dependencies=READ)
@reads_only
async def get_channel(channel: ChannelViewDep, response: Response) -> ChannelRead:
    """One channel, with its effective limits; `ETag` carries its version for `If-Match`."""
    response.headers["ETag"] = etag(channel.version)
    return ChannelRead.model_validate(channel)


@router.get("/{channel_id}/best-times", dependencies=READ)
async def get_best_times(channel: ChannelDep, lookup: BestTimesLookupDep) -> BestTimesRead:
    """The channel's best publishing slots: learned by metrics-svc from its history, or its own
    prime-time slots when metrics-svc is unavailable or has too little history (``source``
    says which), and when the next best slot is."""
    return BestTimesRead.of(await best_times.best_times(channel, lookup, utcnow()))


@router.patch(
    "/{channel_id}",
    dependencies=WRITE,
    responses=problems(
        ChannelHandleTaken,
        WebhookSecretRequired,
        WebhookAddressRefused,
        WeChatOnWrongPlatform,
        WeChatFieldRequired,
        WeChatPublisherNeedsAccount,
        WeChatApiAddressRefused,
    ),
)
async def update_channel(
    channel: ChannelDep,
    body: ChannelUpdate,
    uow: UnitOfWorkDep,
    response: Response,
    allow_private: AllowPrivateWebhooksDep,
    if_match: Annotated[str | None, Header()] = None,
) -> ChannelRead:
    """Change the fields sent (name, handle, time zone, limits, prime-time slots, publisher,
    WeChat account); the platform stays. Send the `ETag` you read as `If-Match` so another
    operator's change is not overwritten."""
    channel = await service.update_channel(
        uow, channel, body, if_match, allow_private_webhooks=allow_private
    )
    response.headers["ETag"] = etag(channel.version)
    return ChannelRead.model_validate(channel)


@router.delete(
    "/{channel_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=WRITE,
    responses=problems(ChannelHasPublications, ChannelHasInboxThreads),
)
async def delete_channel(channel: ChannelDep, uow: UnitOfWorkDep) -> None:
    """Remove a channel that never had a publication nor an inbox thread; one with them keeps
    their history and cannot be deleted."""
    await service.delete_channel(uow, channel)
