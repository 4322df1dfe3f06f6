"""A WeChat Official Account both ways, end to end through the gateway, against the local WeChat
platform (content_svc.wechat.testserver) on 127.0.0.1: the platform's echo check and pushes
reach content-svc without a MediaOps token, a push with a bad signature stores nothing, follows
become follower growth in metrics-svc, and a publication to the channel is drafted and published
by the publisher worker, with an expired access token fetched again once and the call retried."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from content_svc.wechat.signature import sign
from content_svc.wechat.testserver import (
    Account,
    LocalWeChat,
    article_url,
    echo_query,
    follow_event,
    push,
    running_wechat,
    text_message,
)

from .helpers import eventually, ok
from .stack import Stack
from .test_publishing import approve, draft_post
from .test_relay import query

FOLLOWER = "oFollower0000000000000000001"


@pytest.fixture
def wechat() -> Iterator[LocalWeChat]:
    with running_wechat() as platform:
        yield platform


@pytest.fixture
def publisher(stack: Stack) -> Iterator[None]:
    stack.start("publisher", wait=False)
    stack.wait_for_log("publisher", "publisher worker started")
    yield
    assert stack.stop("publisher") == 0


@pytest.fixture
def platform(stack: Stack) -> Iterator[httpx.Client]:
    """The platform's side of the callback: no token, no workspace."""
    with httpx.Client(base_url=stack.gateway, timeout=10.0) as client:
        yield client


def connect(api: httpx.Client, wechat: LocalWeChat, account: Account, **extra: Any) -> Any:
    return ok(
        api.post(
            "/v1/channels",
            json={
                "platform": "wechat_oa",
                "name": "美妍研究所服务号",
                "handle": f"meiyan-{uuid.uuid4().hex[:6]}",
                "publisher": {"kind": "wechat_oa"},
                "wechat": {
                    "app_id": account.app_id,
                    "app_secret": account.app_secret,
                    "callback_token": account.callback_token,
                    "encoding_aes_key": account.encoding_aes_key,
                    "api_base_url": wechat.url,
                    "thumb_media_id": account.thumb_media_id,
                },
            }
            | extra,
        ),
        201,
    )


def taken_pushes(stack: Stack, channel_id: str) -> int:
    rows = query(
        stack.database_urls["content"],
        "SELECT count(*) FROM wechat_inbound WHERE channel_id = :c",
        c=uuid.UUID(channel_id),
    )
    return int(rows[0][0])


def test_the_platforms_calls_reach_content_svc_without_a_token_and_forgeries_store_nothing(
    api: httpx.Client, stack: Stack, wechat: LocalWeChat, platform: httpx.Client
) -> None:
    account = wechat.add_account(followers=(FOLLOWER,))
    channel = connect(api, wechat, account)
    callback = channel["wechat"]["callback_path"]
    assert channel["wechat"]["safe_mode"] is True

    # The platform checks the server URL when an operator saves it.
    r = platform.get(callback, params=echo_query(account.callback_token, "6180339887"))
    assert (r.status_code, r.text) == (200, "6180339887")

    # A forged push: signed with a guessed token. A 4xx, nothing taken.
    query_, body = push(account, text_message(FOLLOWER, "伪造"), safe_mode=True)
    forged = query_ | {"signature": sign("guessed", query_["timestamp"], query_["nonce"])}
    r = platform.post(callback, params=forged, content=body, headers={"Content-Type": "text/xml"})
    assert r.status_code == 403, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert taken_pushes(stack, channel["id"]) == 0

    # The real ones, encrypted (safe mode): a message, sent twice as the platform re-sends it,
    # and two follows and an unfollow.
    message = text_message(FOLLOWER, "请问满减券怎么领", msg_id="24789301527640815")
    pushes = [
        message,
        message,
        follow_event("oNewFollower00000000000000001", scene="K7M2QX9D"),
        follow_event("oNewFollower00000000000000002"),
        follow_event("oLeaving000000000000000000001", subscribe=False),
    ]
    for fields in pushes:
        query_, body = push(account, fields, safe_mode=True)
        r = platform.post(
            callback, params=query_, content=body, headers={"Content-Type": "text/xml"}
        )
        assert (r.status_code, r.text) == (200, "success")
    assert taken_pushes(stack, channel["id"]) == 4

    # The follower's message is in the engagement inbox, once, in their private thread; an
    # operator answers it there, the reply goes out by the customer-service API (the local
    # platform receives it) and the thread reads answered.
    [thread] = ok(api.get("/v1/inbox/threads", params={"channel_id": channel["id"]}))["items"]
    assert (thread["kind"], thread["status"], thread["message_count"]) == ("message", "open", 1)
    answer = "您好 满减券在活动页领取 下单自动抵扣"
    sent = ok(api.post(f"/v1/inbox/threads/{thread['id']}/replies", json={"text": answer}), 201)
    assert sent["reply"]["status"] == "sent", sent
    assert wechat.sent == [{"touser": FOLLOWER, "msgtype": "text", "text": {"content": answer}}]
    assert ok(api.get(f"/v1/inbox/threads/{thread['id']}"))["status"] == "answered"

    # Follows reach metrics-svc through the outbox relay: two in, one out.
    now = datetime.now(UTC)
    window = {
        "from": (now - timedelta(days=1)).isoformat(),
        "to": (now + timedelta(days=1)).isoformat(),
        "channel_id": channel["id"],
    }

    def growth() -> float:
        return float(
            ok(api.get("/v1/metrics/follower_growth", params=window))["series"][0]["total"]
        )

    eventually(growth, 1.0)


def test_an_unknown_channel_or_a_path_outside_the_callback_is_404_without_a_token(
    platform: httpx.Client, wechat: LocalWeChat
) -> None:
    account = wechat.add_account()
    query_, body = push(account, text_message(FOLLOWER, "你好"))
    r = platform.post(f"/v1/wechat/{uuid.uuid4()}/callback", params=query_, content=body)
    assert r.status_code == 404, r.text
    assert "No WeChat channel" in r.json()["detail"]
    r = platform.get(f"/v1/wechat/{uuid.uuid4()}/settings")
    assert r.status_code == 404
    assert platform.get("/v1/channels").status_code == 401  # everything else needs a token


def published(api: httpx.Client, publication_id: str, timeout_s: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while True:
        current: dict[str, Any] = ok(api.get(f"/v1/publications/{publication_id}"))
        if current["status"] in ("published", "failed"):
            return current
        assert time.monotonic() < deadline, f"still {current['status']}: {current}"
        time.sleep(0.2)


def publish(api: httpx.Client, channel_id: str, title: str) -> dict[str, Any]:
    post = draft_post(api, title)
    body = {"body": "## 为什么选这三款\n\n三位职场妈妈 **28 天**实测。"}
    ok(
        api.patch(
            f"/v1/posts/{post['id']}", json=body, headers={"If-Match": f'"{post["version"]}"'}
        )
    )
    approve(api, post["id"])
    body = {"post_id": post["id"], "channel_id": channel_id}
    created: dict[str, Any] = ok(api.post("/v1/publications", json=body), 201)
    return created


def test_a_publication_is_drafted_and_published_and_an_expired_token_is_fetched_again_once(
    api: httpx.Client, wechat: LocalWeChat, publisher: None
) -> None:
    account = wechat.add_account()
    channel = connect(api, wechat, account)

    first = published(api, publish(api, channel["id"], "双十一护肤清单")["id"])
    assert first["status"] == "published", first["last_error"]
    [job] = wechat.jobs.values()
    assert (first["url"], first["external_id"]) == (article_url(job.article_id), job.article_id)
    [draft] = wechat.calls_to("draft/add")
    [article] = draft.body["articles"]
    assert article["title"] == "双十一护肤清单"
    assert article["thumb_media_id"] == account.thumb_media_id
    assert "<strong>28 天</strong>" in article["content"]
    assert len(wechat.calls_to("freepublish/submit")) == 1

    wechat.expire_tokens()  # the worker's token is now refused with 42001
    second = published(api, publish(api, channel["id"], "平价面霜实测")["id"])
    assert second["status"] == "published", second["last_error"]
    assert second["attempts"] == 1
    assert len(wechat.calls_to("token")) == 2
    assert [c.errcode for c in wechat.calls_to("draft/add")] == [0, 42001, 0]


def test_a_refusal_of_the_platform_reads_as_what_to_do(
    api: httpx.Client, wechat: LocalWeChat, publisher: None
) -> None:
    account = wechat.add_account()
    channel = connect(api, wechat, account)
    wechat.fail_next("token", 40164)

    failed = published(api, publish(api, channel["id"], "白名单之外")["id"])
    assert failed["status"] == "failed"
    assert failed["attempts"] == 1
    assert "203.0.113.7 is not on the account's IP whitelist" in failed["last_error"]
    assert "errcode 40164" in failed["last_error"]
