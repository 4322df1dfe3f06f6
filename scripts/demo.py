"""`make demo`: load a realistic MediaOps workspace through the gateway's public API.

    uv run --frozen python scripts/demo.py [--gateway URL] [--workspace demo] [--seed N]
                                           [--scale full|small] [--secret S | --token T]

Against a running `make run` it loads, in about a minute: six channels (WeChat OA, Weibo,
Xiaohongshu, Douyin, Zhihu, Bilibili; manual publishers), a month of topics (选题), reviewed posts
and publications, the audience's engagement (impressions, views, reads, clicks, likes, shares,
follows with the rhythm of real days), a Double 11 campaign (two coupon batches, claims,
redemptions, three generations of referrals, leads), two groups (社群) run by an SOP with tasks
due, members joining, and targets. The data is a plan (`demo_plan.py`) derived from `--seed`;
the same seed gives the same workspace. Every write carries the `source` of the person it is
about (the tracking code of the publication they last clicked), so the attribution report can
credit publications and channels.

The demo posts to metrics-svc only the audience's engagement (impressions, views, reads, clicks,
likes, shares, follows…). Everything else it does (leads, claims, redemptions, purchases,
referral accepts, joins, group chat through `POST /v1/groups/{id}/messages`, tasks done) the
services record themselves and their outbox relays deliver to metrics-svc.

Idempotent: every named thing is looked up before it is created (a channel with the handle, a
topic or post with the title, a publication of the post on the channel, a campaign, batch, group,
template, run or target with the name), what is already done is read back rather than done again
(claims, redemptions, joins, finished tasks), every POST carries an `Idempotency-Key` derived from
the seed, the step and the body, and every metrics event has a uuid5 id, which metrics-svc counts
once however often it comes. The timeline is anchored on the demo's first run in the workspace (the
creation time of its first channel), so a second run, even days later, plans the same month.
Group chat is reported in time order per member and skipped up to the member's `last_active_at`.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import Any, TypeVar

import httpx
from demo_plan import (
    CAMPAIGN_NAME,
    CHANNELS,
    DONE_STEPS,
    FIXED_BATCH,
    FIXED_ORDERS,
    GROUP_ANCHOR_DAYS,
    GROUP_GOALS,
    GROUPS,
    OTHER_TOPICS,
    PERCENT_BATCH,
    PERCENT_ORDERS,
    REDEEM_SHARE,
    REFERRAL_INVITES,
    REVIEW_NOTES,
    SCALES,
    SOP_NAME,
    SOP_STEPS,
    TZ,
    Engagement,
    PublicationPlan,
    Scale,
    TopicPlan,
    Touch,
    actor_id,
    audiences,
    batches,
    campaign_window,
    engagement,
    gmv_goal,
    group_messages,
    person_name,
    phone_of,
    plan_publications,
    plan_topics,
    prime_time_slots,
    targets,
)

from gateway.config import DEV_JWT_SECRET
from gateway.routes import SERVICE_SCOPES
from gateway.token import mint_token

DEFAULT_GATEWAY = "http://127.0.0.1:8100"
DEFAULT_SEED = 1111
# A publication planned before the first run's anchor + this goes out at once (step 3).
OUT_AT_ONCE_WITHIN = timedelta(hours=1)
SCHEDULE_AHEAD = timedelta(minutes=2)  # the least time ahead a publication is scheduled for
Json = dict[str, Any]
T = TypeVar("T")


class DemoError(Exception):
    """The API refused something the demo needs: the message says what and why."""


# --- The API client ----------------------------------------------------------------------------


@dataclass
class Api:
    """The gateway, with retries: 429 waits `Retry-After` (the gateway's per-workspace budgets),
    502/503/504 and dropped connections are retried under the same Idempotency-Key."""

    client: httpx.AsyncClient
    seed: int
    calls: Counter[str] = field(default_factory=Counter)
    throttled: int = 0

    def key(self, step: str, body: Any) -> str:
        digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:12]
        return f"demo-{self.seed}-{step}-{digest}"

    async def call(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: dict[str, Any] | None = None,
        step: str | None = None,
        ok: Iterable[int] = (200, 201),
    ) -> httpx.Response:
        headers = {}
        if method == "POST" and path != "/v1/events":
            # Events need none: their uuid5 ids are the de-duplication key, and an honest
            # answer (accepted vs duplicates) beats a replayed one.
            headers["Idempotency-Key"] = self.key(step or path, body)
        failures = 0
        while True:
            try:
                response = await self.client.request(
                    method, path, json=body, params=params, headers=headers
                )
            except httpx.TransportError as exc:
                failures += 1
                if failures > 5:
                    raise DemoError(f"{method} {path}: {exc!r}") from exc
                await asyncio.sleep(0.5 * 2**failures)
                continue
            self.calls[method] += 1
            if response.status_code == 429:
                self.throttled += 1
                wait = float(response.headers.get("retry-after", "1"))
                await asyncio.sleep(wait + random.uniform(0, 0.5))
                continue
            if response.status_code in (502, 503, 504) and failures < 5:
                failures += 1
                await asyncio.sleep(0.5 * 2**failures)
                continue
            if response.status_code not in ok:
                raise DemoError(
                    f"{method} {path} answered {response.status_code}: {_detail(response)}"
                )
            return response

    async def get(self, path: str, **params: Any) -> Any:
        return (await self.call("GET", path, params=params or None)).json()

    async def post(self, path: str, body: Any, step: str, ok: Iterable[int] = (200, 201)) -> Any:
        response = await self.call("POST", path, body=body, step=step, ok=ok)
        return response.json() if response.content else None

    async def list_all(self, path: str, **params: Any) -> list[Json]:
        items: list[Json] = []
        cursor = None
        while True:
            page = await self.get(
                path, limit=200, **params, **({"cursor": cursor} if cursor else {})
            )
            items.extend(page["items"])
            cursor = page["next_cursor"]
            if not cursor:
                return items


def _detail(response: httpx.Response) -> str:
    try:
        problem = response.json()
    except ValueError:
        return response.text[:300]
    if isinstance(problem, dict):
        return str(problem.get("detail") or problem.get("title") or problem)[:500]
    return str(problem)[:300]


async def each(items: Iterable[T], work: Callable[[T], Awaitable[None]], limit: int = 6) -> None:
    """Run `work` over `items`, at most `limit` at a time (the machine has two cores)."""
    gate = asyncio.Semaphore(limit)

    async def one(item: T) -> None:
        async with gate:
            await work(item)

    await asyncio.gather(*(one(item) for item in items))


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# --- The run's state ---------------------------------------------------------------------------


@dataclass
class Demo:
    api: Api
    seed: int
    scale: Scale
    options: argparse.Namespace
    anchor: datetime = field(default_factory=lambda: datetime.now(UTC))
    channels: dict[str, Json] = field(default_factory=dict)  # platform → channel
    topics: list[TopicPlan] = field(default_factory=list)
    posts: dict[str, Json] = field(default_factory=dict)  # topic key → post
    publications: dict[str, Json] = field(default_factory=dict)  # plan key → publication
    plans: dict[str, PublicationPlan] = field(default_factory=dict)
    audience: Engagement = field(default_factory=Engagement)
    follows: dict[str, list[str]] = field(default_factory=dict)
    campaign: Json = field(default_factory=dict)
    batches: dict[str, Json] = field(default_factory=dict)  # batch name → batch
    groups: list[Json] = field(default_factory=list)
    runs: list[Json] = field(default_factory=list)
    ingested: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def today(self) -> date:
        return self.anchor.astimezone(TZ).date()

    def log(self, message: str) -> None:
        if not self.options.quiet:
            print(f"[{time.monotonic() - STARTED:5.1f}s] {message}", flush=True)

    def ids(self, plan_key: str) -> dict[str, str]:
        """The tie ids a metrics event about this publication carries."""
        publication = self.publications[plan_key]
        return {
            "channel_id": publication["channel_id"],
            "post_id": publication["post_id"],
            "publication_id": publication["id"],
        }

    def last_touch(self, actor: str, campaign_only: bool = True) -> Touch | None:
        touches = [
            t
            for t in self.audience.clicks.get(actor, [])
            if not campaign_only or self.plans[t.publication].topic.campaign
        ]
        return touches[-1] if touches else None

    def source(self, touch: Touch | None) -> Json:
        """The `source` body field of a write this click brought: the publication's code."""
        if touch is None:
            return {}
        return {"source": {"tracking_code": self.publications[touch.publication]["tracking_code"]}}


STARTED = time.monotonic()


# --- Step 1: channels --------------------------------------------------------------------------


async def step_channels(demo: Demo) -> None:
    existing = {(c["platform"], c["handle"]): c for c in await demo.api.list_all("/v1/channels")}

    async def ensure(plan: Any) -> None:
        found = existing.get((plan.platform, plan.handle))
        if found is None:
            body = {
                "platform": plan.platform,
                "name": plan.name,
                "handle": plan.handle,
                "timezone": "Asia/Shanghai",
                "prime_time_slots": prime_time_slots(plan),
                "publisher": {"kind": "manual"},
            }
            found = await demo.api.post("/v1/channels", body, f"channel-{plan.platform}")
        demo.channels[plan.platform] = found

    await each(CHANNELS, ensure)
    # The timeline's anchor: when the demo first ran in this workspace.
    demo.anchor = min(utc(c["created_at"]) for c in demo.channels.values())
    demo.log(f"channels: {len(demo.channels)} (month anchored on {demo.today})")


# --- Step 2: topics and posts (review flow) ----------------------------------------------------


async def advance_post(demo: Demo, topic: TopicPlan, post: Json) -> Json:
    """Walk the post through review to the plan's status: draft → in_review (→ changes_requested
    → in_review) → approved. Starts wherever an earlier run left it."""
    moves: list[tuple[str, str | None]] = []
    status = post["status"]
    if topic.post_status == "draft":
        return post
    first_time = status == "draft"
    if status in ("draft", "changes_requested"):
        moves.append(("in_review", None))
    if topic.post_status == "approved" and status != "approved":
        if topic.review_round and first_time:
            note = REVIEW_NOTES[topic.index % len(REVIEW_NOTES)]
            moves += [("changes_requested", note), ("in_review", None)]
        moves.append(("approved", "可以发"))
    for to, comment in moves:
        body: Json = {"to": to, **({"comment": comment} if comment else {})}
        step = f"post-{topic.key}-{post['status']}-{to}"
        post = await demo.api.post(f"/v1/posts/{post['id']}/transitions", body, step)
    return post


async def step_topics_and_posts(demo: Demo) -> None:
    topics = {t["title"]: t for t in await demo.api.list_all("/v1/topics")}
    posts = {p["title"]: p for p in await demo.api.list_all("/v1/posts")}

    async def ensure_topic(title: str, body: Json, step: str, to: str, note: str) -> Json:
        topic = topics.get(title)
        if topic is None:
            topic = await demo.api.post("/v1/topics", body, step)
        if topic["status"] == "proposed" and to != "proposed":
            move = {"to": to, "note": note}
            topic = await demo.api.post(
                f"/v1/topics/{topic['id']}/transitions", move, f"{step}-{to}"
            )
        return topic

    async def ensure(plan: TopicPlan) -> None:
        body = {
            "title": plan.title,
            "brief": plan.brief,
            "audience": plan.audience,
            "pain_point": plan.pain_point,
            "tags": list(plan.tags),
            "priority": 1 if plan.campaign else 3,
            "owner_id": "op-lin",
            "due_date": plan.day.isoformat(),
        }
        topic = await ensure_topic(plan.title, body, f"topic-{plan.key}", "accepted", "排期确认")
        post = posts.get(plan.title)
        if post is None:
            post_body = {
                "title": plan.title,
                "body": plan.body(),
                "summary": plan.summary(),
                "tags": list(plan.tags),
                "media": [
                    {"url": f"https://cdn.example.com/qingyou/{plan.key}.jpg", "kind": "image",
                     "alt": "封面"}
                ],
                "topic_id": topic["id"],
            }  # fmt: skip
            post = await demo.api.post("/v1/posts", post_body, f"post-{plan.key}")
        demo.posts[plan.key] = await advance_post(demo, plan, post)

    async def other(item: tuple[str, str, str]) -> None:
        title, to, note = item
        body = {"title": title, "brief": "待讨论", "priority": 4, "owner_id": "op-ann"}
        await ensure_topic(title, body, f"topic-other-{OTHER_TOPICS.index(item)}", to, note)

    await each(demo.topics, ensure)
    await each(OTHER_TOPICS, other)
    statuses = Counter(p["status"] for p in demo.posts.values())
    demo.log(f"topics: {len(demo.topics) + len(OTHER_TOPICS)}, posts: {dict(statuses)}")


# --- Step 3: publications ----------------------------------------------------------------------


async def step_publications(demo: Demo) -> None:
    """Each approved post's publications: what was planned before the demo's first run, or
    within an hour after it, went out then and is marked published; the rest wait scheduled.

    Decided by the anchor (the first run), not by each run's clock, and fixed when the
    publication is made: a second run minutes later finds every publication as the first left
    it, and no scheduled one comes due (to be handed to an operator) in between."""
    existing = {
        (p["post_id"], p["channel_id"]): p for p in await demo.api.list_all("/v1/publications")
    }
    plans = [p for p in plan_publications(demo.topics) if p.topic.post_status == "approved"]
    demo.plans = {p.key: p for p in plans}
    # The API takes no publishing time in the past, nor one too soon to be worth scheduling.
    scheduled_after = max(demo.anchor + OUT_AT_ONCE_WITHIN, datetime.now(UTC) + SCHEDULE_AHEAD)

    async def ensure(plan: PublicationPlan) -> None:
        post = demo.posts[plan.topic.key]
        channel = demo.channels[plan.channel.platform]
        publication = existing.get((post["id"], channel["id"]))
        if publication is None:
            body: Json = {"post_id": post["id"], "channel_id": channel["id"]}
            if plan.at > scheduled_after:
                body["scheduled_at"] = plan.at.isoformat()
            publication = await demo.api.post("/v1/publications", body, f"publication-{plan.key}")
        # One that went out when it was made (not at its plan's time) the operator marks
        # published (manual channels).
        went_out_at_once = abs(utc(publication["scheduled_at"]) - plan.at) > timedelta(seconds=1)
        if went_out_at_once and publication["status"] in ("scheduled", "publishing"):
            external_id, url = plan.url(demo.seed)
            publication = await demo.api.post(
                f"/v1/publications/{publication['id']}/mark-published",
                {"url": url, "external_id": external_id},
                f"published-{plan.key}",
            )
        demo.publications[plan.key] = publication

    await each(plans, ensure)
    statuses = Counter(p["status"] for p in demo.publications.values())
    demo.log(f"publications: {dict(statuses)}")


# --- Step 4: the audience's engagement (metrics events) ----------------------------------------


async def ingest(demo: Demo, events: list[Json], label: str, concurrency: int = 3) -> None:
    """POST /v1/events in batches of 1,000; re-sent ids come back as duplicates."""

    async def send(batch: list[Json]) -> None:
        response = await demo.api.call(
            "POST", "/v1/events", body=batch, step=f"events-{label}", ok=(200, 422)
        )
        answer = response.json()
        demo.ingested["accepted"] += answer.get("accepted", 0)
        demo.ingested["duplicates"] += answer.get("duplicates", 0)
        rejected = answer.get("rejected", [])
        demo.ingested["rejected"] += len(rejected)
        for item in rejected[:1]:
            kind = batch[item["index"]]["type"]
            note = f"metrics-svc refused {kind} events: {item['errors'][0]['msg'][:120]}"
            if note not in demo.notes:
                demo.notes.append(note)

    await each(list(batches(events)), send, limit=concurrency)


async def step_engagement(demo: Demo) -> None:
    await ingest(demo, demo.audience.events, "engagement")
    demo.log(f"engagement: {len(demo.audience.events)} events sent")


def plan_engagement(demo: Demo) -> None:
    published = [
        (demo.plans[key], demo.ids(key))
        for key, publication in demo.publications.items()
        if publication["status"] == "published" and demo.plans[key].at <= demo.anchor
    ]
    demo.follows = audiences(demo.seed, demo.scale)
    demo.audience = engagement(demo.seed, demo.scale, published, demo.follows, demo.anchor)


def candidates(demo: Demo, label: str, campaign_only: bool) -> list[str]:
    """Actors who clicked (a campaign's) publications, in a seeded order; then the rest."""
    clicked = sorted(a for a in demo.audience.clicks if demo.last_touch(a, campaign_only))
    random.Random(f"{demo.seed}/{label}").shuffle(clicked)
    others = [actor_id(n) for n in range(1, demo.scale.actors + 1)]
    random.Random(f"{demo.seed}/{label}/others").shuffle(others)
    seen = set(clicked)
    return clicked + [a for a in others if a not in seen]


# --- Step 5: groups, the SOP, members ----------------------------------------------------------


async def step_groups(demo: Demo) -> None:
    existing = {g["name"]: g for g in await demo.api.list_all("/v1/groups")}
    for index, plan in enumerate(GROUPS):
        group = existing.get(plan["name"])
        if group is None:
            group = await demo.api.post("/v1/groups", plan, f"group-{index}")
        for to in ("building", "active"):
            if group["stage"] in ("planning", "building") and group["stage"] != to:
                move = {"to": to}
                group = await demo.api.post(
                    f"/v1/groups/{group['id']}/transitions", move, f"group-{index}-{to}"
                )
        group = await demo.api.get(f"/v1/groups/{group['id']}")
        have = {(g["horizon"], g["metric"]) for g in group.get("goals", [])}
        for goal in GROUP_GOALS[index]:
            if (goal["horizon"], goal["metric"]) in have:
                continue
            body = {k: v for k, v in goal.items() if k != "days"}
            body["due_date"] = (demo.today + timedelta(days=goal["days"])).isoformat()
            await demo.api.post(f"/v1/groups/{group['id']}/goals", body, f"goal-{index}")
        demo.groups.append(group)

    templates = {t["name"]: t for t in await demo.api.list_all("/v1/sop-templates")}
    template = templates.get(SOP_NAME)
    if template is None:
        body = {"name": SOP_NAME, "description": "开群两周的标准动作", "steps": list(SOP_STEPS)}
        template = await demo.api.post("/v1/sop-templates", body, "sop-template")
    for index, group in enumerate(demo.groups):
        runs = await demo.api.list_all(
            "/v1/sop-runs", group_id=group["id"], template_id=template["id"]
        )
        live = [r for r in runs if r["status"] in ("active", "paused")]
        if live:
            demo.runs.append(live[0])
            continue
        anchor_date = demo.today + timedelta(days=GROUP_ANCHOR_DAYS[index])
        body = {"template_id": template["id"], "group_id": group["id"],
                "anchor_date": anchor_date.isoformat()}  # fmt: skip
        demo.runs.append(await demo.api.post("/v1/sop-runs", body, f"sop-run-{index}"))
    demo.log(f"groups: {len(demo.groups)}, SOP runs: {len(demo.runs)}")


async def step_import_members(demo: Demo, avoid: set[str]) -> None:
    """The members each group already had before the demo's month: one bulk import each."""
    pool = [a for a in candidates(demo, "imported", campaign_only=False)[::-1] if a not in avoid]
    for index, group in enumerate(demo.groups):
        rng = random.Random(f"{demo.seed}/import/{index}")
        chosen = pool[index * demo.scale.imported : (index + 1) * demo.scale.imported]
        current = {
            m["external_id"] for m in await demo.api.list_all(f"/v1/groups/{group['id']}/members")
        }
        start = datetime.combine(
            demo.today + timedelta(days=GROUP_ANCHOR_DAYS[index]), clock(9), TZ
        )
        span = max(3600.0, (demo.anchor - start).total_seconds() - 3600)
        rows = []
        for n, actor in enumerate(chosen):
            if actor in current:
                continue
            role = "seed" if n < 3 else ("kol" if n == 3 else "member")
            joined_at = start + timedelta(seconds=rng.uniform(0, span))
            rows.append({
                "external_id": actor, "display_name": person_name(actor), "role": role,
                "tags": ["早餐打卡"] if index == 0 else ["老客"],
                "tier": rng.choice(("gold", "silver", "silver", "bronze")),
                "source_channel": rng.choice(CHANNELS).platform,
                "joined_at": joined_at.astimezone(UTC).isoformat(),
            })  # fmt: skip
        if rows:
            answer = await demo.api.post(
                f"/v1/groups/{group['id']}/members/import", {"members": rows}, f"import-{index}"
            )
            if answer["rejected"]:
                demo.notes.append(f"import into {group['name']}: {answer['rejected'][:2]}")


async def step_joins(demo: Demo, joiners: list[list[str]]) -> None:
    """People joining the groups now, brought by a publication (source) or the campaign."""
    for index, group in enumerate(demo.groups):
        current = {
            m["external_id"] for m in await demo.api.list_all(f"/v1/groups/{group['id']}/members")
        }

        async def join(
            actor: str, index: int = index, group: Json = group, current: set[str] = current
        ) -> None:
            if actor in current:
                return
            touch = demo.last_touch(actor, campaign_only=index == 1)
            body: Json = {
                "external_id": actor,
                "display_name": person_name(actor),
                "tags": ["新人"],
                "source_channel": demo.plans[touch.publication].channel.platform if touch else None,
                "source_campaign_id": demo.campaign.get("id") if index == 1 else None,
                **demo.source(touch),
            }
            body = {k: v for k, v in body.items() if v is not None}
            await demo.api.post(f"/v1/groups/{group['id']}/members", body, f"join-{index}-{actor}")

        await each(joiners[index], join)

    sizes = [len(j) for j in joiners]
    demo.log(f"members: joins planned {sizes}")


async def step_chat(demo: Demo) -> None:
    """The members' group chat, recorded through `POST /v1/groups/{id}/messages` one report per
    member and day, in time order; what a member's `last_active_at` already covers is skipped."""
    talkers: list[tuple[str, str, list[tuple[datetime, int]]]] = []  # group, member, reports
    for index, group in enumerate(demo.groups):
        members = await demo.api.list_all(f"/v1/groups/{group['id']}/members")
        stays = [(m["external_id"], utc(m["joined_at"])) for m in members]
        seen = {m["external_id"]: m["last_active_at"] for m in members}
        days: dict[str, list[tuple[datetime, int]]] = {}
        for actor, at, count in group_messages(demo.seed, f"group{index}", stays, demo.anchor):
            if seen[actor] is None or at > utc(seen[actor]):
                days.setdefault(actor, []).append((at, count))
        talkers += [(group["id"], actor, reports) for actor, reports in days.items()]

    async def report(talker: tuple[str, str, list[tuple[datetime, int]]]) -> None:
        group_id, actor, reports = talker
        for at, count in reports:
            body = {"external_id": actor, "sent_at": at.isoformat(), "count": count}
            await demo.api.post(f"/v1/groups/{group_id}/messages", body, f"chat-{group_id}")

    await each(talkers, report)
    demo.log(f"group chat: {sum(len(t[2]) for t in talkers)} daily reports recorded")


async def step_tasks(demo: Demo) -> None:
    """Operators finished some of the SOP tasks due two hours before the first run (the
    anchor: a second run finishes the same ones); the rest stay overdue on their lists."""
    done = 0
    for run in demo.runs:
        tasks = await demo.api.list_all("/v1/tasks", run_id=run["id"])
        for task in tasks:
            due = utc(task["due_at"])
            if (
                task["status"] == "pending"
                and task["member_id"] is None
                and task["step_index"] in DONE_STEPS
                and due < demo.anchor - timedelta(hours=2)
            ):
                body = {"note": "已完成，见群公告"}
                task = await demo.api.post(
                    f"/v1/tasks/{task['id']}/complete", body, f"task-{task['id']}"
                )
            if task["status"] == "done":
                done += 1
    overdue = await demo.api.get("/v1/tasks", overdue="true", limit=200)
    demo.log(f"tasks: {done} done, {len(overdue['items'])} overdue")


# --- Step 6: the Double 11 campaign ------------------------------------------------------------


async def step_campaign(demo: Demo) -> None:
    found = [c for c in await demo.api.list_all("/v1/campaigns") if c["name"] == CAMPAIGN_NAME]
    campaign = found[0] if found else None
    start, end = campaign_window(demo.today)
    if campaign is None:
        body = {
            "name": CAMPAIGN_NAME,
            "kind": "holiday_promo",
            "starts_at": start.isoformat(),
            "ends_at": end.isoformat(),
            "budget_amount": 5_000_000,
            "goals": [
                {"metric": "gmv", "target": gmv_goal(demo.scale)},
                {"metric": "fission_rate", "target": 2.5},
            ],
            "channel_ids": [c["id"] for c in demo.channels.values()],
            "post_ids": [demo.posts[t.key]["id"] for t in demo.topics if t.campaign],
            "group_ids": [g["id"] for g in demo.groups],
        }
        campaign = await demo.api.post("/v1/campaigns", body, "campaign")
    if campaign["status"] == "draft":
        campaign = await demo.api.post(
            f"/v1/campaigns/{campaign['id']}/status", {"status": "scheduled"}, "campaign-scheduled"
        )
    demo.campaign = campaign

    existing = {
        b["name"]: b
        for b in await demo.api.list_all("/v1/coupon-batches", campaign_id=campaign["id"])
    }
    full = demo.scale.claims[0] >= 100
    for name, plan in ((FIXED_BATCH["name"], FIXED_BATCH), (PERCENT_BATCH["name"], PERCENT_BATCH)):
        batch = existing.get(name)
        if batch is None:
            body = {**plan, "campaign_id": campaign["id"], "total_quantity": 2000 if full else 200}
            if "valid_days" not in plan:
                body |= {"valid_from": start.isoformat(), "valid_until": end.isoformat()}
            batch = await demo.api.post("/v1/coupon-batches", body, f"batch-{plan['code_prefix']}")
        demo.batches[name] = batch
    rules = await demo.api.list_all("/v1/referrals/rules", campaign_id=campaign["id"])
    if not rules:
        body = {"campaign_id": campaign["id"], "invites_required": REFERRAL_INVITES,
                "batch_id": demo.batches[FIXED_BATCH["name"]]["id"]}  # fmt: skip
        await demo.api.post("/v1/referrals/rules", body, "referral-rule")
    demo.log(f"campaign: {campaign['name']} ({campaign['status']}), batches: {len(demo.batches)}")


async def coupons_held(demo: Demo, batch: Json) -> dict[str, Json]:
    """The batch's claimed and redeemed coupons by customer."""
    held: dict[str, Json] = {}
    for status in ("claimed", "redeemed"):
        for coupon in await demo.api.list_all("/v1/coupons", batch_id=batch["id"], status=status):
            held[coupon["customer_id"]] = coupon
    return held


def order_of(demo: Demo, plan: Json, orders: tuple[int, ...], customer: str) -> int | None:
    """The order a customer redeems the coupon on (amount in fen), or None: not everyone buys."""
    rng = random.Random(f"{demo.seed}/order/{plan['code_prefix']}/{customer}")
    return rng.choice(orders) if rng.random() < REDEEM_SHARE else None


async def coupon_batch(
    demo: Demo, plan: Json, orders: tuple[int, ...], customers: list[str]
) -> None:
    """Each customer claims a coupon of the batch and, maybe, redeems it on an order right away
    (so claims and redemptions, which the gateway budgets apart, go on side by side)."""
    batch = demo.batches[plan["name"]]
    prefix = plan["code_prefix"]
    held = await coupons_held(demo, batch)

    async def claim_and_redeem(customer: str) -> None:
        touch = demo.last_touch(customer)
        if customer not in held:
            body = {"customer_id": customer, **demo.source(touch)}
            held[customer] = await demo.api.post(
                f"/v1/coupon-batches/{batch['id']}/claims", body, f"claim-{prefix}-{customer}"
            )
        coupon = held[customer]
        amount = order_of(demo, plan, orders, customer)
        if amount is None or coupon["status"] != "claimed":
            return
        body = {
            "customer_id": customer,
            "order_id": f"QY{demo.seed}-{prefix}-{customer}",
            "order_amount": amount,
            **demo.source(touch),
        }
        await demo.api.post(
            f"/v1/coupons/{coupon['code']}/redeem", body, f"redeem-{coupon['code']}"
        )

    await each(customers, claim_and_redeem, limit=8)


async def step_coupons(demo: Demo, claimers: list[list[str]]) -> None:
    """Claims and redemptions of both batches; what is done already is read back."""
    await asyncio.gather(
        coupon_batch(demo, FIXED_BATCH, FIXED_ORDERS, claimers[0]),
        coupon_batch(demo, PERCENT_BATCH, PERCENT_ORDERS, claimers[1]),
    )
    stats = await demo.api.get(f"/v1/campaigns/{demo.campaign['id']}/stats")
    demo.log(f"coupons: {stats['claimed']} claimed, {stats['redeemed']} redeemed")


async def step_referrals(demo: Demo, seeds: list[str], pool: list[str]) -> None:
    """Fission over three generations: seed → invitee → invitee's invitee."""
    campaign_id = demo.campaign["id"]
    codes = {
        c["participant_id"]: c
        for c in await demo.api.list_all("/v1/referrals/codes", campaign_id=campaign_id)
    }
    invitees = iter(pool)

    async def code_of(participant: str) -> str:
        if participant not in codes:
            body = {"campaign_id": campaign_id, "participant_id": participant}
            codes[participant] = await demo.api.post(
                "/v1/referrals/codes", body, f"ref-code-{participant}"
            )
        return str(codes[participant]["code"])

    async def invite(referrer: str, invitee: str, touch: Touch | None) -> None:
        body = {"code": await code_of(referrer), "invitee_id": invitee, **demo.source(touch)}
        await demo.api.post("/v1/referrals/accept", body, f"ref-accept-{invitee}")

    generation = [(seed, demo.last_touch(seed)) for seed in seeds]
    for depth in (1, 2):
        plan: list[tuple[str, str, Touch | None]] = []
        for referrer, touch in generation:
            rng = random.Random(f"{demo.seed}/fission/{referrer}")
            if depth == 2 and rng.random() < 0.5:
                continue  # half the invitees pass the poster on
            for _ in range(rng.choice((2, 3, 3, 4) if depth == 1 else (1, 2, 3))):
                plan.append((referrer, next(invitees), touch))
        await each(plan, lambda item: invite(*item), limit=4)
        generation = [(invitee, touch) for _, invitee, touch in plan]
    stats = await demo.api.get("/v1/referrals/stats", campaign_id=campaign_id)
    demo.log(f"referrals: {stats['seeds']} seeds, {stats['invitees']} invitees")


async def step_leads(demo: Demo, people: list[str]) -> None:
    """Contact details left for the Double 11 gift pack (with consent)."""

    async def capture(actor: str) -> None:
        touch = demo.last_touch(actor)
        body: Json = {
            "campaign_id": demo.campaign["id"],
            "name": person_name(actor),
            "phone": phone_of(actor),
            "wechat_id": f"wx_{actor}",
            "consent": True,
            **demo.source(touch),
        }
        await demo.api.post("/v1/leads", body, f"lead-{actor}")

    await each(people, capture)
    demo.log(f"leads: {len(people)}")


async def step_targets(demo: Demo) -> None:
    existing = {t["name"] for t in await demo.api.list_all("/v1/targets")}
    channel_ids = {platform: c["id"] for platform, c in demo.channels.items()}
    for index, body in enumerate(targets(demo.today, demo.campaign["id"], channel_ids, demo.scale)):
        if body["name"] not in existing:
            await demo.api.post("/v1/targets", body, f"target-{index}")


# --- The run -----------------------------------------------------------------------------------


async def run(demo: Demo) -> None:
    await step_channels(demo)
    demo.topics = plan_topics(demo.seed, demo.today, demo.scale)
    await step_topics_and_posts(demo)
    await step_publications(demo)
    plan_engagement(demo)

    # Who does what: one seeded order of the campaign's clickers, sliced per activity.
    people = candidates(demo, "campaign", campaign_only=True)
    fixed, percent = demo.scale.claims
    claimers = [people[:fixed], people[fixed // 2 : fixed // 2 + percent]]
    leads = people[: demo.scale.leads * 2 : 2]
    # Referrers earn a 满199减20 coupon (the reward rule), so they are not among its claimers.
    referrers = people[fixed + percent :]
    seeds = referrers[: demo.scale.seeds]
    claimed_first = set(people[:fixed])
    fans = [a for a in candidates(demo, "fans", campaign_only=False) if a not in claimed_first]
    joiners = [fans[: demo.scale.joins], people[: demo.scale.joins]]
    invited_pool = [a for a in referrers[demo.scale.seeds :] if a not in set(joiners[0])]

    # Engagement goes to metrics-svc while the rest loads: each route class has its own budget
    # at the gateway (ingest, write, claim, redeem, referral), so they proceed side by side.
    engagement_sent = asyncio.create_task(step_engagement(demo))
    await step_groups(demo)
    await step_campaign(demo)
    imported_avoid = set(people[: fixed + percent]) | set(joiners[0])

    async def members() -> None:
        await step_import_members(demo, avoid=imported_avoid)
        await asyncio.gather(step_joins(demo, joiners), step_chat(demo))

    work = [members(), step_tasks(demo), step_targets(demo)]
    if demo.campaign["status"] == "running":
        work += [
            step_coupons(demo, claimers),
            step_referrals(demo, seeds, invited_pool),
            step_leads(demo, leads),
        ]
    else:
        demo.notes.append(
            f"campaign {CAMPAIGN_NAME} is {demo.campaign['status']}: no claims, referrals or leads"
        )
    await asyncio.gather(*work)
    await engagement_sent


async def summary(demo: Demo) -> None:
    api = demo.api
    campaign = demo.campaign
    stats = await api.get(f"/v1/campaigns/{campaign['id']}/stats") if campaign else {}
    members = [
        g["member_count"] for g in [await api.get(f"/v1/groups/{g['id']}") for g in demo.groups]
    ]
    month_from = (demo.today - timedelta(days=30)).isoformat()
    month_to = (demo.today + timedelta(days=1)).isoformat()
    numbers = {}
    for metric in ("impressions", "clicks", "ctr", "gmv"):
        series = await api.get(
            f"/v1/metrics/{metric}", **{"from": month_from, "to": month_to}, tz="Asia/Shanghai"
        )
        numbers[metric] = series["series"][0]["total"] if series["series"] else None
    statuses = Counter(p["status"] for p in demo.publications.values())
    overdue = await api.get("/v1/tasks", overdue="true", limit=200)
    base = str(api.client.base_url).rstrip("/")
    groups = ", ".join(
        f"{g['name']} ({n} members)" for g, n in zip(demo.groups, members, strict=True)
    )
    options = demo.options
    lines = [
        "",
        f"MediaOps demo workspace '{options.workspace}' (seed {demo.seed}, scale {options.scale}):",
        f"  channels {len(demo.channels)} · topics {len(demo.topics) + len(OTHER_TOPICS)}"
        f" · posts {len(demo.posts)} · publications {dict(statuses)}",
        f"  events sent {sum(demo.ingested.values())}: {dict(demo.ingested)}",
        f"  last 30 days: impressions {numbers['impressions'] or 0:.0f},"
        f" clicks {numbers['clicks'] or 0:.0f},"
        f" CTR {_ratio(numbers['ctr'])}, GMV ¥{numbers['gmv'] or 0:.2f}",
        f"  {campaign.get('name')}: claimed {stats.get('claimed')},"
        f" redeemed {stats.get('redeemed')}, GMV ¥{(stats.get('gmv') or 0) / 100:.2f},"
        f" leads {stats.get('leads')}, referral seeds {stats.get('referral_seeds')}"
        f" → invitees {stats.get('referral_invitees')}",
        f"  groups: {groups}; overdue SOP tasks {len(overdue['items'])}",
        f"  requests: {dict(api.calls)}, throttled (429) {api.throttled},"
        f" took {time.monotonic() - STARTED:.1f} s",
    ]
    for note in demo.notes:
        lines.append(f"  note: {note}")
    attribution = (
        f"{base}/v1/attribution?campaign_id={campaign.get('id')}&from={month_from}&to={month_to}"
        "&tz=Asia/Shanghai&model=last_touch"
    )
    lines += [
        "",
        "See the result:",
        f"  export TOKEN=$(make token WORKSPACE={options.workspace})",
        f'  curl -s -H "Authorization: Bearer $TOKEN" {base}/v1/dashboard',
        f'  curl -s -H "Authorization: Bearer $TOKEN" "{attribution}"',
        f'  curl -s -H "Authorization: Bearer $TOKEN" {base}/v1/metrics',
    ]
    print("\n".join(lines))


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2%}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scripts/demo.py",
        description="Load a demo workspace through the MediaOps gateway (idempotent, seeded).",
    )
    parser.add_argument("--gateway", default=os.environ.get("MEDIAOPS_GATEWAY", DEFAULT_GATEWAY))
    parser.add_argument("--workspace", default="demo", help="the token's workspace (default demo)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}")
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument(
        "--secret",
        default=os.environ.get("GATEWAY_JWT_SECRET", DEV_JWT_SECRET),
        help="HS256 secret the token is signed with (default: GATEWAY_JWT_SECRET or the dev one)",
    )
    parser.add_argument("--token", help="a ready bearer token instead of minting one")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    return parser


async def main_async(options: argparse.Namespace) -> int:
    token = options.token or mint_token(
        options.secret, workspace=options.workspace, scopes=SERVICE_SCOPES, subject="demo-loader"
    )
    headers = {"Authorization": f"Bearer {token}"}
    timeout = httpx.Timeout(60.0, connect=5.0)
    limits = httpx.Limits(max_connections=12)
    async with httpx.AsyncClient(
        base_url=options.gateway, headers=headers, timeout=timeout, limits=limits
    ) as client:
        api = Api(client, options.seed)
        demo = Demo(api, options.seed, SCALES[options.scale], options)
        try:
            ready = await client.get("/health/upstreams")  # every service behind it
        except httpx.TransportError as exc:
            print(f"No gateway at {options.gateway} ({exc!r}): start it with `make run`.")
            return 2
        if ready.status_code != 200:
            print(f"The services behind {options.gateway} are not ready: {ready.text[:300]}")
            return 2
        try:
            await run(demo)
            await summary(demo)
        except DemoError as exc:
            print(f"demo failed: {exc}", file=sys.stderr)
            return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    return asyncio.run(main_async(_parser().parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
