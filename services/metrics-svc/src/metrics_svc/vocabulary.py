"""metrics-svc's vocabularies, each declared once: the API schemas, the metric catalogue and the
SQL take their words from here.

``EventType`` is also the vocabulary of the whole system's numbers: the other services map
their domain events onto these words (``coupon.redeemed`` -> ``coupon_redeem``), and an event
sent to ``POST /v1/events`` is one of them or a ``custom.<name>``."""

from __future__ import annotations

from enum import StrEnum


class EventType(StrEnum):
    """What an event says happened (``value`` is dwell seconds for ``read``, the amount for
    ``purchase`` and ``refund``, and for ``reply`` the seconds the message it answered waited;
    ``task_done`` is an SOP task of a group completed; ``comment``, ``message`` and ``reply``
    are also what content-svc's engagement inbox reports).

    The group's life as community-svc reports it: ``sop_run_start`` (an SOP template applied to
    a group, ``props.template_id`` naming it), ``group_stage`` (the group moved to the stage
    ``props.stage``) and ``goal_reached`` (one of its goals marked reached); the replication
    success rate reads them."""

    IMPRESSION = "impression"
    VIEW = "view"
    READ = "read"
    CLICK = "click"
    LIKE = "like"
    FAVORITE = "favorite"
    COMMENT = "comment"
    SHARE = "share"
    FOLLOW = "follow"
    UNFOLLOW = "unfollow"
    LEAD = "lead"
    REGISTER = "register"
    JOIN_GROUP = "join_group"
    LEAVE_GROUP = "leave_group"
    MESSAGE = "message"
    TASK_DONE = "task_done"
    SOP_RUN_START = "sop_run_start"
    GROUP_STAGE = "group_stage"
    GOAL_REACHED = "goal_reached"
    COUPON_CLAIM = "coupon_claim"
    COUPON_REDEEM = "coupon_redeem"
    PURCHASE = "purchase"
    REFUND = "refund"
    REFERRAL_ACCEPT = "referral_accept"
    PUBLISH = "publish"
    REPLY = "reply"


# The types whose metrics count distinct people (see metrics/catalogue.py): only these get
# per-actor rollup rows. For referral_accept the actor counted is the referrer.
ACTOR_TYPES: tuple[EventType, ...] = (
    EventType.VIEW,
    EventType.PURCHASE,
    EventType.MESSAGE,
    EventType.REFERRAL_ACCEPT,
)


class Interval(StrEnum):
    """The length of a series' points: local days, ISO weeks (from Monday) or months."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class Dimension(StrEnum):
    """What a metric can be filtered and grouped by."""

    CHANNEL_ID = "channel_id"
    POST_ID = "post_id"
    PUBLICATION_ID = "publication_id"
    CAMPAIGN_ID = "campaign_id"
    GROUP_ID = "group_id"


class GroupBy(StrEnum):
    """What a series can be split by: each ``Dimension``, and the SOP template of the groups
    for the metrics counted per replication (``replication_success_rate``)."""

    CHANNEL_ID = Dimension.CHANNEL_ID.value
    POST_ID = Dimension.POST_ID.value
    PUBLICATION_ID = Dimension.PUBLICATION_ID.value
    CAMPAIGN_ID = Dimension.CAMPAIGN_ID.value
    GROUP_ID = Dimension.GROUP_ID.value
    TEMPLATE_ID = "template_id"

    @property
    def dimension(self) -> Dimension | None:
        """The event column it splits by; None for the template (a property of the run)."""
        return None if self is GroupBy.TEMPLATE_ID else Dimension(self.value)


# The stage of a group (community-svc's word, sent as ``props.stage`` of ``group_stage``) from
# which it counts as a replication that worked.
CONVERTING_STAGE = "converting"


class BenchmarkPlatform(StrEnum):
    """Where a benchmark account publishes: content-svc's channel platforms (its
    ``webhook`` publisher is no platform of an account one measures), or ``other``."""

    WECHAT_OA = "wechat_oa"
    WEIBO = "weibo"
    XIAOHONGSHU = "xiaohongshu"
    DOUYIN = "douyin"
    KUAISHOU = "kuaishou"
    ZHIHU = "zhihu"
    BILIBILI = "bilibili"
    DOUBAN = "douban"
    TIKTOK = "tiktok"
    OTHER = "other"


class Unit(StrEnum):
    """What a metric's value measures."""

    COUNT = "count"
    RATIO = "ratio"
    SECONDS = "seconds"
    AMOUNT = "amount"


class TargetStatus(StrEnum):
    """Where a target stands: achieved once reached, missed once its period ended short of it,
    else on_track or at_risk against what it should be by now."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    ACHIEVED = "achieved"
    MISSED = "missed"


class RetentionPeriod(StrEnum):
    """The length of a retention cohort and of each period after it."""

    DAY = "day"
    WEEK = "week"

    @property
    def days(self) -> int:
        return 7 if self is RetentionPeriod.WEEK else 1


class AttributionModel(StrEnum):
    """Which of an actor's touches a conversion without its own publication is credited to:
    the earliest in the window before it, or the latest."""

    FIRST_TOUCH = "first_touch"
    LAST_TOUCH = "last_touch"
