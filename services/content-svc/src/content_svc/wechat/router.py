"""``/v1/wechat/{channel_id}/callback``: the server URL (服务器地址) of a channel's Official
Account.

Public: the platform calls it without a MediaOps token, so the gateway routes it without one
(rate-limited per channel) and the routes take no workspace from headers; the channel id in the
path names the channel, and the signatures prove the call is the platform's. ``GET`` is the
platform's check of the URL (answer ``echostr``); ``POST`` is a push, answered ``success`` as
soon as it is stored (the platform re-sends what is not answered within five seconds).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

from content_svc.wechat import service
from content_svc.wechat.crypto import MessageCrypto
from content_svc.wechat.dependencies import (
    CallbackQueryDep,
    ConnectedChannelDep,
    read_push_body,
)
from content_svc.wechat.exceptions import (
    CallbackParameterMissing,
    PushNotReadable,
    PushTooLarge,
    SafeModeMismatch,
    SignatureMismatch,
    WeChatChannelNotFound,
)
from content_svc.wechat.xmlcodec import build_xml
from servicekit.apidoc import problems
from servicekit.db import SessionDep
from servicekit.idempotency import not_keyed
from servicekit.state import service_state
from servicekit.unitofwork import UnitOfWork

router = APIRouter(prefix="/v1/wechat", tags=["wechat"])

# What the platform sends, for the document (a text message; the same in safe mode, encrypted).
_PLAIN_PUSH = build_xml(
    {
        "ToUserName": "gh_3f1c9a7e2b84",
        "FromUserName": "oX1cW5Lr3vN8qT2yK7mB4dF9aE0s",
        "CreateTime": 1765440000,
        "MsgType": "text",
        "Content": "请问双十一的满减券怎么领",
        "MsgId": "24789301527640815",
    }
).decode()
_SAFE_PUSH = build_xml(
    {
        "ToUserName": "gh_3f1c9a7e2b84",
        "Encrypt": MessageCrypto(
            "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wx5f3a9c1e7b2d4068"
        ).encrypt(_PLAIN_PUSH.encode(), random=b"0123456789abcdef"),
    }
).decode()

_PUBLIC: dict[str, Any] = {"security": []}


def _text_answer(description: str, example: str) -> dict[str, object]:
    return {
        "description": description,
        "content": {"text/plain": {"schema": {"type": "string"}, "example": example}},
    }


@router.get(
    "/{channel_id}/callback",
    response_class=PlainTextResponse,
    responses={
        200: _text_answer("`echostr`, as sent.", "7389154278263521869"),
        **problems(WeChatChannelNotFound, CallbackParameterMissing, SignatureMismatch),
    },
    openapi_extra=_PUBLIC,
)
async def verify_server_url(
    channel: ConnectedChannelDep, query: CallbackQueryDep
) -> PlainTextResponse:
    """The platform's check of the server URL, when an operator saves the account's server
    configuration (服务器配置): answers `echostr` when `signature` is the SHA-1 of the channel's
    callback token, `timestamp` and `nonce`. Called by WeChat, without a MediaOps token."""
    return PlainTextResponse(service.echo(channel, query))


@router.post(
    "/{channel_id}/callback",
    response_class=PlainTextResponse,
    responses={
        200: _text_answer(
            "The push is stored (or was already): WeChat sends it no more.", "success"
        ),
        **problems(
            WeChatChannelNotFound,
            CallbackParameterMissing,
            SignatureMismatch,
            PushTooLarge,
            PushNotReadable,
            SafeModeMismatch,
        ),
    },
    openapi_extra=_PUBLIC
    | {
        "requestBody": {
            "required": True,
            "description": "The push: the platform's XML, in the clear or (safe mode) an "
            "`<Encrypt>` envelope.",
            "content": {
                "text/xml": {
                    "schema": {"type": "string"},
                    "examples": {
                        "plain": {"summary": "A text message", "value": _PLAIN_PUSH},
                        "safe_mode": {"summary": "The same, encrypted", "value": _SAFE_PUSH},
                    },
                }
            },
        }
    },
)
@not_keyed
async def receive_push(
    channel: ConnectedChannelDep,
    query: CallbackQueryDep,
    request: Request,
    session: SessionDep,
) -> PlainTextResponse:
    """A message or event of a follower, pushed by WeChat (plain, or AES-encrypted in safe mode
    with `encrypt_type=aes` and `msg_signature`). Text and other messages, follows and
    unfollows become events for metrics-svc (`message`, `follow`, `unfollow`); a push the
    platform sends again is taken once. Answers `success`. A bad signature is a 403 and stores
    nothing; the push is capped at CONTENT_WECHAT_MAX_PUSH_BYTES and may not declare a DTD."""
    service.check_signature(channel, query)  # before a byte of the body is read
    message = service.read_push(channel, query, await read_push_body(request))
    # No workspace comes with a push: the channel's own scopes what it changes.
    uow = UnitOfWork(session, channel.workspace_id, service_state(request.scope)["outbox_model"])
    await service.take_push(uow, channel, message)
    return PlainTextResponse("success")
