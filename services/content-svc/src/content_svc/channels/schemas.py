import uuid
from datetime import datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

Platform = Literal[
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
]


def _known_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"{value!r} is not an IANA time zone; use a name such as 'Asia/Shanghai'"
        ) from exc
    return value


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
TimeZone = Annotated[str, Field(max_length=64), AfterValidator(_known_timezone)]


class ChannelCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    platform: Platform
    name: Name
    handle: Name
    timezone: TimeZone = "Asia/Shanghai"


class ChannelUpdate(BaseModel):
    """Every field optional; only the fields sent are changed."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    handle: Name | None = None
    timezone: TimeZone | None = None


class ChannelRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    platform: Platform
    name: str
    handle: str
    timezone: str
    version: int
    created_at: datetime
    updated_at: datetime
