"""What the callback's routes and the reply sender's users are given."""

from __future__ import annotations

import uuid
from typing import Annotated, cast

from fastapi import Depends, Query, Request

from content_svc.channels.models import Channel
from content_svc.state import ContentState
from content_svc.wechat.client import WeChatApi
from content_svc.wechat.exceptions import PushTooLarge, WeChatChannelNotFound
from content_svc.wechat.replies import WeChatReplySender
from content_svc.wechat.repository import find_connected_channel
from content_svc.wechat.service import CallbackQuery
from servicekit.db import SessionDep
from servicekit.state import service_state


async def get_connected_channel(channel_id: uuid.UUID, session: SessionDep) -> Channel:
    """The channel the server URL names, in whichever workspace, if it has a WeChat account."""
    channel = await find_connected_channel(session, channel_id)
    if channel is None:
        raise WeChatChannelNotFound(channel_id)
    return channel


ConnectedChannelDep = Annotated[Channel, Depends(get_connected_channel)]


async def callback_query(
    signature: Annotated[
        str | None,
        Query(
            description="SHA-1 (hex) of the callback token, `timestamp` and `nonce`, sorted and "
            "joined; every call has it.",
            max_length=128,
        ),
    ] = None,
    timestamp: Annotated[
        str | None, Query(description="Unix seconds, as the platform signed them.", max_length=32)
    ] = None,
    nonce: Annotated[
        str | None, Query(description="A random number the platform signed.", max_length=64)
    ] = None,
    echostr: Annotated[
        str | None,
        Query(
            description="The echo check only: the string to answer when the signature matches.",
            max_length=512,
        ),
    ] = None,
    openid: Annotated[
        str | None,
        Query(description="Pushes only: the follower's OpenID (also in the XML).", max_length=128),
    ] = None,
    encrypt_type: Annotated[
        str | None,
        Query(description="`aes` when the push is encrypted (safe mode).", max_length=16),
    ] = None,
    msg_signature: Annotated[
        str | None,
        Query(
            description="Safe mode: SHA-1 (hex) of the token, `timestamp`, `nonce` and the "
            "push's `Encrypt` text, sorted and joined.",
            max_length=128,
        ),
    ] = None,
) -> CallbackQuery:
    return CallbackQuery(signature, timestamp, nonce, echostr, openid, encrypt_type, msg_signature)


CallbackQueryDep = Annotated[CallbackQuery, Depends(callback_query)]


async def read_push_body(request: Request) -> bytes:
    """The push's bytes, refused (413) past ``CONTENT_WECHAT_MAX_PUSH_BYTES`` before more is
    read: a declared length over it is refused unread, a chunked body as soon as it passes."""
    limit: int = request.state.settings.wechat_max_push_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PushTooLarge(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PushTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


async def wechat_api(request: Request) -> WeChatApi:
    """The app's WeChat API client (one per process, sharing tokens through the database)."""
    return cast(ContentState, service_state(request.scope))["wechat"]


WeChatApiDep = Annotated[WeChatApi, Depends(wechat_api)]


async def reply_sender(api: WeChatApiDep) -> WeChatReplySender:
    """What the engagement inbox sends a WeChat reply with."""
    return WeChatReplySender(api)


WeChatReplySenderDep = Annotated[WeChatReplySender, Depends(reply_sender)]
