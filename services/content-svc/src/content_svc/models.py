"""Every model of content-svc, imported so Alembic sees one metadata."""

from content_svc.base import Base
from content_svc.channels.models import Channel
from content_svc.idempotency import IdempotencyKey
from content_svc.inbox.models import (
    CannedReply,
    CannedReplyVersion,
    InboxChannelSetting,
    InboxMessage,
    InboxReply,
    InboxThread,
)
from content_svc.posts.models import Post, PostComment, PostRevision
from content_svc.publications.models import Publication
from content_svc.topics.models import Topic
from content_svc.wechat.models import WeChatAccount, WeChatInbound, WeChatPublish
from servicekit.outbox import OutboxEventMixin


class OutboxEvent(OutboxEventMixin, Base):
    """Domain events (a post published, …) waiting for the relay to deliver them to metrics-svc."""


metadata = Base.metadata

__all__ = [
    "CannedReply",
    "CannedReplyVersion",
    "Channel",
    "IdempotencyKey",
    "InboxChannelSetting",
    "InboxMessage",
    "InboxReply",
    "InboxThread",
    "OutboxEvent",
    "Post",
    "PostComment",
    "PostRevision",
    "Publication",
    "Topic",
    "WeChatAccount",
    "WeChatInbound",
    "WeChatPublish",
    "metadata",
]
