"""The demo workspace as data: what a brand's new-media team has after a month of work.

Everything here is pure (no I/O): `demo.py` loads it through the gateway. Each random choice
comes from a `random.Random` seeded with the demo's seed and the thing's own name, so the same
seed gives the same workspace, whatever order the steps run in.

The timeline is anchored on a day (`today`, the run's date in Asia/Shanghai unless given): topics
are planned from 26 days before it to 3 days after, one a day. What was planned before now is
published (engagement events follow it for up to a week); what comes later is scheduled, in
review or still a draft.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")
# Every deterministic id of the demo (event ids, idempotency keys) is a uuid5 in this namespace.
NAMESPACE = uuid.UUID("5b0c8a61-3f1e-4d0a-9a57-6d656469616f")


@dataclass(frozen=True)
class Scale:
    """How much of the plan to load: `full` for `make demo`, `small` for the end-to-end test."""

    topics: int  # the last N topics of the month (campaign topics are among them)
    actors: int  # the audience: stable actor ids u00001…
    reach: float  # multiplies every publication's impressions
    claims: tuple[int, int]  # claims of the fixed and of the percent batch
    leads: int
    seeds: int  # referral seeds (generation 0)
    imported: int  # members each group already had (bulk import)
    joins: int  # members joining each group during the run


SCALES: dict[str, Scale] = {
    "full": Scale(
        topics=30, actors=3000, reach=1.0, claims=(160, 100), leads=60, seeds=8,
        imported=150, joins=24,
    ),
    "small": Scale(
        topics=8, actors=300, reach=0.12, claims=(16, 10), leads=8, seeds=2,
        imported=20, joins=4,
    ),
}  # fmt: skip


# --- Channels ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelPlan:
    platform: str
    name: str
    handle: str
    slots: tuple[str, ...]  # local publishing times, in the order topics use them
    reach: int  # impressions of an average publication
    audience_share: float  # share of the audience following this channel
    url: str  # where a published piece lives, {handle} and {ext} filled in


CHANNELS: tuple[ChannelPlan, ...] = (
    ChannelPlan("wechat_oa", "青柚生活服务号", "qingyou_life_wx", ("12:00", "20:30"), 900, 0.5,
                "https://mp.weixin.qq.com/s/{ext}"),
    ChannelPlan("weibo", "青柚生活官方微博", "qingyou_life_weibo", ("12:30", "18:00"), 1100, 0.4,
                "https://weibo.com/{handle}/{ext}"),
    ChannelPlan("xiaohongshu", "青柚的厨房日记", "qingyou_xhs", ("12:00", "21:00"), 1000, 0.45,
                "https://www.xiaohongshu.com/explore/{ext}"),
    ChannelPlan("douyin", "青柚生活", "qingyou_douyin", ("18:30", "21:30"), 1500, 0.6,
                "https://www.douyin.com/video/{ext}"),
    ChannelPlan("zhihu", "青柚生活研究所", "qingyou_zhihu", ("08:30", "22:00"), 450, 0.2,
                "https://zhuanlan.zhihu.com/p/{ext}"),
    ChannelPlan("bilibili", "青柚生活Vlog", "qingyou_bili", ("19:00", "21:00"), 650, 0.3,
                "https://www.bilibili.com/video/{ext}"),
)  # fmt: skip


# Prime time as the channels declare it (ISO weekday 1 = Monday), from the slots above.
def prime_time_slots(channel: ChannelPlan) -> list[dict[str, Any]]:
    return [{"weekday": d, "time": t} for d in range(1, 8) for t in channel.slots]


# --- Topics (选题) and posts ------------------------------------------------------------------

# One topic a day, oldest first; `True` marks the Double 11 campaign's topics. Titles fit every
# platform's limit (Xiaohongshu: 20 characters), so no publication needs a title override.
TOPIC_TITLES: tuple[tuple[str, bool], ...] = (
    ("秋冬早餐10分钟快手做法", False),
    ("打工人午餐便当一周不重样", False),
    ("燕麦的5种新吃法", False),
    ("低糖零食红黑榜", False),
    ("一人食火锅在家也能做", False),
    ("空气炸锅新手避坑指南", False),
    ("周末brunch拍照技巧", False),
    ("冬季养胃汤谱合集", False),
    ("控糖人的奶茶替代方案", False),
    ("办公室桌面收纳好物", False),
    ("三分钟读懂配料表", False),
    ("宿舍小电器安全使用", False),
    ("双11预售攻略：怎么买最划算", True),
    ("年轻人的第一口铸铁锅", False),
    ("双11囤货清单：厨房篇", True),
    ("健身餐也可以很好吃", False),
    ("双11满减叠券计算器", True),
    ("冬日热饮自制教程", False),
    ("双11开门红：爆款直降清单", True),
    ("家庭聚餐快手菜", False),
    ("双11晚8点抢购时间表", True),
    ("用户故事：30天早餐打卡", False),
    ("双11返场：没抢到的看这里", True),
    ("平价好物开箱第12期", False),
    ("社群福利：打卡送好礼", False),
    ("年终囤货：一次买够过冬", True),
    ("圣诞礼物清单提前看", False),
    ("新年储物间整理术", False),
    ("一周减脂餐采购清单", False),
    ("12月新品尝鲜预告", False),
)
FIRST_DAY = -26  # the first topic's day, relative to `today`

# Topics the team turned down or has not decided on yet (no post).
OTHER_TOPICS: tuple[tuple[str, str, str], ...] = (
    ("明星同款盲盒测评", "rejected", "与品牌调性不符"),
    ("深夜放毒：炸鸡合集", "rejected", "和控糖主线冲突，换个角度再提"),
    ("春节年货礼盒选题", "proposed", ""),
)

AUDIENCES = ("25-35 岁的上班族", "在校大学生", "新手宝妈", "健身人群", "独居青年")
PAIN_POINTS = (
    "没时间做饭又不想点外卖",
    "想吃得健康但怕麻烦",
    "预算有限怕踩坑",
    "信息太多不知道信谁",
)
REVIEW_NOTES = ("开头太长请压缩到两句", "配图请加来源", "价格信息请再核对一遍")


@dataclass(frozen=True)
class TopicPlan:
    index: int
    title: str
    campaign: bool
    day: date
    post_status: str  # approved, in_review or draft
    channels: tuple[str, ...]  # platforms it is published on (approved posts only)
    review_round: bool  # the reviewer asks for changes once before approving
    tags: tuple[str, ...]
    brief: str
    audience: str
    pain_point: str

    @property
    def key(self) -> str:
        return f"topic{self.index:02d}"

    def body(self) -> str:
        return (
            f"# {self.title}\n\n{self.brief}\n\n"
            f"## 适合谁\n\n{self.audience}：{self.pain_point}。\n\n"
            "## 三个要点\n\n- 先看需求再下单\n- 对比配料表和单价\n- 收藏本文，用的时候再翻出来\n"
        )

    def summary(self) -> str:
        return f"{self.title}：{self.pain_point}？三分钟看完这篇。"


@dataclass(frozen=True)
class PublicationPlan:
    topic: TopicPlan
    channel: ChannelPlan
    at: datetime  # planned publishing time (aware, UTC)

    @property
    def key(self) -> str:
        return f"{self.topic.key}/{self.channel.platform}"

    def url(self, seed: int) -> tuple[str, str]:
        """The external id and URL an operator records when marking it published."""
        ext = uuid.uuid5(NAMESPACE, f"{seed}/{self.key}/external").hex[:16]
        return ext, self.channel.url.format(handle=self.channel.handle, ext=ext)


def plan_topics(seed: int, today: date, scale: Scale) -> list[TopicPlan]:
    topics: list[TopicPlan] = []
    first = len(TOPIC_TITLES) - scale.topics
    for index, (title, campaign) in enumerate(TOPIC_TITLES):
        if index < first:
            continue
        rng = random.Random(f"{seed}/topic/{index}")
        offset = FIRST_DAY + index
        status = "approved" if offset <= 1 else ("in_review" if offset == 2 else "draft")
        platforms = [c.platform for c in CHANNELS]
        count = 4 if campaign else rng.choice((2, 2, 3, 3, 4))
        channels = tuple(sorted(rng.sample(platforms, count), key=platforms.index))
        tags = ("双11", "省钱攻略") if campaign else (rng.choice(("早餐", "好物", "厨房", "健康")),)
        topics.append(
            TopicPlan(
                index=index,
                title=title,
                campaign=campaign,
                day=today + timedelta(days=offset),
                post_status=status,
                channels=channels if status == "approved" else (),
                review_round=index % 7 == 3,
                tags=tags,
                brief=f"围绕「{title}」做一篇实用向内容，配真实案例和清单。",
                audience=rng.choice(AUDIENCES),
                pain_point=rng.choice(PAIN_POINTS),
            )
        )
    return topics


def plan_publications(topics: list[TopicPlan]) -> list[PublicationPlan]:
    by_platform = {c.platform: c for c in CHANNELS}
    plans: list[PublicationPlan] = []
    for topic in topics:
        for platform in topic.channels:
            channel = by_platform[platform]
            slot = channel.slots[topic.index % len(channel.slots)]
            local = datetime.combine(topic.day, time.fromisoformat(slot), TZ)
            plans.append(PublicationPlan(topic, channel, local.astimezone(UTC)))
    return plans


# --- The Double 11 campaign -------------------------------------------------------------------

CAMPAIGN_NAME = "双11 狂欢季"
CAMPAIGN_DAYS = (-14, 8)  # its window around `today`: it is running while the demo loads
FIXED_BATCH: dict[str, Any] = {  # ¥20 off orders of ¥199 or more
    "name": "满199减20",
    "discount_type": "fixed",
    "amount_off": 2000,
    "min_spend": 19900,
    "per_customer_limit": 1,
    "valid_days": 7,
    "code_prefix": "DX",
}
PERCENT_BATCH: dict[str, Any] = {  # 15% off, at most ¥50, valid during the campaign
    "name": "85折 最高减50",
    "discount_type": "percent",
    "percent_off": "15",
    "max_discount": 5000,
    "per_customer_limit": 1,
    "code_prefix": "ZK",
}
FIXED_ORDERS = (19900, 25800, 29900, 39900, 45900, 59900, 69900, 89900)  # fen
PERCENT_ORDERS = (5990, 8990, 12900, 15900, 19900, 25900, 32900)
REDEEM_SHARE = 0.6
REFERRAL_INVITES = 3  # a referrer who brings this many gets a 满199减20 coupon

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = (
    "小明",
    "晓燕",
    "子涵",
    "欣怡",
    "浩然",
    "雨桐",
    "俊杰",
    "梓萱",
    "宇航",
    "佳怡",
    "一诺",
    "思远",
)


def person_name(actor: str) -> str:
    n = int(actor[1:])
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)]


def phone_of(actor: str) -> str:
    n = int(actor[1:])
    return f"13{n % 10}{(n * 7919) % 100_000_000:08d}"


# --- Groups (社群) and the SOP -----------------------------------------------------------------

GROUPS: tuple[dict[str, Any], ...] = (
    {
        "name": "青柚早餐打卡群 · 第3期",
        "platform": "wechat_group",
        "kind": "interest",
        "positioning": "30 天早餐打卡，互相监督吃好每一顿",
        "audience": "想规律吃早餐的上班族",
        "rules": "每天 9 点前晒早餐；不发广告",
        "entry_threshold": "关注公众号后扫码入群",
        "capacity": 500,
        "timezone": "Asia/Shanghai",
        "leader_id": "op-lin",
        "assistant_ids": ["op-ann", "op-bo"],
    },
    {
        "name": "双11 福利群",
        "platform": "wecom",
        "kind": "product",
        "positioning": "双11 专属优惠和新品试吃",
        "audience": "领过券、下过单的老客",
        "rules": "只发福利和答疑；不拉人头",
        "entry_threshold": "领券或下单后添加企业微信",
        "capacity": 300,
        "timezone": "Asia/Shanghai",
        "leader_id": "op-zhou",
        "assistant_ids": ["op-ann"],
    },
)
GROUP_ANCHOR_DAYS = (-6, -12)  # each group's SOP run starts this many days before `today`
GROUP_GOALS: tuple[tuple[dict[str, Any], ...], ...] = (
    (
        {"horizon": "short_term", "metric": "activity_rate", "target": "0.4", "days": 14,
         "description": "首两周活跃度 40%"},
    ),
    (
        {"horizon": "short_term", "metric": "joins", "target": "30", "days": 8,
         "description": "双11 期间新进群 30 人"},
        {"horizon": "long_term", "metric": "activity_rate", "target": "0.3", "days": 60,
         "description": "两个月活跃度保持 30%"},
    ),
)  # fmt: skip

SOP_NAME = "新群 14 天 SOP"
SOP_STEPS: tuple[dict[str, Any], ...] = (
    {"title": "开群欢迎", "anchor": "custom", "offset_days": 0, "time_of_day": "09:00",
     "action": "message", "owner_role": "leader", "script": "大家好，欢迎加入！先做个自我介绍吧～"},
    {"title": "群规公告", "anchor": "custom", "offset_days": 0, "time_of_day": "10:00",
     "action": "message", "owner_role": "assistant", "script": "置顶群规，说明打卡方式"},
    {"title": "早餐打卡启动", "anchor": "custom", "offset_days": 1, "time_of_day": "08:00",
     "action": "activity", "owner_role": "assistant",
     "contingency_plan": "参与少于 10 人时私聊种子用户带头"},
    {"title": "营养师直播答疑", "anchor": "custom", "offset_days": 3, "time_of_day": "20:00",
     "action": "live", "owner_role": "leader", "contingency_plan": "嘉宾缺席改发录播"},
    {"title": "双11 福利预告", "anchor": "custom", "offset_days": 5, "time_of_day": "12:00",
     "action": "coupon", "owner_role": "assistant", "script": "满199减20 券今晚 8 点开抢"},
    {"title": "首周复盘", "anchor": "custom", "offset_days": 7, "time_of_day": "10:00",
     "action": "data_review", "owner_role": "leader"},
    {"title": "满意度问卷", "anchor": "custom", "offset_days": 8, "time_of_day": "21:00",
     "action": "survey", "owner_role": "assistant"},
    {"title": "两周复盘", "anchor": "custom", "offset_days": 14, "time_of_day": "10:00",
     "action": "data_review", "owner_role": "leader"},
    {"title": "新人欢迎", "anchor": "member_joined", "offset_days": 0, "time_of_day": "21:00",
     "action": "message", "owner_role": "assistant", "script": "欢迎新朋友，群公告里有打卡方式"},
    {"title": "新人回访", "anchor": "member_joined", "offset_days": 2, "time_of_day": "20:00",
     "action": "message", "owner_role": "assistant"},
)  # fmt: skip
# Which past group tasks the operators got done (by step index); the rest stay overdue.
DONE_STEPS = frozenset({0, 1, 2, 5})


# --- Targets (metrics-svc) -------------------------------------------------------------------


def targets(
    today: date, campaign_id: str, channel_ids: dict[str, str], scale: Scale
) -> list[dict[str, Any]]:
    month_start = datetime.combine(today + timedelta(days=FIRST_DAY), time(), TZ)
    month_end = datetime.combine(today + timedelta(days=5), time(), TZ)
    start, end = campaign_window(today)
    return [
        {"name": "双11 GMV", "metric": "gmv", "filters": {"campaign_id": campaign_id},
         "period_start": start.isoformat(), "period_end": end.isoformat(),
         "target_value": gmv_goal(scale)},
        {"name": "本月曝光", "metric": "impressions", "filters": {},
         "period_start": month_start.isoformat(), "period_end": month_end.isoformat(),
         "target_value": round(100_000 * scale.reach * scale.topics / 30)},
        {"name": "小红书点击率", "metric": "ctr",
         "filters": {"channel_id": channel_ids["xiaohongshu"]},
         "period_start": month_start.isoformat(), "period_end": month_end.isoformat(),
         "target_value": 0.08},
    ]  # fmt: skip


def gmv_goal(scale: Scale) -> int:
    """The Double 11 GMV aim in yuan (the campaign's goal and the metrics target): about a
    third more than the demo's redemptions bring, so the live goal shows it under way."""
    return round(90_000 * scale.claims[0] / 160)


def campaign_window(today: date) -> tuple[datetime, datetime]:
    start = datetime.combine(today + timedelta(days=CAMPAIGN_DAYS[0]), time(), TZ)
    end = datetime.combine(today + timedelta(days=CAMPAIGN_DAYS[1]), time(), TZ)
    return start, end


# --- The audience and its engagement ---------------------------------------------------------

# Relative activity by local hour: lunch and evening peaks on weekdays; weekends wake later,
# spread over the afternoon and stay up late.
WEEKDAY_RHYTHM = (1.0, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 2.0, 3.0, 2.5, 2.2, 3.0,
                  5.5, 4.5, 2.5, 2.2, 2.4, 3.0, 3.5, 4.5, 6.0, 6.5, 5.0, 2.5)  # fmt: skip
WEEKEND_RHYTHM = (2.0, 1.2, 0.6, 0.3, 0.2, 0.2, 0.3, 0.6, 1.2, 2.2, 3.5, 4.0,
                  4.5, 4.0, 3.8, 4.0, 3.8, 3.5, 3.5, 4.5, 5.5, 6.5, 6.0, 4.0)  # fmt: skip
# Share of a publication's engagement on day 0, 1, 2… after it goes out.
DAY_DECAY = (0.55, 0.2, 0.1, 0.06, 0.04, 0.03, 0.02)
# Per view: the chance of each follow-up action (a click is the link to the shop/landing page).
PER_VIEW = {"read": 0.6, "click": 0.16, "like": 0.08, "favorite": 0.03, "comment": 0.012,
            "share": 0.02, "follow": 0.01}  # fmt: skip


def actor_id(n: int) -> str:
    return f"u{n:05d}"


def audiences(seed: int, scale: Scale) -> dict[str, list[str]]:
    """Who follows each platform: every actor follows one to several channels."""
    rng = random.Random(f"{seed}/audience")
    follows: dict[str, list[str]] = {c.platform: [] for c in CHANNELS}
    for n in range(1, scale.actors + 1):
        mine = [c.platform for c in CHANNELS if rng.random() < c.audience_share]
        for platform in mine or [rng.choice(CHANNELS).platform]:
            follows[platform].append(actor_id(n))
    return follows


@dataclass
class Touch:
    """An actor's click on a publication: where a later lead, claim or join came from."""

    at: datetime
    publication: str  # PublicationPlan.key


@dataclass
class Engagement:
    events: list[dict[str, Any]] = field(default_factory=list)
    clicks: dict[str, list[Touch]] = field(default_factory=dict)  # actor → clicks, in time order


def _moment(rng: random.Random, start: datetime, now: datetime) -> datetime | None:
    """A time after `start` following the decay over days and the rhythm of the hours."""
    day = rng.choices(range(len(DAY_DECAY)), weights=DAY_DECAY)[0]
    local_start = start.astimezone(TZ)
    local_day = local_start.date() + timedelta(days=day)
    rhythm = WEEKEND_RHYTHM if local_day.isoweekday() >= 6 else WEEKDAY_RHYTHM
    first_hour = local_start.hour if day == 0 else 0
    hour = rng.choices(range(first_hour, 24), weights=rhythm[first_hour:])[0]
    at = datetime.combine(local_day, time(hour), TZ) + timedelta(seconds=rng.randrange(3600))
    at = max(at, start + timedelta(seconds=rng.randrange(30, 600)))
    return at.astimezone(UTC) if at <= now else None


def _activity(at: datetime) -> float:
    """How active the audience is at this local hour, 0 (quietest) to 1 (the day's peak)."""
    local = at.astimezone(TZ)
    rhythm = WEEKEND_RHYTHM if local.isoweekday() >= 6 else WEEKDAY_RHYTHM
    return rhythm[local.hour] / max(rhythm)


def event(seed: int, name: str, kind: str, at: datetime, **fields: Any) -> dict[str, Any]:
    """One metrics event with an id derived from the seed and its name (re-sent, it is a
    duplicate, never a second event)."""
    body = {
        "id": str(uuid.uuid5(NAMESPACE, f"{seed}/{name}")),
        "type": kind,
        "occurred_at": at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
    }
    body.update({k: v for k, v in fields.items() if v is not None})
    return body


def engagement(
    seed: int,
    scale: Scale,
    published: list[tuple[PublicationPlan, dict[str, str]]],
    follows: dict[str, list[str]],
    now: datetime,
) -> Engagement:
    """Impressions, views and what follows them for each published publication.

    `published` pairs each plan with its ids (`channel_id`, `post_id`, `publication_id`).
    """
    out = Engagement()
    for plan, ids in published:
        rng = random.Random(f"{seed}/{plan.key}/engagement")
        audience = follows[plan.channel.platform]
        boost = 1.6 if plan.topic.campaign else 1.0
        reach = plan.channel.reach * scale.reach * boost * rng.lognormvariate(0, 0.45)
        impressions = max(5, round(reach))
        for k in range(impressions):
            at = _moment(rng, plan.at, now)
            if at is not None:
                name = f"{plan.key}/impression/{k}"
                out.events.append(
                    event(seed, name, "impression", at, actor_id=rng.choice(audience), **ids)
                )
        views = max(2, round(impressions * rng.uniform(0.18, 0.3)))
        for k in range(views):
            at = _moment(rng, plan.at, now)
            if at is None:
                continue
            actor = rng.choice(audience)
            out.events.append(
                event(seed, f"{plan.key}/view/{k}", "view", at, actor_id=actor, **ids)
            )
            # People act more at the hours they are most active (what best-times learns).
            mood = 0.2 + 1.3 * _activity(at)
            for kind, chance in PER_VIEW.items():
                if rng.random() >= chance * mood:
                    continue
                then = at + timedelta(seconds=rng.randrange(5, 300))
                if then > now:
                    continue
                dwell = round(min(600.0, rng.lognormvariate(math.log(60), 0.7)), 1)
                out.events.append(
                    event(
                        seed, f"{plan.key}/{kind}/{k}", kind, then, actor_id=actor,
                        value=dwell if kind == "read" else None, **ids,
                    )
                )  # fmt: skip
                if kind == "click":
                    out.clicks.setdefault(actor, []).append(Touch(then, plan.key))
    for touches in out.clicks.values():
        touches.sort(key=lambda t: t.at)
    return out


def group_messages(
    seed: int, group_key: str, members: list[tuple[str, datetime]], now: datetime
) -> Iterator[tuple[str, datetime, int]]:
    """Chat activity of a group's members (who speaks, how often, at which hours), as a chat
    tool reports it: per member and day, the day's last message time and how many were sent."""
    for actor, joined_at in members:
        rng = random.Random(f"{seed}/{group_key}/{actor}/messages")
        if rng.random() > 0.45:
            continue  # most members only read
        per_day = rng.choice((1, 1, 2, 3, 5))
        day = joined_at.astimezone(TZ).date()
        while day <= now.astimezone(TZ).date():
            rhythm = WEEKEND_RHYTHM if day.isoweekday() >= 6 else WEEKDAY_RHYTHM
            sent = []
            for _ in range(per_day if rng.random() < 0.5 else 0):
                hour = rng.choices(range(24), weights=rhythm)[0]
                at = datetime.combine(day, time(hour), TZ) + timedelta(seconds=rng.randrange(3600))
                if joined_at < at <= now:
                    sent.append(at)
            if sent:
                yield actor, max(sent), len(sent)
            day += timedelta(days=1)


def batches(items: list[dict[str, Any]], size: int = 1000) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
