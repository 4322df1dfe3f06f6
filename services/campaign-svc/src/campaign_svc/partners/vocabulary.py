"""The words of partners and their collaborations, each spelled once: the API schema, the CHECK
constraints and the queries take them from here."""

from enum import StrEnum


class PartnerPlatform(StrEnum):
    """The platform a partner's account is on: the words content-svc's channels use
    (``tests/test_platform_vocabulary.py`` at the repository's root holds them equal), so a
    partner and the channel its post goes out on speak of a platform alike."""

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


class CollaborationStatus(StrEnum):
    """proposed → agreed → published → paid; any but paid → cancelled. Paid and cancelled are
    final (``partners.service.TRANSITIONS``)."""

    PROPOSED = "proposed"
    AGREED = "agreed"
    PUBLISHED = "published"
    PAID = "paid"
    CANCELLED = "cancelled"


class NumbersStatus(StrEnum):
    """Whether a collaboration's (or a ranking's) numbers could be read from metrics-svc."""

    AVAILABLE = "available"
    # metrics-svc could not answer (down, slow, refusing): ``reason`` says why.
    UNAVAILABLE = "unavailable"
    # No publication carries the collaboration yet: there is nothing to count.
    NO_PUBLICATION = "no_publication"
