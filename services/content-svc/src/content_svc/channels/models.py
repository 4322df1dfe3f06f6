from sqlalchemy import CheckConstraint, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from content_svc.base import Base
from servicekit.models import WorkspaceModel

PLATFORMS = (
    "wechat_oa",
    "weibo",
    "xiaohongshu",
    "douyin",
    "kuaishou",
    "zhihu",
    "bilibili",
    "douban",
    "tiktok",
    "webhook",
    "other",
)


class Channel(WorkspaceModel, Base):
    """One account of the brand on one platform."""

    __tablename__ = "channel"
    __table_args__ = (
        UniqueConstraint("workspace_id", "platform", "handle"),
        CheckConstraint(f"platform IN {PLATFORMS!r}", name="platform_known"),
    )

    platform: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    handle: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
