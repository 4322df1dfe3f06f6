"""The worker's poll reads a post per due publication, whatever plan PostgreSQL makes: its cost
follows what is due, not how many posts were ever written.

Joined to the post (or tested with EXISTS or IN, which PostgreSQL makes a join), the poll's
statements hashed every post of the database once a poll: PostgreSQL expects several times as
many due publications as there are and judges one pass over the posts cheaper than a look-up
each (bench/plans.py at 370,000 publications and 200,000 posts: 67-69 ms of PostgreSQL an idle
poll, every second, against 14-15). Checked on a database of its own, after ANALYZE, under
custom plans (what the worker asks for) and generic ones, with a control showing that a join is
hashed on this data."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from content_svc.channels.models import AUTOMATIC_PUBLISHERS, Channel
from content_svc.posts.models import Post, PostStatus
from content_svc.publications.models import Publication
from content_svc.publishing.repository import (
    PublishingRepository,
    _lease_expired,
    _scheduled_due,
)
from servicekit.backup import libpq_url
from servicekit.db import async_url
from servicekit.migrations import upgrade_head
from servicekit.testing import ServiceUnderTest
from servicekit.testing.plans import PlanMode, plan_nodes, plans_by_mode, sent_statements

WORKSPACE = "ws-poll-plans"
POSTS = 20_000
# One channel per publisher kind; 60% of the posts approved, three publications per post, nearly
# all published long ago, 1% scheduled (a tenth of those due), a few publishing.
SEED = (
    f"""
INSERT INTO channel (id, workspace_id, platform, name, handle, timezone, version,
    limit_overrides, prime_time_slots, publisher_kind, publisher_url, publisher_secret,
    created_at)
SELECT gen_random_uuid(), '{WORKSPACE}', CASE WHEN kind = 'wechat_oa' THEN kind ELSE 'weibo' END,
    kind, kind, 'Asia/Shanghai', 1, '{{}}', '[]',
    kind, CASE WHEN kind = 'webhook' THEN 'http://x' END,
    CASE WHEN kind = 'webhook' THEN 's' END, now() - interval '2 years'
FROM unnest(ARRAY['manual', 'webhook', 'wechat_oa']) AS kind
""",
    f"""
INSERT INTO post (id, workspace_id, title, body, summary, tags, media, status, version,
    created_at)
SELECT gen_random_uuid(), '{WORKSPACE}', 'post ' || i, '', '', '{{}}', '[]',
    CASE WHEN i % 10 < 6 THEN 'approved' WHEN i % 10 < 8 THEN 'archived' ELSE 'draft' END,
    1, now() - interval '700 days' + i * interval '30 minutes'
FROM generate_series(1, {POSTS}) AS i
""",
    f"""
INSERT INTO publication (id, workspace_id, post_id, channel_id, status, scheduled_at,
    next_attempt_at, attempts, delivery_id, tracking_code, created_at)
SELECT gen_random_uuid(), p.workspace_id, p.id, ch.id, s.status, s.at, s.at, 0,
    gen_random_uuid(), upper(lpad(to_hex(row_number() OVER ()), 8, '0')), p.created_at
FROM post AS p
CROSS JOIN generate_series(0, 2) AS k
JOIN LATERAL (
    SELECT id FROM channel WHERE workspace_id = '{WORKSPACE}' ORDER BY name OFFSET k LIMIT 1
) AS ch ON true
CROSS JOIN LATERAL (SELECT abs(hashtext(p.title || k)) % 1000 AS x) AS h
CROSS JOIN LATERAL (
    SELECT CASE WHEN h.x < 989 THEN 'published' WHEN h.x < 999 THEN 'scheduled'
                ELSE 'publishing' END AS status,
           CASE WHEN h.x BETWEEN 989 AND 997 THEN now() + (h.x - 988) * interval '1 day'
                ELSE p.created_at + interval '1 day' END AS at
) AS s
""",
    "ANALYZE",
)


def _post_reads(plan: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(node type, index, how it hangs from its parent) of every node reading ``post``."""
    return [
        (n["Node Type"], n.get("Index Name", ""), n.get("Parent Relationship", ""))
        for n in plan_nodes(plan)
        if n.get("Relation Name") == "post"
    ]


Poll = Callable[[AsyncSession, datetime], Awaitable[object]]
POLL: dict[str, Poll] = {
    "due_not_approved": lambda s, now: PublishingRepository(s).due_not_approved(now, 10),
    "claim_due": lambda s, now: PublishingRepository(s).claim_due(
        now, now + timedelta(minutes=5), 10, 5
    ),
    "hand_over_manual_due": lambda s, now: PublishingRepository(s).hand_over_manual_due(now),
}


async def _join_control(session: AsyncSession, now: datetime) -> None:
    """The claim's pick as the poll sent it before: joined to the post."""
    due = (
        select(Publication.id)
        .join(Channel, Channel.id == Publication.channel_id)
        .join(Post, Post.id == Publication.post_id)
        .where(
            Channel.publisher_kind.in_(AUTOMATIC_PUBLISHERS),
            Post.status == PostStatus.APPROVED,
            or_(
                _scheduled_due(now),
                and_(_lease_expired(now), Publication.attempts < 5),
            ),
        )
        .order_by(Publication.next_attempt_at)
        .limit(10)
        .with_for_update(of=Publication, skip_locked=True)
    )
    await session.execute(due)


async def _plans(url: str) -> dict[str, dict[PlanMode, dict[str, Any]]]:
    """Each poll statement's plan under each plan mode, and the join control's."""
    conn = await asyncpg.connect(url)
    engine = create_async_engine(async_url(url), pool_size=1)
    try:
        for statement in SEED:
            await conn.execute(statement)
        now = datetime.now(UTC)
        plans: dict[str, dict[PlanMode, dict[str, Any]]] = {}
        for name, call in (*POLL.items(), ("control", _join_control)):
            with sent_statements(engine) as sent:
                async with AsyncSession(engine) as session, session.begin():
                    await call(session, now)
                    await session.rollback()
            ((sql, arguments),) = [s for s in sent if "publication" in s[0]]
            plans[name] = await plans_by_mode(conn, sql, arguments)
        return plans
    finally:
        await engine.dispose()
        await conn.close()


# Sync: Alembic's env.py runs its own event loop, which cannot nest in the test's.
def test_each_poll_statement_looks_up_the_post_of_each_due_publication(
    scratch_database: Callable[[str], str], service_under_test: ServiceUnderTest
) -> None:
    url = scratch_database("content_poll_plans")
    upgrade_head(service_under_test.alembic_ini, url)
    plans = asyncio.run(_plans(libpq_url(url)))
    for name in POLL:
        for mode, plan in plans[name].items():
            reads = _post_reads(plan)
            assert reads, (name, mode)
            # Only by its primary key, once per row that reaches the check.
            assert all(r[1] == "pk_post" and r[2] == "SubPlan" for r in reads), (name, mode, reads)
            assert {r[0] for r in reads} <= {"Index Scan", "Index Only Scan"}, (name, mode, reads)
    # The control: on this data a join to the post reads every approved post to hash it, so
    # the database shows what the test guards against.
    control = _post_reads(plans["control"]["force_custom_plan"])
    seq_scans = [r for r in control if r[0] == "Seq Scan"]
    assert seq_scans, f"the seed no longer shows the join's scan of the posts: {control}"
