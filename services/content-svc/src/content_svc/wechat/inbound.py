"""Where a push goes once it is taken: the ONE adapter between the WeChat callback and the rest
of content-svc.

``deliver`` is called once per push (re-sendings are dropped before it: ``service.take_push``),
inside the callback's transaction, with the channel's own workspace in ``uow``. Today it records
outbox events, which the relay sends to metrics-svc:

- a follower's message (``text``, ``image``, ``voice`` … any ``MsgType`` but ``event``) →
  ``wechat.message_received`` (metrics ``message``);
- ``subscribe`` → ``wechat.followed`` (metrics ``follow``, so ``follower_growth`` counts it; a
  follow by QR code carries its ``scene``);
- ``unsubscribe`` → ``wechat.unfollowed`` (metrics ``unfollow``).

Other events (menu clicks, scans by followers, ``PUBLISHJOBFINISH`` …) are kept in
``wechat_inbound`` only. The text of a message is not put in the event (the metrics store
keeps counts, not what people write): it is in ``wechat_inbound.fields`` and in
``message.content`` here. When the engagement inbox exists, its entry point is called from
here for text messages (threads by ``message.from_openid``), and nothing else changes.
"""

from __future__ import annotations

from typing import Any

from content_svc.channels.models import Channel, Platform
from content_svc.events import DomainEvent
from content_svc.wechat.messages import Event, InboundMessage
from servicekit.unitofwork import UnitOfWork


def _tie(channel: Channel, message: InboundMessage) -> dict[str, Any]:
    # actor_id: the follower's OpenID, the account's own pseudonymous id of the person.
    return {
        "channel_id": str(channel.id),
        "actor_id": message.from_openid,
        "platform": Platform.WECHAT_OA.value,
    }


async def deliver(uow: UnitOfWork, channel: Channel, message: InboundMessage) -> None:
    """Hand one new push of ``channel`` to content-svc (see the module's docstring)."""
    if not message.is_event:
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
