"""Platform profiles: the documented default limits a publication on each platform must meet.

The numbers are the platforms' own editor limits as operators meet them (PUBLISHING.md has the
table and the sources of each); platforms change them, so a channel can override any of them.
``None`` means "no limit we enforce".
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from content_svc.channels.models import Platform


@dataclass(frozen=True, slots=True)
class Limits:
    """Lengths count Unicode characters (a Chinese character is one), not bytes."""

    title_max: int | None = None
    body_max: int | None = None
    summary_max: int | None = None
    media_max: int | None = None
    tags_max: int | None = None

    def with_overrides(self, overrides: dict[str, Any]) -> Limits:
        """These limits with the channel's overrides applied (a ``None`` override lifts one)."""
        known = {k: v for k, v in overrides.items() if k in LIMIT_FIELDS}
        return replace(self, **known)

    def as_dict(self) -> dict[str, int | None]:
        # Not dataclasses.asdict, which deep-copies every value (whole numbers here), and is
        # a visible part of every channel read in the profile.
        return {name: getattr(self, name) for name in LIMIT_FIELDS}


# The limit rules' names, in order: the fields of Limits, which declare them. The API schemas
# (channels/schemas.py) and the measures of publications/service.py are checked against them
# by tests/test_vocabulary.py.
LIMIT_FIELDS = tuple(f.name for f in fields(Limits))


# Keyed by the platform's word (a Platform is that string), so a channel's stored platform
# finds its profile as it is read from the database.
PLATFORM_PROFILES: dict[str, Limits] = {
    Platform.WECHAT_OA: Limits(title_max=64, body_max=20000, summary_max=120, media_max=100),
    Platform.WEIBO: Limits(body_max=2000, media_max=18),
    Platform.XIAOHONGSHU: Limits(title_max=20, body_max=1000, media_max=18, tags_max=10),
    Platform.DOUYIN: Limits(title_max=30, body_max=1000, media_max=35, tags_max=5),
    Platform.KUAISHOU: Limits(title_max=30, body_max=500, media_max=31, tags_max=5),
    Platform.ZHIHU: Limits(title_max=100, body_max=100000, media_max=100),
    Platform.BILIBILI: Limits(title_max=80, body_max=2000, media_max=9, tags_max=12),
    Platform.DOUBAN: Limits(title_max=80, body_max=20000, media_max=100),
    Platform.TIKTOK: Limits(body_max=2200, media_max=35),
    Platform.WEBHOOK: Limits(),
    Platform.OTHER: Limits(),
}


def effective_limits(platform: str, overrides: dict[str, Any] | None) -> Limits:
    return PLATFORM_PROFILES.get(platform, Limits()).with_overrides(overrides or {})
