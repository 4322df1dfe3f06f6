"""Replies to a follower, through the customer-service message API (客服消息).

``POST /cgi-bin/message/custom/send`` with ``{"touser": <OpenID>, "msgtype": "text", "text":
{"content": …}}``. The platform lets an account message a follower only within 48 hours of the
follower's last message (45015 after that) and only so many times in a row without an answer
(45047); both come back as ``ReplyFailed`` with ``final`` set and a sentence an operator can
act on.

The engagement inbox sends its replies through ``WeChatReplySender.send(channel, openid,
text)``: one sender per app, built on the app's ``WeChatApi`` (``dependencies.WeChatApiDep``).
"""

from __future__ import annotations

from dataclasses import dataclass

from content_svc.channels.models import Channel
from content_svc.wechat.accounts import api_account
from content_svc.wechat.client import WeChatApi, WeChatError

SEND_API = "message/custom/send"


@dataclass(frozen=True, slots=True)
class ReplySent:
    """The platform took the reply (``msgid`` when it answered one)."""

    msgid: str | None


class ReplyFailed(Exception):
    """The reply did not go out; ``str(exc)`` says why and what to do, ``final`` whether
    sending it again later could help."""

    def __init__(self, reason: str, *, final: bool) -> None:
        super().__init__(reason)
        self.final = final


class WeChatReplySender:
    """Sends text replies as a channel's Official Account."""

    def __init__(self, api: WeChatApi) -> None:
        self.api = api

    async def send(self, channel: Channel, openid: str, text: str) -> ReplySent:
        """Send ``text`` to the follower ``openid`` of ``channel``'s account."""
        account = channel.wechat
        if account is None:
            raise ReplyFailed(
                "the channel has no WeChat account; set the channel's `wechat` first", final=True
            )
        if not text.strip():
            raise ReplyFailed("the reply is empty", final=True)
        body = {"touser": openid, "msgtype": "text", "text": {"content": text}}
        try:
            answer = await self.api.call(api_account(account), SEND_API, body)
        except WeChatError as exc:
            raise ReplyFailed(str(exc), final=exc.final) from exc
        msgid = answer.get("msgid")
        return ReplySent(str(msgid) if msgid is not None else None)
