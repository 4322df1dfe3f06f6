"""The ``wechat_oa`` publisher in the real worker, against the local WeChat platform over HTTP
and real PostgreSQL: drafted, then published; an access token the platform refuses is fetched
again once and the call retried; the platform's error codes become last_errors an operator can
act on; a publish job still running is looked at again, never submitted twice."""

# Chinese text keeps its full-width punctuation, as the people who write it do.
# ruff: noqa: RUF001

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from content_svc.models import OutboxEvent
from content_svc.publishing.egress import webhook_client
from content_svc.wechat.client import ApiAccount, MemoryTokenStore, WeChatApi
from content_svc.wechat.models import WeChatPublish
from content_svc.wechat.testserver import LocalWeChat, article_url
from servicekit.models import utcnow

from .conftest import MakeWorker, Seed, another_publication, load


async def test_a_publication_is_drafted_then_published(
    wechat: LocalWeChat, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    account = wechat.add_account()
    seeded = await seed(account, title="双十一护肤清单：三款平价面霜实测")

    assert await make_worker().run_once() == 1

    publication = await load(engine, seeded.publication_id)
    assert publication.status == "published", publication.last_error
    assert publication.attempts == 1
    [(publish_id, job)] = wechat.jobs.items()
    assert (publication.external_id, publication.url) == (
        job.article_id,
        article_url(job.article_id),
    )
    [draft] = wechat.calls_to("draft/add")
    [article] = draft.body["articles"]
    assert article["title"] == "双十一护肤清单：三款平价面霜实测"
    assert article["digest"] == "三位职场妈妈 28 天实测"
    assert article["thumb_media_id"] == account.thumb_media_id
    # The Markdown body as HTML.
    assert "<h2>为什么选这三款</h2>" in article["content"]
    assert "<strong>3 位</strong>" in article["content"]
    [submit] = wechat.calls_to("freepublish/submit")
    assert submit.body == {"media_id": job.media_id}
    # Asked while it was publishing, then once more when it was done.
    assert [c.body for c in wechat.calls_to("freepublish/get")] == [{"publish_id": publish_id}] * 2
    assert len(wechat.calls_to("token")) == 1
    async with AsyncSession(engine) as session:
        event = (
            await session.scalars(
                select(OutboxEvent).where(
                    OutboxEvent.workspace_id == seeded.workspace_id,
                    OutboxEvent.event_type == "publication.published",
                )
            )
        ).one()
    assert event.payload["url"] == publication.url
    assert event.payload["platform"] == "wechat_oa"


async def test_an_expired_token_is_fetched_again_once_and_the_call_retried(
    wechat: LocalWeChat, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    account = wechat.add_account()
    seeded = await seed(account)
    worker = make_worker()
    assert await worker.run_once() == 1
    assert len(wechat.calls_to("token")) == 1

    wechat.expire_tokens()  # the worker still holds the token: the platform now says 42001
    second = await another_publication(engine, seeded)
    assert await worker.run_once() == 1

    publication = await load(engine, second)
    assert publication.status == "published", publication.last_error
    assert publication.attempts == 1
    assert len(wechat.calls_to("token")) == 2
    assert [c.errcode for c in wechat.calls_to("draft/add")] == [0, 42001, 0]


async def test_a_token_refused_again_after_the_one_retry_fails_the_attempt(
    wechat: LocalWeChat, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    account = wechat.add_account()
    seeded = await seed(account)
    wechat.fail_next("draft/add", 40001, times=2)

    assert await make_worker().run_once() == 1

    publication = await load(engine, seeded.publication_id)
    assert [c.errcode for c in wechat.calls_to("draft/add")] == [40001, 40001]
    assert len(wechat.calls_to("token")) == 2  # the first, and the one fetched for the retry
    assert publication.status == "failed"
    assert publication.last_error is not None
    assert "WeChat draft/add failed: the AppSecret is wrong" in publication.last_error
    assert "errcode 40001" in publication.last_error


async def test_the_token_is_renewed_before_it_ends_and_not_long_before(
    wechat: LocalWeChat,
) -> None:
    account = wechat.add_account()
    now = [utcnow()]
    async with webhook_client(2.0, allow_private=True) as http:
        api = WeChatApi(http, MemoryTokenStore(), clock=lambda: now[0])
        who = ApiAccount(uuid.uuid4(), account.app_id, account.app_secret, wechat.url)
        send = {
            "touser": "oFollower0000000000000000001",
            "msgtype": "text",
            "text": {"content": "1"},
        }
        await api.call(who, "message/custom/send", send)
        now[0] += timedelta(seconds=3600)  # half its life: kept
        await api.call(who, "message/custom/send", send)
        assert len(wechat.calls_to("token")) == 1
        now[0] += timedelta(seconds=3600 - 200)  # within the last 300 s: renewed first
        await api.call(who, "message/custom/send", send)
    assert len(wechat.calls_to("token")) == 2
    assert [c.errcode for c in wechat.calls_to("message/custom/send")] == [0, 0, 0]


async def test_workers_share_one_token_through_the_database(
    wechat: LocalWeChat, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    account = wechat.add_account()
    seeded = await seed(account)
    assert await make_worker().run_once() == 1
    await another_publication(engine, seeded)
    assert await make_worker().run_once() == 1  # another process: the token is in the row
    assert len(wechat.calls_to("token")) == 1
    assert len(wechat.calls_to("draft/add")) == 2


@pytest.mark.parametrize(
    ("api", "errcode", "words"),
    [
        ("token", 40164, "203.0.113.7 is not on the account's IP whitelist"),
        ("draft/add", 45009, "daily quota for this API; it resets at midnight Beijing time"),
        ("draft/add", 48001, "not authorised for this API"),
        ("draft/add", 40007, "thumb_media_id is not a permanent image material"),
        ("freepublish/submit", 53503, "did not pass the platform's publishing check"),
    ],
)
async def test_a_refusal_only_a_person_can_fix_fails_the_publication_with_what_to_do(
    wechat: LocalWeChat,
    seed: Seed,
    make_worker: MakeWorker,
    engine: AsyncEngine,
    api: str,
    errcode: int,
    words: str,
) -> None:
    account = wechat.add_account()
    seeded = await seed(account)
    wechat.fail_next(api, errcode)

    assert await make_worker().run_once() == 1

    publication = await load(engine, seeded.publication_id)
    assert publication.status == "failed"
    assert publication.attempts == 1  # not retried: it would only repeat
    assert publication.last_error is not None
    assert f"WeChat {api} failed: " in publication.last_error
    assert words in publication.last_error
    assert f"errcode {errcode}" in publication.last_error
    assert not wechat.jobs
    async with AsyncSession(engine) as session:  # a manual retry starts from a new draft
        stored = await session.scalar(
            select(WeChatPublish).where(WeChatPublish.publication_id == seeded.publication_id)
        )
    assert stored is None


async def test_a_busy_platform_is_retried_later(
    wechat: LocalWeChat, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    account = wechat.add_account()
    seeded = await seed(account)
    wechat.fail_next("freepublish/submit", -1, "system error")
    worker = make_worker()

    assert await worker.run_once() == 1
    publication = await load(engine, seeded.publication_id)
    assert publication.status == "scheduled"
    assert publication.last_error is not None
    assert "the WeChat platform is busy" in publication.last_error

    assert await worker.run_once() == 1
    publication = await load(engine, seeded.publication_id)
    assert publication.status == "published", publication.last_error
    # The draft made by the first attempt was submitted again, not drafted again.
    assert len(wechat.calls_to("draft/add")) == 1
    assert [c.errcode for c in wechat.calls_to("freepublish/submit")] == [-1, 0]


async def test_a_publish_job_still_running_is_looked_at_again_never_submitted_twice(
    wechat: LocalWeChat, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    account = wechat.add_account()
    seeded = await seed(account)
    wechat.publish_polls = 1_000_000  # the platform's review takes its time
    worker = make_worker(wechat_publish_wait_s=0.4)

    assert await worker.run_once() == 1
    publication = await load(engine, seeded.publication_id)
    [(publish_id, job)] = wechat.jobs.items()
    assert publication.status == "scheduled"
    assert publication.last_error == (
        f"WeChat had not finished publishing after 0.4 s (publish job {publish_id}); the next "
        "attempt looks again and does not publish twice"
    )

    job.polls_left = 0  # the review is done
    assert await worker.run_once() == 1
    publication = await load(engine, seeded.publication_id)
    assert publication.status == "published", publication.last_error
    assert publication.url == article_url(job.article_id)
    assert len(wechat.calls_to("draft/add")) == 1
    assert len(wechat.calls_to("freepublish/submit")) == 1


async def test_a_publish_job_the_platform_rejects_fails_the_publication(
    wechat: LocalWeChat, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    account = wechat.add_account()
    seeded = await seed(account)
    wechat.publish_status = 4

    assert await make_worker().run_once() == 1

    publication = await load(engine, seeded.publication_id)
    assert publication.status == "failed"
    assert publication.last_error is not None
    assert "the platform's review rejected the article" in publication.last_error


async def test_a_channel_without_a_cover_fails_at_once_saying_how_to_set_one(
    wechat: LocalWeChat, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    account = wechat.add_account()
    seeded = await seed(account, thumb=False)

    assert await make_worker().run_once() == 1

    publication = await load(engine, seeded.publication_id)
    assert publication.status == "failed"
    assert publication.last_error is not None
    assert "wechat.thumb_media_id" in publication.last_error
    assert wechat.calls == []


async def test_a_piece_without_a_body_fails_at_once_saying_what_to_write(
    wechat: LocalWeChat, seed: Seed, make_worker: MakeWorker, engine: AsyncEngine
) -> None:
    account = wechat.add_account()
    seeded = await seed(account, body="  \n")

    assert await make_worker().run_once() == 1

    publication = await load(engine, seeded.publication_id)
    assert publication.status == "failed"
    assert publication.last_error is not None
    assert "no body and WeChat publishes no empty article" in publication.last_error
    assert wechat.calls == []
