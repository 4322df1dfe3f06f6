"""Channel rules: one handle per platform per workspace; edits guarded by version; a webhook
publisher always has a URL and a secret; a WeChat publisher needs the channel's WeChat account
(``wechat/accounts.py``); a channel with publications or inbox threads keeps them (no delete)."""

from typing import Any

from sqlalchemy.exc import IntegrityError

from content_svc.channels.exceptions import (
    ChannelHandleTaken,
    ChannelHasInboxThreads,
    ChannelHasPublications,
    WebhookAddressRefused,
    WebhookSecretRequired,
)
from content_svc.channels.models import Channel, Platform, PublisherKind
from content_svc.channels.repository import ChannelRepository
from content_svc.channels.schemas import (
    ChannelCreate,
    ChannelUpdate,
    LimitsOverride,
    PrimeTimeSlot,
    PublisherWrite,
    WebhookPublisherWrite,
    WeChatPublisherWrite,
)
from content_svc.publishing.egress import host_problem
from content_svc.wechat import accounts
from content_svc.wechat.exceptions import WeChatOnWrongPlatform, WeChatPublisherNeedsAccount
from servicekit.models import utcnow
from servicekit.unitofwork import UnitOfWork
from servicekit.versioning import check_if_match


def _overrides(limits: LimitsOverride | None) -> dict[str, Any]:
    # exclude_unset: a limit not sent falls back to the profile; one sent as null lifts it.
    return limits.model_dump(exclude_unset=True) if limits is not None else {}


def _slots(slots: list[PrimeTimeSlot]) -> list[dict[str, Any]]:
    unique = {(s.weekday, s.time) for s in slots}
    return [{"weekday": d, "time": t} for d, t in sorted(unique)]


def _apply_publisher(channel: Channel, publisher: PublisherWrite, allow_private: bool) -> None:
    if isinstance(publisher, WebhookPublisherWrite):
        problem = None if allow_private else host_problem(publisher.url.host or "")
        if problem is not None:
            raise WebhookAddressRefused(str(publisher.url), problem)
        secret = publisher.secret
        if secret is None:
            if channel.publisher_kind != PublisherKind.WEBHOOK or channel.publisher_secret is None:
                raise WebhookSecretRequired()
            secret = channel.publisher_secret
        channel.publisher_kind = PublisherKind.WEBHOOK
        channel.publisher_url = str(publisher.url)
        channel.publisher_secret = secret
    elif isinstance(publisher, WeChatPublisherWrite):
        if channel.platform != Platform.WECHAT_OA:
            raise WeChatOnWrongPlatform("publisher.kind", channel.platform)
        if channel.wechat is None:
            raise WeChatPublisherNeedsAccount(removing=False)
        channel.publisher_kind = PublisherKind.WECHAT_OA
        channel.publisher_url = None
        channel.publisher_secret = None
    else:
        channel.publisher_kind = PublisherKind.MANUAL
        channel.publisher_url = None
        channel.publisher_secret = None


async def create_channel(
    uow: UnitOfWork, data: ChannelCreate, *, allow_private_webhooks: bool = False
) -> Channel:
    channels = uow.repo(ChannelRepository)
    if await channels.handle_taken(data.platform, data.handle):
        raise ChannelHandleTaken(data.platform, data.handle)
    channel = Channel(
        platform=data.platform,
        name=data.name,
        handle=data.handle,
        timezone=data.timezone,
        limit_overrides=_overrides(data.limits),
        prime_time_slots=_slots(data.prime_time_slots),
    )
    if data.wechat is not None:
        accounts.connect(
            channel, uow.workspace_id, data.wechat, allow_private=allow_private_webhooks
        )
    else:
        channel.wechat = None  # said, so reading it after the insert needs no query
    _apply_publisher(channel, data.publisher, allow_private_webhooks)
    try:
        async with uow.session.begin_nested():
            return await channels.add(channel)
    except IntegrityError as exc:  # a concurrent create of the same handle won the race
        raise ChannelHandleTaken(data.platform, data.handle) from exc


async def update_channel(
    uow: UnitOfWork,
    channel: Channel,
    data: ChannelUpdate,
    if_match: str | None,
    *,
    allow_private_webhooks: bool = False,
) -> Channel:
    check_if_match(if_match, channel.version)
    changes = data.model_dump(
        exclude_unset=True,
        exclude_none=True,
        include={"name", "handle", "timezone"},
    )
    channels = uow.repo(ChannelRepository)
    handle = changes.get("handle", channel.handle)
    if handle != channel.handle and await channels.handle_taken(
        channel.platform, handle, exclude=channel
    ):
        raise ChannelHandleTaken(channel.platform, handle)
    if data.limits is not None:
        channel.limit_overrides = _overrides(data.limits)
    if data.prime_time_slots is not None:
        channel.prime_time_slots = _slots(data.prime_time_slots)
    wechat_changed = False
    if data.wechat is not None:
        accounts.connect(
            channel, uow.workspace_id, data.wechat, allow_private=allow_private_webhooks
        )
        wechat_changed = True
    if data.publisher is not None:
        _apply_publisher(channel, data.publisher, allow_private_webhooks)
    if "wechat" in data.model_fields_set and data.wechat is None and channel.wechat is not None:
        if channel.publisher_kind == PublisherKind.WECHAT_OA:
            raise WeChatPublisherNeedsAccount(removing=True)
        accounts.disconnect(channel)
        wechat_changed = True
    if wechat_changed:
        # The account is part of the channel: a change of it is a new version of the channel.
        changes["updated_at"] = utcnow()
    return await channels.update(channel, changes)


async def delete_channel(uow: UnitOfWork, channel: Channel) -> None:
    channels = uow.repo(ChannelRepository)
    count = await channels.count_publications(channel)
    if count:
        raise ChannelHasPublications(count)
    threads = await channels.count_inbox_threads(channel)
    if threads:
        raise ChannelHasInboxThreads(threads)
    await channels.delete(channel)
