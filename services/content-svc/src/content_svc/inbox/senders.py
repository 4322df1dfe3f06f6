"""Reply senders: how an operator's reply reaches the platform, one per publisher kind.

A channel's ``publisher_kind`` picks its sender, as it picks how its publications go out:
``manual`` records a reply an operator typed on the platform by hand, ``webhook`` POSTs the
reply, signed, to the channel's webhook (the same URL and secret its publications use). A
platform that speaks its own protocol (the WeChat customer-service message API) adds a sender
under its publisher kind in ``reply_senders`` (see the content-svc README, "Engagement inbox:
the interface for platform integrations").

``POST /v1/inbox/threads/{id}/replies`` calls ``send`` inside the request's transaction, with
the thread's row locked: two replies to one thread go out one after the other, each seeing
what the other committed (so a stale ``If-Match`` is a 412 before anything is sent), and an
``Idempotency-Key`` replayed meanwhile waits for the first answer instead of sending again.
Holding a transaction across an HTTP call is what the publisher worker avoids for its batches;
here it is one thread's row for at most the sender's timeout, which is the serialisation the
rule asks for.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol, cast

import httpx

from content_svc.channels.models import Channel, PublisherKind
from content_svc.config import Settings
from content_svc.publishing.egress import webhook_client
from content_svc.publishing.publishers import (
    DELIVERY_HEADER,
    MAX_EXTERNAL_ID,
    SIGNATURE_HEADER,
    sign,
    storable,
)
from content_svc.state import ContentState
from content_svc.wechat.client import WeChatApi
from content_svc.wechat.replies import ReplyFailed as WeChatReplyFailed
from content_svc.wechat.replies import WeChatReplySender
from servicekit.unitofwork import UnitOfWork

# Says what a webhook delivery carries; a publication's delivery has no such header.
EVENT_HEADER = "X-MediaOps-Event"
REPLY_EVENT = "reply"


@dataclass(frozen=True, slots=True)
class OutgoingReply:
    """Everything a sender needs to deliver one reply.

    ``channel`` is the channel's row as the request read it (platform, handle, publisher
    settings and whatever columns a platform's sender keeps there); a sender reads it and never
    changes it. ``to_author_id`` is the platform's id of whoever wrote the latest inbound
    message of the thread (a WeChat openid for a private message), ``in_reply_to`` that
    message's platform id. ``reply_id`` is the reply's own id, one per call of ``send`` (a
    request replayed under its Idempotency-Key never calls it again), sent to a webhook as
    ``X-MediaOps-Delivery``.
    """

    reply_id: uuid.UUID
    workspace_id: str
    channel: Channel
    thread_id: uuid.UUID
    kind: str
    external_thread_id: str
    in_reply_to: str | None
    to_author_id: str
    publication_id: uuid.UUID | None
    text: str


@dataclass(frozen=True, slots=True)
class ReplySent:
    """The platform took the reply; ``external_id`` is its id of it, when it says one."""

    external_id: str | None = None


class ReplyFailed(Exception):
    """The reply did not go out; ``str(exc)`` is the reason stored on the reply (``error``)
    and shown to every user of the workspace: the status and what was wrong, never a
    receiver's body or a credential."""


class ReplySender(Protocol):
    """Delivers a reply to its platform: returns ``ReplySent`` or raises ``ReplyFailed``.

    ``uow`` is the request's unit of work (its session, workspace and repositories), for a
    sender that reads what it keeps in content-svc's database (a platform's credentials or
    access token); it must not commit. Any other exception is caught and stored as a failure
    ("reply sender error: …"), so a bug in a sender never loses the reply's record."""

    async def send(self, uow: UnitOfWork, reply: OutgoingReply) -> ReplySent: ...


class ReplySenders:
    """The reply sender of each publisher kind, looked up per channel."""

    def __init__(self, senders: Mapping[str, ReplySender]) -> None:
        self._senders: Mapping[str, ReplySender] = MappingProxyType(
            {str(kind): sender for kind, sender in senders.items()}
        )

    def for_kind(self, publisher_kind: str) -> ReplySender | None:
        return self._senders.get(publisher_kind)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(sorted(self._senders))


class ManualReplySender:
    """``manual`` channels: the operator answered on the platform by hand, and the reply is
    recorded here as sent (there is nothing to call)."""

    async def send(self, uow: UnitOfWork, reply: OutgoingReply) -> ReplySent:  # noqa: ARG002
        return ReplySent()


def reply_body(reply: OutgoingReply) -> bytes:
    """The exact bytes a webhook reply sends and signs (UTF-8 JSON, Chinese kept as is)."""
    channel = reply.channel
    document = {
        "type": REPLY_EVENT,
        "delivery_id": str(reply.reply_id),
        "reply_id": str(reply.reply_id),
        "channel": {"id": str(channel.id), "platform": channel.platform, "handle": channel.handle},
        "thread": {
            "id": str(reply.thread_id),
            "kind": reply.kind,
            "external_thread_id": reply.external_thread_id,
        },
        "in_reply_to": reply.in_reply_to,
        "to": reply.to_author_id,
        "publication_id": str(reply.publication_id) if reply.publication_id else None,
        "text": reply.text,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


class WebhookReplySender:
    """``webhook`` channels: POSTs the reply to the channel's webhook, signed as publications
    are (``X-MediaOps-Signature``), with ``X-MediaOps-Event: reply`` and the reply id as
    ``X-MediaOps-Delivery``; any 2xx is success, an ``external_id`` in a JSON answer is kept."""

    def __init__(self, client: httpx.AsyncClient, timeout_s: float) -> None:
        self.client = client
        self.timeout_s = timeout_s

    async def send(self, uow: UnitOfWork, reply: OutgoingReply) -> ReplySent:  # noqa: ARG002
        channel = reply.channel
        if not channel.publisher_url or not channel.publisher_secret:
            raise ReplyFailed("the channel's webhook has no URL or secret")
        body = reply_body(reply)
        headers = {
            "Content-Type": "application/json",
            EVENT_HEADER: REPLY_EVENT,
            DELIVERY_HEADER: str(reply.reply_id),
            SIGNATURE_HEADER: sign(channel.publisher_secret, body),
        }
        try:
            # Bounds the whole call (httpx bounds each phase): the thread's row stays locked
            # while it runs.
            async with asyncio.timeout(self.timeout_s):
                response = await self.client.post(
                    channel.publisher_url, content=body, headers=headers
                )
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise ReplyFailed(f"webhook timed out after {self.timeout_s:g} s") from exc
        except httpx.HTTPError as exc:
            raise ReplyFailed(f"webhook unreachable: {type(exc).__name__}") from exc
        if not response.is_success:
            raise ReplyFailed(
                f"webhook answered {response.status_code} ({response.reason_phrase or 'error'})"
            )
        return ReplySent(external_id=_external_id(response))


def _external_id(response: httpx.Response) -> str | None:
    try:
        answer = response.json()
    except ValueError:
        return None
    found = answer.get("external_id") if isinstance(answer, dict) else None
    if found is None:
        return None
    return storable(str(found), MAX_EXTERNAL_ID) or None


class WeChatOfficialAccountSender:
    """``wechat_oa`` channels: the customer-service message API, as the channel's Official
    Account, to the follower (``to_author_id`` is their OpenID); ``wechat/replies.py``."""

    def __init__(self, api: WeChatApi) -> None:
        self._sender = WeChatReplySender(api)

    async def send(self, uow: UnitOfWork, reply: OutgoingReply) -> ReplySent:  # noqa: ARG002
        try:
            sent = await self._sender.send(reply.channel, reply.to_author_id, reply.text)
        except WeChatReplyFailed as exc:
            raise ReplyFailed(str(exc)) from exc
        return ReplySent(external_id=sent.msgid)


def reply_senders(settings: Settings, client: httpx.AsyncClient, wechat: WeChatApi) -> ReplySenders:
    """Every reply sender content-svc has, by publisher kind. A platform integration adds its
    own here (built from ``settings``, or from a client it opens in ``with_reply_senders``)."""
    return ReplySenders(
        {
            PublisherKind.MANUAL: ManualReplySender(),
            PublisherKind.WEBHOOK: WebhookReplySender(client, settings.webhook_timeout_s),
            PublisherKind.WECHAT_OA: WeChatOfficialAccountSender(wechat),
        }
    )


class InboxState(ContentState):
    """content-svc's lifespan state with the reply senders the inbox sends through."""

    reply_senders: ReplySenders


@asynccontextmanager
async def with_reply_senders(state: ContentState) -> AsyncIterator[InboxState]:
    """The reply senders, with the webhook client they share, opened as the app starts and
    closed as it stops. The client is the publisher worker's kind: no redirects, no proxies,
    public addresses only unless ``CONTENT_WEBHOOK_ALLOW_PRIVATE`` (publishing/egress.py)."""
    settings = cast(Settings, state["settings"])
    client = webhook_client(
        settings.webhook_timeout_s, allow_private=settings.webhook_allow_private
    )
    async with client:
        yield {**state, "reply_senders": reply_senders(settings, client, state["wechat"])}
