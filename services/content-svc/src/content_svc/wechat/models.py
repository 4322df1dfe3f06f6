"""What MediaOps keeps of a WeChat Official Account: the connection of a channel to its account
(credentials, callback token, safe-mode key, the shared access token), the pushes it received
(``wechat_inbound``: the platform re-sends, each push is taken once) and how far each
publication got on the platform (``wechat_publish``: a retry resumes, never publishes twice)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint, Uuid
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from content_svc.base import Base
from servicekit.models import WorkspaceModel

DEFAULT_API_BASE_URL = "https://api.weixin.qq.com"


class WeChatAccount(WorkspaceModel, Base):
    """A channel's WeChat Official Account: one per channel, only on ``wechat_oa`` channels."""

    __tablename__ = "wechat_account"

    channel_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("channel.id", ondelete="CASCADE"), unique=True
    )
    app_id: Mapped[str] = mapped_column(String(32))
    # Secrets are kept readable (the worker and the callback need them) and never returned.
    app_secret: Mapped[str] = mapped_column(Text)
    callback_token: Mapped[str] = mapped_column(String(32))
    # Set: safe mode (pushes are AES-encrypted); None: plain mode.
    encoding_aes_key: Mapped[str | None] = mapped_column(String(43), default=None)
    api_base_url: Mapped[str] = mapped_column(String(2000), default=DEFAULT_API_BASE_URL)
    # The cover every article gets: a permanent image material of the account.
    thumb_media_id: Mapped[str | None] = mapped_column(String(200), default=None)
    # The access token, shared by every process that calls the API as this account (the
    # platform invalidates a token five minutes after a newer one is fetched).
    access_token: Mapped[str | None] = mapped_column(Text, default=None)
    access_token_usable_until: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), default=None
    )


class WeChatInbound(WorkspaceModel, Base):
    """One push taken from the platform (a message or an event), once per ``dedupe_key``."""

    __tablename__ = "wechat_inbound"
    __table_args__ = (UniqueConstraint("channel_id", "dedupe_key"),)

    channel_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("channel.id", ondelete="CASCADE")
    )
    dedupe_key: Mapped[str] = mapped_column(String(300))
    from_openid: Mapped[str] = mapped_column(String(128))
    msg_type: Mapped[str] = mapped_column(String(128))
    event: Mapped[str | None] = mapped_column(String(128), default=None)
    msg_id: Mapped[str | None] = mapped_column(String(128), default=None)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Every field of the push as it came (the text of a message included).
    fields: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)


class WeChatPublish(WorkspaceModel, Base):
    """How far one publication got on the platform: its draft, then its publish job."""

    __tablename__ = "wechat_publish"

    publication_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("publication.id", ondelete="CASCADE"), unique=True
    )
    # SHA-256 of the article sent: a draft is reused only for the same content.
    content_hash: Mapped[str] = mapped_column(String(64))
    media_id: Mapped[str | None] = mapped_column(String(200), default=None)
    publish_id: Mapped[str | None] = mapped_column(String(64), default=None)
