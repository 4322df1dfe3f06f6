"""Where a push goes once it is taken: the ONE adapter between the WeChat callback and the rest
of content-svc.

``deliver`` is called once per push (re-sendings are dropped before it: ``service.take_push``),
inside the callback's transaction, with the channel's own workspace in ``uow``. Today it records
outbox events, which the relay sends to metrics-svc:

- a follower's text message → the engagement inbox (``inbox.service.receive``: a private
  thread per follower, keyed by their OpenID; it records ``inbox.message_received``, metrics
  ``message``), so an operator answers it there and the reply goes out by the customer-service
  API (``inbox/senders.py``);
- any other message (``image``, ``voice`` …), and a text the inbox refuses →
  ``wechat.message_received`` (metrics ``message``), kept in ``wechat_inbound``;
- ``subscribe`` → ``wechat.followed`` (metrics ``follow``, so ``follower_growth`` counts it; a
  follow by QR code carries its ``scene``);
- ``unsubscribe`` → ``wechat.unfollowed`` (metrics ``unfollow``).

Other events (menu clicks, scans by followers, ``PUBLISHJOBFINISH`` …) are kept in
``wechat_inbound`` only. The text of a message is not put in the event (the metrics store
keeps counts, not what people write): it is in ``wechat_inbound.fields`` and in the inbox.
"""

from __future__ import annotations

from typing import Any

import structlog

from content_svc.channels.models import Channel, Platform
from content_svc.events import DomainEvent
from content_svc.inbox import service as inbox
from content_svc.inbox.models import ThreadKind
from content_svc.wechat.messages import Event, InboundMessage
from servicekit.errors import ServiceError
from servicekit.unitofwork import UnitOfWork

log = structlog.get_logger("content_svc.wechat.inbound")


def _tie(channel: Channel, message: InboundMessage) -> dict[str, Any]:
    # actor_id: the follower's OpenID, the account's own pseudonymous id of the person.
    return {
        "channel_id": str(channel.id),
        "actor_id": message.from_openid,
        "platform": Platform.WECHAT_OA.value,
    }


async def _to_inbox(uow: UnitOfWork, channel: Channel, message: InboundMessage) -> bool:
    """A follower's text in the channel's inbox; False when the inbox refuses it (the push is
    still taken: the platform would only send it again)."""
    if message.msg_type != "text" or not message.content:
        return False
    inbound = inbox.InboundMessage(
        channel_id=channel.id,
        kind=ThreadKind.MESSAGE,
        external_message_id=message.msg_id or message.dedupe_key,
        author_id=message.from_openid,
        text=message.content,
        received_at=message.created_at,
    )
    try:
        await inbox.receive(uow, inbound)
    except ServiceError as exc:
        log.warning(
            "wechat text not taken by the inbox", channel_id=str(channel.id), why=exc.detail
        )
        return False
    return True


async def deliver(uow: UnitOfWork, channel: Channel, message: InboundMessage) -> None:
    """Hand one new push of ``channel`` to content-svc (see the module's docstring)."""
    if not message.is_event:
        if await _to_inbox(uow, channel, message):
            return
        await uow.record(
            DomainEvent.WECHAT_MESSAGE_RECEIVED,
            _tie(channel, message) | {"msg_type": message.msg_type, "msg_id": message.msg_id},
            occurred_at=message.created_at,
        )
    elif message.has_event(Event.SUBSCRIBE):
        scene = message.qr_scene
        await uow.record(
            DomainEvent.WECHAT_FOLLOWED,
            _tie(channel, message) | ({"scene": scene} if scene else {}),
            occurred_at=message.created_at,
        )
    elif message.has_event(Event.UNSUBSCRIBE):
        await uow.record(
            DomainEvent.WECHAT_UNFOLLOWED, _tie(channel, message), occurred_at=message.created_at
        )
