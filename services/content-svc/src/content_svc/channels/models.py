from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import CheckConstraint, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from content_svc.base import Base
from servicekit.models import WorkspaceModel
from servicekit.vocabulary import sql_in

if TYPE_CHECKING:
    from content_svc.wechat.models import WeChatAccount


class Platform(StrEnum):
    """The platform a channel publishes on; each has a profile of default limits."""

    WECHAT_OA = "wechat_oa"
    WEIBO = "weibo"
    XIAOHONGSHU = "xiaohongshu"
    DOUYIN = "douyin"
    KUAISHOU = "kuaishou"
    ZHIHU = "zhihu"
    BILIBILI = "bilibili"
    DOUBAN = "douban"
    TIKTOK = "tiktok"
    WEBHOOK = "webhook"
    OTHER = "other"


class PublisherKind(StrEnum):
    """How a channel's publications go out: by an operator's hand, POSTed to a webhook, or
    through the WeChat Official Account API (draft, then publish)."""

    MANUAL = "manual"
    WEBHOOK = "webhook"
    WECHAT_OA = "wechat_oa"


# The kinds the publisher worker delivers itself; a manual channel's publications are handed
# to an operator instead.
AUTOMATIC_PUBLISHERS: tuple[PublisherKind, ...] = (PublisherKind.WEBHOOK, PublisherKind.WECHAT_OA)


class Channel(WorkspaceModel, Base):
    """One account of the brand on one platform."""

    __tablename__ = "channel"
    __table_args__ = (
        UniqueConstraint("workspace_id", "platform", "handle"),
        CheckConstraint(sql_in("platform", Platform), name="platform_known"),
        CheckConstraint(sql_in("publisher_kind", PublisherKind), name="publisher_kind_known"),
        # A webhook publisher cannot sign or deliver without both.
        CheckConstraint(
            f"publisher_kind <> '{PublisherKind.WEBHOOK}' OR (publisher_url IS NOT NULL "
            "AND publisher_secret IS NOT NULL)",
            name="webhook_complete",
        ),
        # The WeChat publisher speaks to the channel's own Official Account.
        CheckConstraint(
            f"publisher_kind <> '{PublisherKind.WECHAT_OA}' OR platform = '{Platform.WECHAT_OA}'",
            name="wechat_publisher_on_wechat",
        ),
    )

    # The vocabularies are stored as their words (VARCHAR with a CHECK, as the migrations made
    # them) and read back as plain strings; the enums above are the one list of those words.
    platform: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    handle: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    # Only the limits this channel sets; the platform profile supplies the rest (profiles.py).
    limit_overrides: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    # [{"weekday": 1-7 (ISO, Monday = 1), "time": "HH:MM"}] in the channel's time zone.
    prime_time_slots: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    publisher_kind: Mapped[str] = mapped_column(String(16), default=PublisherKind.MANUAL)
    publisher_url: Mapped[str | None] = mapped_column(String(2000), default=None)
    # Kept readable (not hashed): the worker needs it to sign every delivery. Never returned.
    publisher_secret: Mapped[str | None] = mapped_column(Text, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The WeChat Official Account this channel is connected to (wechat_oa channels only),
    # loaded with the channel: its callback and its publisher read it.
    wechat: Mapped["WeChatAccount | None"] = relationship(
        lazy="selectin", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
