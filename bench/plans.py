"""Generic plans against plans made with the values, for the reads that ask for their values.

asyncpg prepares each statement once per connection, and from its sixth execution there
PostgreSQL may keep a generic plan, made without the parameters' values. Five reads were found
to be far slower under it where one group, campaign, batch or workspace holds most of a table,
and now plan with their values (``servicekit.db.plan_with_values``): a group's task list, the
calendar, a campaign's codes issued, a batch's codes, the publisher worker's hand-over. This
repeats that audit in one command:

    uv run --frozen --all-packages python bench/plans.py \
        [--server postgresql://postgres@127.0.0.1:5432] [--scale 1.0] [--runs 5] [--sql]

Three scratch databases on ``--server`` (campaign-, community- and content-svc's), migrated
with each service's Alembic head and seeded with skewed data by ``generate_series`` (scale 1.0
is the audit's sizes: a batch of 300,000 codes beside a second of 700,000 in one workspace, a
group with 200,000 of its 287,000 tasks, 370,000 publications, 90% of them in one workspace;
the count of workspaces, groups, campaigns and channels does not scale, so neither does the
skew), then VACUUM ANALYZE. Each statement is the one the service's repository builds, compiled
with the services' dialect (postgresql+asyncpg) and prepared by asyncpg, for a big and a small
value. For each, the median of ``--runs`` ``EXPLAIN (ANALYZE)`` executions of that prepared
statement (after one more to warm the cache; server execution time, planning left out) under
``plan_cache_mode = force_custom_plan`` (what the services ask for) and
``force_generic_plan`` (what PostgreSQL may keep), and, under ``auto``, how many of eight
executions PostgreSQL itself ran with the generic plan (``pg_prepared_statements``): eight big,
eight small, five small then three big. ``--sql`` prints each statement and its parameters.
The databases are dropped at the end, whatever happens.

Not run by the tests. Prints a table; nothing is written to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from string import Template
from typing import Any, cast

import asyncpg
from sqlalchemy import TextClause
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

import campaign_svc.models
import community_svc.models
import content_svc.models
from campaign_svc.campaigns.repository import CampaignRepository
from campaign_svc.coupons.repository import CouponBatchRepository
from community_svc.tasks.repository import TaskRepository
from content_svc.calendar.repository import CalendarRepository
from content_svc.calendar.service import MAX_ITEMS
from content_svc.config import Settings as ContentSettings
from content_svc.publishing.repository import PublishingRepository
from servicekit.db import async_url
from servicekit.migrations import upgrade_head
from servicekit.pagination import DEFAULT_LIMIT, PageParams
from servicekit.testing.databases import create_test_database, drop_test_database

ROOT = Path(__file__).resolve().parents[1]
# Imported for their side effect: every model of a service mapped, so its statements compile.
MODELS = (campaign_svc.models, community_svc.models, content_svc.models)
MODES = ("force_custom_plan", "force_generic_plan")
SIZES = ("big", "small")
AUTO_RUNS = {
    "8 big": ["big"] * 8,
    "8 small": ["small"] * 8,
    "5 small, 3 big": ["small"] * 5 + ["big"] * 3,
}

BIG_WORKSPACE = "ws-big"
# Group, campaign and batch n of the seed below.
GROUP = "00000000-0000-0000-0000-0000000a{:04d}"
CAMPAIGN = "00000000-0000-0000-0000-0000000c{:04d}"
BATCH = "00000000-0000-0000-0000-0000000b{:04d}"

# The review's data (bench/RESULTS.md, "generic plans"), row counts scaled. `$name`: a size below.
SEED = {
    "community": """
-- ws-big holds 200 groups; group 0 holds $big_group members, the others $group members;
-- 10 more workspaces with 2 groups each. A fifth of the members have left. One SOP run per
-- group, 5 tasks per current member: 90% done, 3% skipped, 2% cancelled, 5% pending.
INSERT INTO community_group (id, workspace_id, name, platform, kind, positioning, audience, rules,
    entry_threshold, capacity, member_count, timezone, assistant_ids, stage, version, created_at)
SELECT ('00000000-0000-0000-0000-0000000a' || lpad(n::text, 4, '0'))::uuid,
       CASE WHEN n < 200 THEN 'ws-big' ELSE 'ws-s' || (n / 2) END,
       'group ' || n, 'wechat_group', 'product', '', '', '', '', 100000, 0, 'Asia/Shanghai', '{}',
       'active', 1, now() - interval '400 days' + n * interval '1 day'
FROM generate_series(0, 219) AS n;

INSERT INTO member (id, workspace_id, group_id, external_id, display_name, role, tags, joined_at,
    left_at, created_at)
SELECT gen_random_uuid(), g.workspace_id, g.id, 'ext-' || i, 'm' || i,
       CASE WHEN i % 1000 = 0 THEN 'leader' WHEN i % 200 = 0 THEN 'assistant'
            WHEN i % 50 = 0 THEN 'kol' ELSE 'member' END,
       '{}', t, CASE WHEN i % 5 = 0 THEN t + interval '10 days' END, t
FROM community_group g,
     LATERAL generate_series(1, CASE WHEN g.name = 'group 0' THEN $big_group ELSE $group END) AS i,
     LATERAL (SELECT g.created_at + i * CASE WHEN g.name = 'group 0' THEN interval '10 minutes'
                                             ELSE interval '1 hour' END AS t) AS tt;

INSERT INTO sop_template (id, workspace_id, name, description, current_version)
SELECT gen_random_uuid(), w, 'tpl', '', 1
FROM (SELECT DISTINCT workspace_id AS w FROM community_group) AS s;
INSERT INTO sop_template_version (id, workspace_id, template_id, number, name, description, steps)
SELECT gen_random_uuid(), workspace_id, id, 1, 'tpl', '', '[]' FROM sop_template;
INSERT INTO sop_run (id, workspace_id, template_id, template_version_id, template_version,
    group_id, anchor_date, status, created_at)
SELECT gen_random_uuid(), g.workspace_id, t.id, v.id, 1, g.id, g.created_at::date, 'active',
       g.created_at
FROM community_group g
JOIN sop_template t ON t.workspace_id = g.workspace_id
JOIN sop_template_version v ON v.template_id = t.id;

INSERT INTO task (id, workspace_id, run_id, group_id, member_id, step_index, anchor, action, title,
    script, contingency_plan, owner_role, assignee, due_at, status, created_at)
SELECT gen_random_uuid(), m.workspace_id, r.id, m.group_id, m.id, s, 'join', 'message',
       'step ' || s, '', '', 'assistant', 'assistant-' || (abs(hashtext(m.external_id)) % 20),
       m.joined_at + s * interval '1 day',
       CASE WHEN x < 90 THEN 'done' WHEN x < 93 THEN 'skipped' WHEN x < 95 THEN 'cancelled'
            ELSE 'pending' END,
       m.joined_at
FROM member m JOIN sop_run r ON r.group_id = m.group_id, generate_series(1, 5) AS s,
     LATERAL (SELECT abs(hashtext(m.id::text || s)) % 100 AS x) AS xx
WHERE m.left_at IS NULL;
""",
    "campaign": """
-- ws-big holds campaigns 0-19, 11 more workspaces one campaign each. Campaign n has batch n:
-- batch 0 $big_batch codes, the others $batch; campaign 1 also has batch 99, $second_batch
-- codes. Codes are stored in batch order, as generated.
INSERT INTO campaign (id, workspace_id, name, kind, status, starts_at, ends_at, currency, goals,
    channel_ids, post_ids, group_ids, version, created_at)
SELECT ('00000000-0000-0000-0000-0000000c' || lpad(n::text, 4, '0'))::uuid,
       CASE WHEN n < 20 THEN 'ws-big' ELSE 'ws-s' || n END,
       'campaign ' || n, 'flash_sale', 'running', now() - interval '1 year',
       now() + interval '1 year', 'CNY', '{}'::jsonb, '[]'::jsonb, '[]'::jsonb, '[]'::jsonb, 1,
       now() - interval '400 days' + n * interval '10 days'
FROM generate_series(0, 30) AS n;

INSERT INTO coupon_batch (id, workspace_id, campaign_id, name, discount_type, amount_off,
    min_spend, currency, total_quantity, claimed_count, per_customer_limit, valid_days,
    code_prefix, code_length, generated_count, created_at)
SELECT ('00000000-0000-0000-0000-0000000b' || lpad(n::text, 4, '0'))::uuid, c.workspace_id,
       c.id, 'batch ' || n, 'fixed', 2000, 0, 'CNY', q, 0, 1, 7, '', 12, q, c.created_at
FROM (SELECT n, CASE WHEN n = 0 THEN $big_batch ELSE $batch END AS q
      FROM generate_series(0, 30) AS n) AS b
JOIN campaign c ON c.id = ('00000000-0000-0000-0000-0000000c' || lpad(n::text, 4, '0'))::uuid;
INSERT INTO coupon_batch (id, workspace_id, campaign_id, name, discount_type, amount_off,
    min_spend, currency, total_quantity, claimed_count, per_customer_limit, valid_days,
    code_prefix, code_length, generated_count, created_at)
VALUES ('00000000-0000-0000-0000-0000000b0099', 'ws-big', '00000000-0000-0000-0000-0000000c0001',
    'batch 99', 'fixed', 2000, 0, 'CNY', $second_batch, 0, 1, 7, '', 12, $second_batch, now());

INSERT INTO coupon (id, workspace_id, batch_id, code, status, customer_id, created_at)
SELECT gen_random_uuid(), b.workspace_id, b.id, b.name || '-' || i,
       CASE WHEN i % 100 = 0 THEN 'voided' WHEN i % 100 < 5 THEN 'redeemed'
            WHEN i % 100 < 30 THEN 'claimed' ELSE 'available' END,
       CASE WHEN i % 100 BETWEEN 1 AND 29 THEN 'cust-' || (i % 50000) END,
       b.created_at + i * interval '1 millisecond'
FROM coupon_batch b, generate_series(1, b.total_quantity) AS i
ORDER BY b.created_at, i;
""",
    # One change from the audit's seed: a small workspace's publications are on its own
    # channels (the audit put them on any small workspace's, so the calendar of one found few).
    "content": """
-- 120 channels: 20 in ws-big, 2 in each of 50 small workspaces (ws-s10 .. ws-s59). $posts posts,
-- 90% in ws-big, the rest in ws-s10, ws-s20 .. ws-s50. Three publications per approved post
-- (and per 4% of the others): 96% published, 1.5% failed, 1.5% cancelled, ~1% scheduled (a
-- tenth of them due now, the rest over the next 90 days), 0.05% publishing.
INSERT INTO channel (id, workspace_id, platform, name, handle, timezone, version, limit_overrides,
    prime_time_slots, publisher_kind, publisher_url, publisher_secret, created_at)
SELECT ('00000000-0000-0000-0000-0000000d' || lpad(n::text, 4, '0'))::uuid,
       CASE WHEN n < 20 THEN 'ws-big' ELSE 'ws-s' || (n / 2) END,
       CASE WHEN n % 3 = 2 THEN 'wechat_oa' ELSE 'weibo' END, 'ch ' || n, 'h' || n,
       'Asia/Shanghai', 1, '{}', '[]',
       CASE n % 3 WHEN 0 THEN 'manual' WHEN 1 THEN 'webhook' ELSE 'wechat_oa' END,
       CASE WHEN n % 3 = 1 THEN 'http://x' END, CASE WHEN n % 3 = 1 THEN 's' END,
       now() - interval '2 years'
FROM generate_series(0, 119) AS n;

INSERT INTO post (id, workspace_id, title, body, summary, tags, media, status, version,
    created_at)
SELECT gen_random_uuid(), CASE WHEN i % 10 = 0 THEN 'ws-s' || (10 + i % 50) ELSE 'ws-big' END,
       'post ' || i, '', '', '{}', '[]',
       CASE WHEN i % 100 < 60 THEN 'approved' WHEN i % 100 < 80 THEN 'archived'
            WHEN i % 100 < 95 THEN 'draft' ELSE 'in_review' END,
       1, now() - interval '700 days' + i * (interval '5 minutes' * 200000 / $posts)
FROM generate_series(1, $posts) AS i;

INSERT INTO publication (id, workspace_id, post_id, channel_id, status, scheduled_at,
    next_attempt_at, attempts, delivery_id, tracking_code, published_at, created_at)
SELECT gen_random_uuid(), p.workspace_id, p.id, ch.id, st, sched, sched,
       CASE WHEN st IN ('published', 'failed') THEN 1 ELSE 0 END, gen_random_uuid(),
       upper(lpad(to_hex(row_number() OVER ()), 8, '0')),
       CASE WHEN st = 'published' THEN sched + interval '1 minute' END, p.created_at
FROM post p, generate_series(1, 3) AS k,
     LATERAL (SELECT abs(hashtext(p.id::text || k)) AS h) AS hh,
     LATERAL (SELECT CASE WHEN p.workspace_id = 'ws-big' THEN h % 20
                          ELSE 2 * substr(p.workspace_id, 5)::int + h % 2 END AS n) AS c
     JOIN channel ch
       ON ch.id = ('00000000-0000-0000-0000-0000000d' || lpad(c.n::text, 4, '0'))::uuid,
     LATERAL (SELECT abs(hashtext(p.id::text || 's' || k)) % 10000 AS x) AS xx,
     LATERAL (SELECT CASE WHEN x < 9600 THEN 'published' WHEN x < 9750 THEN 'failed'
                          WHEN x < 9900 THEN 'cancelled' WHEN x < 9995 THEN 'scheduled'
                          ELSE 'publishing' END AS st) AS s,
     LATERAL (SELECT CASE WHEN st = 'scheduled' AND x % 10 <> 0
                          THEN now() + (x % 90) * interval '1 day'
                          ELSE p.created_at + interval '1 day' END AS sched) AS sc
WHERE p.status = 'approved' OR x >= 9600;

UPDATE publication SET lease_until = now() - interval '1 hour' WHERE status = 'publishing';
""",
}


def sizes(scale: float) -> dict[str, int]:
    """The seed's row counts at ``scale`` (1.0: the audit's)."""
    full = {
        "big_group": 50_000,
        "group": 100,
        "big_batch": 300_000,
        "second_batch": 700_000,
        "batch": 1_000,
        "posts": 200_000,
    }
    return {name: max(1, round(count * scale)) for name, count in full.items()}


def _tasks(members: int) -> int:
    # A fifth of the members have left; each current one has 5 tasks.
    return 5 * (members - members // 5)


# A call of the service's own code on a session, sending the statement under test.
Call = Callable[[AsyncSession], Awaitable[object]]


@dataclass(frozen=True)
class Read:
    label: str
    database: str
    big: tuple[str, Call]
    small: tuple[str, Call]
    # Which of the statements the call sends is the one under test (plan_with_values' left out).
    nth: int = 0
    # An UPDATE: every execution is rolled back, and the database vacuumed between blocks.
    writes: bool = False


def tasks_of(group: int) -> Call:
    async def call(session: AsyncSession) -> None:
        repo = TaskRepository(session, BIG_WORKSPACE)
        # The first page, as GET /v1/tasks?group_id= asks for it (community_svc.tasks.router).
        page = PageParams(limit=DEFAULT_LIMIT, cursor=None)
        await repo.paginate_by_due(repo.list_tasks(group_id=uuid.UUID(GROUP.format(group))), page)

    return call


def calendar_of(workspace: str) -> Call:
    async def call(session: AsyncSession) -> None:
        # A week's calendar with every channel, as content_svc.calendar.service asks for it.
        end = datetime.now(UTC)
        repo = CalendarRepository(session, workspace)
        await repo.publications_between(end - timedelta(days=7), end, None, MAX_ITEMS + 1)

    return call


def campaign_stats_of(campaign: int) -> Call:
    async def call(session: AsyncSession) -> None:
        repo = CampaignRepository(session, BIG_WORKSPACE)
        await repo.stats_numbers(uuid.UUID(CAMPAIGN.format(campaign)))

    return call


def batch_stats_of(batch: int) -> Call:
    async def call(session: AsyncSession) -> None:
        await CouponBatchRepository(session, BIG_WORKSPACE).batch_stats(
            uuid.UUID(BATCH.format(batch))
        )

    return call


def hand_over_at(ahead: timedelta) -> Call:
    async def call(session: AsyncSession) -> None:
        # The worker's poll plans it with its values in content_svc.publishing.service, around
        # the repository: the statement itself is the repository's.
        await PublishingRepository(session).hand_over_manual_due(datetime.now(UTC) + ahead)

    return call


# The worker's settings' defaults: how many a poll claims, how many attempts a publication has.
_WORKER = ContentSettings.model_fields
WORKER_BATCH = int(_WORKER["worker_batch_size"].default)
WORKER_MAX_ATTEMPTS = int(_WORKER["publish_max_attempts"].default)
PollStatement = Callable[[PublishingRepository, datetime], Awaitable[object]]
POLL_STATEMENTS: dict[str, PollStatement] = {
    "due_not_approved": lambda repo, now: repo.due_not_approved(now, WORKER_BATCH),
    "expired_without_attempts_left": lambda repo, now: repo.expired_without_attempts_left(
        now, WORKER_MAX_ATTEMPTS, WORKER_BATCH
    ),
    "claim_due": lambda repo, now: repo.claim_due(
        now, now + timedelta(minutes=5), WORKER_BATCH, WORKER_MAX_ATTEMPTS
    ),
}


def poll_at(statement: PollStatement, ahead: timedelta) -> Call:
    """One of the worker's other poll statements (content_svc.publishing.service's claim), as
    its repository builds it for a poll ``ahead`` of now."""

    async def call(session: AsyncSession) -> None:
        await statement(PublishingRepository(session), datetime.now(UTC) + ahead)

    return call


def reads(size: dict[str, int]) -> list[Read]:
    group, big_group = size["group"], size["big_group"]
    workspace_codes = size["big_batch"] + size["second_batch"] + 19 * size["batch"]
    later = timedelta(days=90)
    return [
        Read(
            "community-svc: a group's tasks (`/v1/tasks?group_id=`)",
            "community",
            (f"group 0, {_tasks(big_group):,} tasks", tasks_of(0)),
            (f"group 5, {_tasks(group):,} tasks", tasks_of(5)),
        ),
        Read(
            "content-svc: the calendar (`publications_between`), a week",
            "content",
            ("ws-big, 90% of the publications", calendar_of(BIG_WORKSPACE)),
            ("ws-s20, 2% of them", calendar_of("ws-s20")),
        ),
        Read(
            "campaign-svc: a campaign's stats, the codes issued",
            "campaign",
            (
                f"campaign 0, {size['big_batch']:,} codes of the workspace's {workspace_codes:,}",
                campaign_stats_of(0),
            ),
            (f"campaign 5, {size['batch']:,} codes", campaign_stats_of(5)),
            nth=1,  # after the batch totals
        ),
        Read(
            "campaign-svc: a batch's stats, the codes (`batch_stats`)",
            "campaign",
            (f"batch 0, {size['big_batch']:,} codes", batch_stats_of(0)),
            (f"batch 5, {size['batch']:,} codes", batch_stats_of(5)),
        ),
        Read(
            "content-svc: the publisher worker's hand-over (`hand_over_manual_due`)",
            "content",
            # The statement's only value that varies is the poll's time: a poll 90 days ahead
            # finds every scheduled publication due, as one after a long stop would.
            ("a poll 90 days ahead, every scheduled one due", hand_over_at(timedelta(days=90))),
            ("a poll now, a tenth of them due", hand_over_at(timedelta(0))),
            writes=True,
        ),
        *(
            Read(
                f"content-svc: the publisher worker's `{name}`",
                "content",
                ("a poll 90 days ahead, every scheduled one due", poll_at(statement, later)),
                ("a poll now, a tenth of them due", poll_at(statement, timedelta(0))),
                writes=name == "claim_due",
            )
            for name, statement in POLL_STATEMENTS.items()
        ),
    ]


class _Sent(Exception):
    """The statement under test, caught on its way to the database."""

    def __init__(self, statement: ClauseElement) -> None:
        super().__init__()
        self.statement = statement


class _NoRows:
    def one(self) -> None:
        return None


class _Recorder:
    """Stands in for the session a repository is built with: lets the statements before the
    ``nth`` pass (answering nothing) and stops the call at it, so the statement measured is the
    one the service's code builds, not a copy of its SQL."""

    def __init__(self, nth: int) -> None:
        self.info: dict[str, object] = {}  # where servicekit.db looks for a reads-only session
        self._before = nth

    async def execute(self, statement: ClauseElement, *_: object, **__: object) -> _NoRows:
        if isinstance(statement, TextClause):  # plan_with_values' set_config
            return _NoRows()
        if self._before == 0:
            raise _Sent(statement)
        self._before -= 1
        return _NoRows()

    scalar = execute
    scalars = execute


async def sent_statement(read: Read, call: Call, dialect: Dialect) -> tuple[str, list[Any]]:
    """The SQL the driver gets from ``call`` ($n parameters, as asyncpg prepares it) and its
    parameters in order."""
    try:
        await call(cast(AsyncSession, _Recorder(read.nth)))
    except _Sent as sent:
        # An IN list's values as parameters of their own, as SQLAlchemy sends them.
        compiled = cast(
            SQLCompiler,
            sent.statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True}),
        )
        return compiled.string, [compiled.params[name] for name in compiled.positiontup or ()]
    raise RuntimeError(f"{read.label}: the service's code sent fewer statements than expected")


def _literal(value: object) -> str:
    # EXECUTE's arguments as untyped literals: each becomes its parameter's type, as a value
    # bound by the driver does (str of a StrEnum is its value, of a datetime one PostgreSQL reads).
    return "NULL" if value is None else "'" + str(value).replace("'", "''") + "'"


@asynccontextmanager
async def _rolled_back(conn: Any) -> AsyncIterator[None]:
    transaction = conn.transaction()
    await transaction.start()
    try:
        yield
    finally:
        await transaction.rollback()


async def execution_ms(conn: Any, statement: Any, args: list[Any]) -> float:
    """Server execution time of one run of the prepared ``statement`` with ``args``."""
    explain = (
        f'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) EXECUTE "{statement.get_name()}"'
        f"({', '.join(_literal(a) for a in args)})"
    )
    async with _rolled_back(conn):
        plan = json.loads(await conn.fetchval(explain))
    return float(plan[0]["Execution Time"])


async def generic_plans(conn: Any, sql: str, calls: list[list[Any]]) -> int:
    """How many of ``calls`` (each a statement's arguments) PostgreSQL ran with a generic plan,
    on a statement prepared afresh, as the driver sends them, under ``plan_cache_mode = auto``."""
    await conn.execute("SET plan_cache_mode = auto")
    statement = await conn.prepare(sql)
    for args in calls:
        async with _rolled_back(conn):
            await statement.fetch(*args)
    count = await conn.fetchval(
        "SELECT generic_plans FROM pg_prepared_statements WHERE name = $1", statement.get_name()
    )
    return int(count)


@dataclass
class Result:
    read: Read
    ms: dict[tuple[str, str], float]  # (mode, size) → median
    generic: dict[str, int]  # AUTO_RUNS label → generic plans of 8


async def measure(read: Read, conn: Any, dialect: Dialect, runs: int, show_sql: bool) -> Result:
    sql, big = await sent_statement(read, read.big[1], dialect)
    small_sql, small = await sent_statement(read, read.small[1], dialect)
    if small_sql != sql:
        raise RuntimeError(f"{read.label}: big and small are different statements")
    args = {"big": big, "small": small}
    if show_sql:
        print(f"-- {read.label}\n{sql}\n-- big: {big}\n-- small: {small}\n", file=sys.stderr)
    ms = {}
    for mode in MODES:
        await conn.execute(f"SET plan_cache_mode = {mode}")
        statement = await conn.prepare(sql)
        for size in SIZES:
            if read.writes:  # the rolled-back updates' dead rows out of the way
                await conn.execute("VACUUM")
            times = [await execution_ms(conn, statement, args[size]) for _ in range(runs + 1)]
            ms[mode, size] = statistics.median(times[1:])
    generic = {}
    for label, sequence in AUTO_RUNS.items():
        if read.writes:
            await conn.execute("VACUUM")
        generic[label] = await generic_plans(conn, sql, [args[size] for size in sequence])
    return Result(read, ms, generic)


def _ms(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def table(results: list[Result]) -> str:
    lines = [
        "| read | big: custom → generic, ms | small: custom → generic, ms | "
        f"auto: generic plans of 8 ({' / '.join(AUTO_RUNS)}) |",
        "|---|---:|---:|---|",
    ]
    for r in results:
        cells = [f"{_ms(r.ms[MODES[0], s])} → {_ms(r.ms[MODES[1], s])}" for s in SIZES]
        auto = " / ".join(str(r.generic[label]) for label in AUTO_RUNS)
        lines.append(f"| {r.read.label} | {cells[0]} | {cells[1]} | {auto} |")
    lines.append("")
    for r in results:
        lines.append(f"- {r.read.label}: big = {r.read.big[0]}; small = {r.read.small[0]}")
    return "\n".join(lines)


async def seed(urls: dict[str, str], size: dict[str, int]) -> None:
    for database, script in SEED.items():
        started = time.perf_counter()
        conn = await asyncpg.connect(urls[database])
        try:
            await conn.execute(Template(script).substitute(size))
            await conn.execute("VACUUM ANALYZE")
        finally:
            await conn.close()
        print(f"seeded {database} in {time.perf_counter() - started:.1f} s", file=sys.stderr)


async def run(urls: dict[str, str], scale: float, runs: int, show_sql: bool) -> None:
    size = sizes(scale)
    await seed(urls, size)
    # The services' engines are made from these URLs (servicekit.db.Database): their dialect,
    # postgresql+asyncpg, compiles the statements. The engine itself never connects.
    engine = create_async_engine(async_url(urls["content"]))
    conns: dict[str, Any] = {}
    try:
        for database, url in urls.items():
            conns[database] = await asyncpg.connect(url)
        version = await conns["content"].fetchval("SHOW server_version")
        results = []
        for read in reads(size):
            conn = conns[read.database]
            results.append(await measure(read, conn, engine.dialect, runs, show_sql))
            print(f"measured {read.label}", file=sys.stderr)
    finally:
        for conn in conns.values():
            await conn.close()
        await engine.dispose()
    print(
        f"PostgreSQL {version}, --scale {scale}; server execution time of the prepared statement, "
        f"median of {runs} EXPLAIN ANALYZE runs, under plan_cache_mode = force_custom_plan "
        "(custom) and force_generic_plan (generic). Under auto the first five executions are "
        "always custom: 3 generic plans of 8 means PostgreSQL kept the generic one from the "
        "sixth.\n"
    )
    print(table(results))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: the audit's row counts")
    parser.add_argument("--runs", type=int, default=5, help="EXPLAIN ANALYZE runs per median")
    parser.add_argument("--sql", action="store_true", help="print each statement (stderr)")
    args = parser.parse_args()
    if args.scale <= 0 or args.runs < 1:
        parser.error("--scale must be above 0 and --runs at least 1")
    suffix = uuid.uuid4().hex[:8]
    names = {database: f"bench_plans_{database}_{suffix}" for database in SEED}
    try:
        urls = {}
        for database, name in names.items():
            urls[database] = create_test_database(args.server, name)
            upgrade_head(ROOT / "services" / f"{database}-svc" / "alembic.ini", urls[database])
        asyncio.run(run(urls, args.scale, args.runs, args.sql))
    finally:
        for name in names.values():
            drop_test_database(args.server, name)


if __name__ == "__main__":
    main()
