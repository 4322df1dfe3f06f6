"""content-svc's domain events: the names it records in its outbox, declared once, and the
metrics-svc event type each one is counted as (None: metrics-svc has no counterpart).

The outbox relay delivers recorded events to metrics-svc under the mapped type; an event
mapped to None stays in the outbox for whoever reads it there.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class DomainEvent(StrEnum):
    TOPIC_ACCEPTED = "topic.accepted"
    POST_APPROVED = "post.approved"
    PUBLICATION_PUBLISHED = "publication.published"
    PUBLICATION_FAILED = "publication.failed"
    # The engagement inbox (inbox/service.py): an inbound comment or private message; a reply
    # that answered waiting messages (``value``: the seconds the oldest of them waited), and
    # one that answered nothing waiting (a follow-up, not a response).
    INBOX_COMMENT_RECEIVED = "inbox.comment_received"
    INBOX_MESSAGE_RECEIVED = "inbox.message_received"
    INBOX_REPLY_SENT = "inbox.reply_sent"
    INBOX_FOLLOW_UP_SENT = "inbox.follow_up_sent"
    # A WeChat follower's message, follow and unfollow (wechat/inbound.py).
    WECHAT_MESSAGE_RECEIVED = "wechat.message_received"
    WECHAT_FOLLOWED = "wechat.followed"
    WECHAT_UNFOLLOWED = "wechat.unfollowed"


# metrics-svc's event types (its `POST /v1/events` vocabulary), spelled as metrics-svc spells
# them: services share no code, only the HTTP contract.
METRICS_EVENT_TYPES: Mapping[DomainEvent, str | None] = MappingProxyType(
    {
        DomainEvent.TOPIC_ACCEPTED: None,
        DomainEvent.POST_APPROVED: None,
        DomainEvent.PUBLICATION_PUBLISHED: "publish",
        DomainEvent.PUBLICATION_FAILED: None,
        DomainEvent.INBOX_COMMENT_RECEIVED: "comment",
        DomainEvent.INBOX_MESSAGE_RECEIVED: "message",
        DomainEvent.INBOX_REPLY_SENT: "reply",
        DomainEvent.INBOX_FOLLOW_UP_SENT: None,
        DomainEvent.WECHAT_MESSAGE_RECEIVED: "message",
        DomainEvent.WECHAT_FOLLOWED: "follow",
        DomainEvent.WECHAT_UNFOLLOWED: "unfollow",
    }
)
