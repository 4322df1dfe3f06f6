"""The metric catalogue: every metric is a formula over a few aggregates of the rollups.

Aggregates (all over the query window, with the query's filters):
- ``count:<type>``  number of events of a type (event_hourly)
- ``sum:<type>``    sum of their ``value`` (event_hourly)
- ``actors:<type>`` distinct actors with at least one such event (actor_hourly)
- ``repeat:<type>`` distinct actors with at least two such events (actor_hourly)
- ``members``       join_group - leave_group events from the beginning of history to the end
                    of the window (event_hourly)
- ``replications``  (SOP template, group) pairs whose first sop_run_start in the window falls
                    in it, and ``replications_succeeded`` those of them whose group reached a
                    goal or the converting stage after that start and before the window's end
                    (raw events: a handful per group, read by index; see
                    ``MetricsRepository.replications``)

Event types are ``EventType`` words (metrics_svc/vocabulary.py), formulas included: the
catalogue names no type the ingest would refuse.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from metrics_svc.vocabulary import CONVERTING_STAGE, EventType, Unit

Aggregates = Mapping[str, float]
E = EventType


def count_of(type_: EventType) -> str:
    return f"count:{type_}"


def sum_of(type_: EventType) -> str:
    return f"sum:{type_}"


def actors_of(type_: EventType) -> str:
    return f"actors:{type_}"


def repeat_of(type_: EventType) -> str:
    return f"repeat:{type_}"


MEMBERS = "members"
REPLICATIONS = "replications"
REPLICATED = "replications_succeeded"


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    zh_name: str
    formula: str
    unit: Unit
    description: str
    needs: tuple[str, ...]
    compute: Callable[[Aggregates], float | None]

    @property
    def additive(self) -> bool:
        """Counts and amounts accumulate over a period (targets pro-rate them); ratios don't."""
        return self.unit in (Unit.COUNT, Unit.AMOUNT)

    @property
    def per_template(self) -> bool:
        """Counted per replication of an SOP template, so a series can be split by template."""
        return REPLICATIONS in self.needs


def _of_two(
    name: str,
    zh_name: str,
    formula: str,
    unit: Unit,
    description: str,
    first: str,
    second: str,
    *,
    by: Callable[[float, float], float | None],
) -> Metric:
    """``by(first, second)`` over two aggregates (keys; an aggregate of no events is 0)."""
    return Metric(
        name,
        zh_name,
        formula,
        unit,
        description,
        (first, second),
        lambda a: by(a.get(first, 0.0), a.get(second, 0.0)),
    )


def _count(type_: EventType, name: str, zh_name: str, description: str) -> Metric:
    key = count_of(type_)
    return Metric(
        name, zh_name, f"count({type_})", Unit.COUNT, description, (key,), lambda a: a.get(key, 0.0)
    )


def _per_view(type_: EventType, name: str, zh_name: str) -> Metric:
    return _of_two(
        name,
        zh_name,
        f"count({type_}) / count({E.VIEW})",
        Unit.RATIO,
        f"{type_} events per view; null when there were no views.",
        count_of(type_),
        count_of(E.VIEW),
        by=_ratio,
    )


METRICS: tuple[Metric, ...] = (
    _count(E.IMPRESSION, "impressions", "曝光量", "Times content was shown."),
    _count(E.VIEW, "views", "阅读量", "Times content was opened."),
    _count(E.CLICK, "clicks", "点击量", "Clicks on content or its links."),
    _count(E.LEAD, "leads", "留资数", "Contact details captured (campaign-svc's leads)."),
    _count(E.JOIN_GROUP, "joins", "入群数", "Members who joined a group (community-svc)."),
    _count(E.COUPON_CLAIM, "coupon_claims", "领券数", "Coupons claimed (campaign-svc)."),
    _count(E.COUPON_REDEEM, "redemptions", "核销数", "Coupons redeemed on an order."),
    _count(E.TASK_DONE, "tasks_done", "完成任务数", "SOP tasks completed (community-svc)."),
    _count(
        E.REPLY,
        "replies",
        "回复数",
        "Comments and private messages answered (content-svc's inbox: a reply to messages that "
        "were waiting; follow-ups are not counted).",
    ),
    _of_two(
        "ctr",
        "点击率",
        f"count({E.CLICK}) / count({E.IMPRESSION})",
        Unit.RATIO,
        "Click-through rate; null when there were no impressions.",
        count_of(E.CLICK),
        count_of(E.IMPRESSION),
        by=_ratio,
    ),
    _of_two(
        "avg_dwell_seconds",
        "平均停留时长",
        f"sum({E.READ}.value) / count({E.READ})",
        Unit.SECONDS,
        "Average seconds a reader stayed (each read event carries its dwell in value).",
        sum_of(E.READ),
        count_of(E.READ),
        by=_ratio,
    ),
    _of_two(
        "avg_response_seconds",
        "平均响应时长",
        f"sum({E.REPLY}.value) / count({E.REPLY})",
        Unit.SECONDS,
        "Average seconds from a comment or private message to its answer (each reply event "
        "carries the seconds the oldest message it answered waited in value).",
        sum_of(E.REPLY),
        count_of(E.REPLY),
        by=_ratio,
    ),
    _per_view(E.LIKE, "like_rate", "点赞率"),
    _per_view(E.FAVORITE, "favorite_rate", "收藏率"),
    _per_view(E.COMMENT, "comment_rate", "评论率"),
    _per_view(E.SHARE, "share_rate", "分享率"),
    _of_two(
        "follower_growth",
        "涨粉数",
        f"count({E.FOLLOW}) - count({E.UNFOLLOW})",
        Unit.COUNT,
        "Net new followers.",
        count_of(E.FOLLOW),
        count_of(E.UNFOLLOW),
        by=operator.sub,
    ),
    _of_two(
        "traffic_conversion_rate",
        "引流转换率",
        f"count({E.LEAD}) / count({E.VIEW})",
        Unit.RATIO,
        "Leads (contact details captured) per view: how much of the traffic content draws "
        "turns into contacts the team can reach.",
        count_of(E.LEAD),
        count_of(E.VIEW),
        by=_ratio,
    ),
    _of_two(
        "activity_rate",
        "活跃度",
        f"distinct actors({E.MESSAGE}) / members, members = count({E.JOIN_GROUP}) - "
        f"count({E.LEAVE_GROUP}) from the beginning of history to the end of the window",
        Unit.RATIO,
        "Share of a group's members who sent at least one message in the window.",
        actors_of(E.MESSAGE),
        MEMBERS,
        by=_ratio,
    ),
    _of_two(
        "purchase_conversion_rate",
        "成交转化率",
        f"distinct actors({E.PURCHASE}) / distinct actors({E.VIEW})",
        Unit.RATIO,
        "Purchasers per visitor (a visitor is an actor with at least one view).",
        actors_of(E.PURCHASE),
        actors_of(E.VIEW),
        by=_ratio,
    ),
    _of_two(
        "repurchase_rate",
        "复购率",
        "actors with ≥ 2 purchases / actors with ≥ 1 purchase (within the window)",
        Unit.RATIO,
        "Share of purchasers who bought again in the same window.",
        repeat_of(E.PURCHASE),
        actors_of(E.PURCHASE),
        by=_ratio,
    ),
    _of_two(
        "fission_rate",
        "裂变倍增率",
        f"count({E.REFERRAL_ACCEPT}) / distinct referrers (props.referrer_id of "
        f"{E.REFERRAL_ACCEPT})",
        Unit.RATIO,
        "Accepted invitations per referrer who brought at least one: the multiplication each "
        "seed achieved.",
        count_of(E.REFERRAL_ACCEPT),
        actors_of(E.REFERRAL_ACCEPT),
        by=_ratio,
    ),
    _of_two(
        "replication_success_rate",
        "复制成功率",
        f"(template, group) pairs with a {E.GOAL_REACHED}, or a {E.GROUP_STAGE} to "
        f"{CONVERTING_STAGE}, of the group at or after its first {E.SOP_RUN_START} of the "
        f"template (props.template_id) and before the window's end / pairs whose first "
        f"{E.SOP_RUN_START} is in the window",
        Unit.RATIO,
        "Of the groups started from one SOP template (the model being replicated), the share "
        "that reached a goal or the converting stage; split by template with "
        "`group_by=template_id`. A point counts the groups started in it. Null when no group "
        "was started.",
        REPLICATED,
        REPLICATIONS,
        by=_ratio,
    ),
    _of_two(
        "payment_rate",
        "支付率",
        f"count({E.PURCHASE}) / count({E.COUPON_REDEEM})",
        Unit.RATIO,
        "Paid orders per coupon redeemed at checkout (coupon_redeem = an order placed with a "
        "coupon, purchase = an order paid).",
        count_of(E.PURCHASE),
        count_of(E.COUPON_REDEEM),
        by=_ratio,
    ),
    _of_two(
        "gmv",
        "成交总额",
        f"sum({E.PURCHASE}.value) - sum({E.REFUND}.value)",
        Unit.AMOUNT,
        "Gross merchandise value net of refunds, in the amounts' currency.",
        sum_of(E.PURCHASE),
        sum_of(E.REFUND),
        by=operator.sub,
    ),
)

METRICS_BY_NAME = {m.name: m for m in METRICS}
