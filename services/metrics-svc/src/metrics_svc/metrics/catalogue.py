"""The metric catalogue: every metric is a formula over a few aggregates of the rollups.

Aggregates (all over the query window, with the query's filters):
- ``count:<type>``  number of events of a type (event_hourly)
- ``sum:<type>``    sum of their ``value`` (event_hourly)
- ``actors:<type>`` distinct actors with at least one such event (actor_hourly)
- ``repeat:<type>`` distinct actors with at least two such events (actor_hourly)
- ``members``       join_group - leave_group events from the beginning of history to the end
                    of the window (event_hourly)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

Aggregates = Mapping[str, float]
Unit = Literal["count", "ratio", "seconds", "amount"]


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
        return self.unit in ("count", "amount")


def _count(type_: str, name: str, zh_name: str, description: str) -> Metric:
    key = f"count:{type_}"
    return Metric(
        name, zh_name, f"count({type_})", "count", description, (key,), lambda a: a.get(key, 0.0)
    )


def _per_view(type_: str, name: str, zh_name: str) -> Metric:
    num, den = f"count:{type_}", "count:view"
    return Metric(
        name,
        zh_name,
        f"count({type_}) / count(view)",
        "ratio",
        f"{type_} events per view; null when there were no views.",
        (num, den),
        lambda a: _ratio(a.get(num, 0.0), a.get(den, 0.0)),
    )


METRICS: tuple[Metric, ...] = (
    _count("impression", "impressions", "曝光量", "Times content was shown."),
    _count("view", "views", "阅读量", "Times content was opened."),
    _count("click", "clicks", "点击量", "Clicks on content or its links."),
    Metric(
        "ctr",
        "点击率",
        "count(click) / count(impression)",
        "ratio",
        "Click-through rate; null when there were no impressions.",
        ("count:click", "count:impression"),
        lambda a: _ratio(a.get("count:click", 0.0), a.get("count:impression", 0.0)),
    ),
    Metric(
        "avg_dwell_seconds",
        "平均停留时长",
        "sum(read.value) / count(read)",
        "seconds",
        "Average seconds a reader stayed (each read event carries its dwell in value).",
        ("sum:read", "count:read"),
        lambda a: _ratio(a.get("sum:read", 0.0), a.get("count:read", 0.0)),
    ),
    _per_view("like", "like_rate", "点赞率"),
    _per_view("favorite", "favorite_rate", "收藏率"),
    _per_view("comment", "comment_rate", "评论率"),
    _per_view("share", "share_rate", "分享率"),
    Metric(
        "follower_growth",
        "涨粉数",
        "count(follow) - count(unfollow)",
        "count",
        "Net new followers.",
        ("count:follow", "count:unfollow"),
        lambda a: a.get("count:follow", 0.0) - a.get("count:unfollow", 0.0),
    ),
    Metric(
        "traffic_conversion_rate",
        "引流转换率",
        "count(lead) / count(view)",
        "ratio",
        "Leads (contact details captured) per view: how much of the traffic content draws "
        "turns into contacts the team can reach.",
        ("count:lead", "count:view"),
        lambda a: _ratio(a.get("count:lead", 0.0), a.get("count:view", 0.0)),
    ),
    Metric(
        "activity_rate",
        "活跃度",
        "distinct actors(message) / members, members = count(join_group) - count(leave_group) "
        "from the beginning of history to the end of the window",
        "ratio",
        "Share of a group's members who sent at least one message in the window.",
        ("actors:message", "members"),
        lambda a: _ratio(a.get("actors:message", 0.0), a.get("members", 0.0)),
    ),
    Metric(
        "purchase_conversion_rate",
        "成交转化率",
        "distinct actors(purchase) / distinct actors(view)",
        "ratio",
        "Purchasers per visitor (a visitor is an actor with at least one view).",
        ("actors:purchase", "actors:view"),
        lambda a: _ratio(a.get("actors:purchase", 0.0), a.get("actors:view", 0.0)),
    ),
    Metric(
        "repurchase_rate",
        "复购率",
        "actors with ≥ 2 purchases / actors with ≥ 1 purchase (within the window)",
        "ratio",
        "Share of purchasers who bought again in the same window.",
        ("repeat:purchase", "actors:purchase"),
        lambda a: _ratio(a.get("repeat:purchase", 0.0), a.get("actors:purchase", 0.0)),
    ),
    Metric(
        "fission_rate",
        "裂变倍增率",
        "count(referral_accept) / distinct referrers (props.referrer_id of referral_accept)",
        "ratio",
        "Accepted invitations per referrer who brought at least one: the multiplication each "
        "seed achieved.",
        ("count:referral_accept", "actors:referral_accept"),
        lambda a: _ratio(a.get("count:referral_accept", 0.0), a.get("actors:referral_accept", 0.0)),
    ),
    Metric(
        "payment_rate",
        "支付率",
        "count(purchase) / count(coupon_redeem)",
        "ratio",
        "Paid orders per coupon redeemed at checkout (coupon_redeem = an order placed with a "
        "coupon, purchase = an order paid).",
        ("count:purchase", "count:coupon_redeem"),
        lambda a: _ratio(a.get("count:purchase", 0.0), a.get("count:coupon_redeem", 0.0)),
    ),
    Metric(
        "gmv",
        "成交总额",
        "sum(purchase.value) - sum(refund.value)",
        "amount",
        "Gross merchandise value net of refunds, in the amounts' currency.",
        ("sum:purchase", "sum:refund"),
        lambda a: a.get("sum:purchase", 0.0) - a.get("sum:refund", 0.0),
    ),
)

METRICS_BY_NAME = {m.name: m for m in METRICS}
