"""The server URL of a channel's Official Account, through the service app: the platform's echo
check, and pushes in plain and safe mode, each taken once; refused calls store nothing."""

# Chinese text keeps its full-width punctuation, as the people who write it do.
# ruff: noqa: RUF001

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from content_svc.inbox.models import InboxMessage, InboxThread
from content_svc.models import OutboxEvent
from content_svc.wechat.models import WeChatInbound
from content_svc.wechat.signature import sign
from content_svc.wechat.testserver import (
    Account,
    LocalWeChat,
    echo_query,
    follow_event,
    push,
    text_message,
)
from content_svc.wechat.xmlcodec import build_xml
from servicekit.testing.headers import WORKSPACE_A, WORKSPACE_B

from ..helpers import assert_problem

FOLLOWER = "oFollower0000000000000000001"
XML = {"Content-Type": "text/xml"}


@pytest.fixture
def account() -> Account:
    return LocalWeChat().add_account()


def channel_body(account: Account, *, safe_mode: bool = False) -> dict[str, Any]:
    wechat: dict[str, Any] = {
        "app_id": account.app_id,
        "app_secret": account.app_secret,
        "callback_token": account.callback_token,
        "thumb_media_id": account.thumb_media_id,
    }
    if safe_mode:
        wechat["encoding_aes_key"] = account.encoding_aes_key
    return {
        "platform": "wechat_oa",
        "name": "美妍研究所服务号",
        "handle": f"meiyan_{account.app_id[-6:]}",
        "wechat": wechat,
    }


async def connected(client: httpx.AsyncClient, account: Account, **kw: bool) -> str:
    r = await client.post("/v1/channels", json=channel_body(account, **kw))
    assert r.status_code == 201, r.text
    return str(r.json()["wechat"]["callback_path"])


@pytest.fixture
def platform(client_for: Callable[..., httpx.AsyncClient]) -> httpx.AsyncClient:
    """The platform's calls: the internal token (the gateway adds it), no workspace, no scope."""
    return client_for(None, ())


async def rows(db_session: AsyncSession, model: type[Any], **where: Any) -> list[Any]:
    stmt = select(model).filter_by(**where).order_by(model.created_at)
    return list((await db_session.scalars(stmt)).all())


async def count(db_session: AsyncSession, model: type[Any]) -> int:
    return int(await db_session.scalar(select(func.count()).select_from(model)) or 0)


async def test_the_echo_check_answers_echostr_when_signed(
    client: httpx.AsyncClient, platform: httpx.AsyncClient, account: Account
) -> None:
    path = await connected(client, account)
    r = await platform.get(path, params=echo_query(account.callback_token, "5717894392384"))
    assert r.status_code == 200
    assert r.text == "5717894392384"
    assert r.headers["content-type"].startswith("text/plain")


async def test_the_echo_check_with_another_token_is_403(
    client: httpx.AsyncClient, platform: httpx.AsyncClient, account: Account
) -> None:
    path = await connected(client, account)
    r = await platform.get(path, params=echo_query("someoneElsesToken"))
    assert_problem(r, 403)
    assert "`signature` does not match" in r.json()["detail"]
    assert "5717894392384" not in r.text


async def test_a_signed_text_message_lands_once_in_the_inbox_as_the_followers_thread(
    client: httpx.AsyncClient,
    platform: httpx.AsyncClient,
    account: Account,
    db_session: AsyncSession,
) -> None:
    path = await connected(client, account)
    channel_id = path.split("/")[3]
    fields = text_message(FOLLOWER, "请问双十一的满减券怎么领？", msg_id="24789301527640815")
    for _ in range(3):  # the platform re-sends a push it thinks unanswered, up to three times
        query, body = push(account, fields)
        r = await platform.post(path, params=query, content=body, headers=XML)
        assert r.status_code == 200, r.text
        assert r.text == "success"

    [taken] = await rows(db_session, WeChatInbound)
    assert (taken.workspace_id, str(taken.channel_id)) == (WORKSPACE_A, channel_id)
    assert (taken.from_openid, taken.msg_type, taken.msg_id) == (
        FOLLOWER,
        "text",
        "24789301527640815",
    )
    assert taken.fields["Content"] == "请问双十一的满减券怎么领？"
    # The engagement inbox holds it, in the follower's private thread, waiting for an answer.
    [message] = await rows(db_session, InboxMessage)
    assert (message.workspace_id, str(message.channel_id)) == (WORKSPACE_A, channel_id)
    assert (message.external_message_id, message.author_id) == ("24789301527640815", FOLLOWER)
    assert message.text == "请问双十一的满减券怎么领？"
    assert message.received_at == taken.sent_at
    [thread] = await rows(db_session, InboxThread)
    assert (thread.kind, thread.external_thread_id, thread.status) == ("message", FOLLOWER, "open")
    # Counted once, by the inbox (metrics `message`), not a second time by the callback.
    [event] = await rows(db_session, OutboxEvent, event_type="inbox.message_received")
    assert event.workspace_id == WORKSPACE_A
    assert await rows(db_session, OutboxEvent, event_type="wechat.message_received") == []


async def test_follows_and_unfollows_become_follow_and_unfollow_events(
    client: httpx.AsyncClient,
    platform: httpx.AsyncClient,
    account: Account,
    db_session: AsyncSession,
) -> None:
    path = await connected(client, account)
    for fields in (
        follow_event("oNewFollower00000000000000001", scene="K7M2QX9D"),
        follow_event("oLeaving000000000000000000001", subscribe=False),
    ):
        query, body = push(account, fields)
        assert (await platform.post(path, params=query, content=body)).status_code == 200

    [follow] = await rows(db_session, OutboxEvent, event_type="wechat.followed")
    assert follow.payload["actor_id"] == "oNewFollower00000000000000001"
    assert follow.payload["scene"] == "K7M2QX9D"
    [unfollow] = await rows(db_session, OutboxEvent, event_type="wechat.unfollowed")
    assert unfollow.payload["actor_id"] == "oLeaving000000000000000000001"
    assert "scene" not in unfollow.payload
    assert await count(db_session, WeChatInbound) == 2


async def test_the_channels_workspace_is_the_pushes_whatever_headers_come_along(
    client: httpx.AsyncClient,
    client_for: Callable[..., httpx.AsyncClient],
    account: Account,
    db_session: AsyncSession,
) -> None:
    path = await connected(client, account)
    query, body = push(account, text_message(FOLLOWER, "你好"))
    r = await client_for(WORKSPACE_B).post(path, params=query, content=body)
    assert r.status_code == 200
    [event] = await rows(db_session, OutboxEvent, event_type="inbox.message_received")
    assert event.workspace_id == WORKSPACE_A


async def test_a_push_with_a_bad_signature_is_403_and_stores_nothing(
    client: httpx.AsyncClient,
    platform: httpx.AsyncClient,
    account: Account,
    db_session: AsyncSession,
) -> None:
    path = await connected(client, account)
    events = await count(db_session, OutboxEvent)
    query, body = push(account, text_message(FOLLOWER, "伪造的消息"))
    for forged in (
        query | {"signature": sign("guessedToken", query["timestamp"], query["nonce"])},
        query | {"nonce": query["nonce"] + "1"},  # signed for another nonce
    ):
        r = await platform.post(path, params=forged, content=body)
        assert_problem(r, 403)
        assert "does not match" in r.json()["detail"]
    assert await count(db_session, WeChatInbound) == 0
    assert await count(db_session, OutboxEvent) == events


async def test_a_push_without_its_signature_is_422_naming_it(
    client: httpx.AsyncClient, platform: httpx.AsyncClient, account: Account
) -> None:
    path = await connected(client, account)
    query, body = push(account, text_message(FOLLOWER, "你好"))
    del query["signature"]
    r = await platform.post(path, params=query, content=body)
    assert_problem(r, 422)
    assert r.json()["errors"][0]["loc"] == ["query", "signature"]


async def test_a_safe_mode_push_is_decrypted_and_taken(
    client: httpx.AsyncClient,
    platform: httpx.AsyncClient,
    account: Account,
    db_session: AsyncSession,
) -> None:
    path = await connected(client, account, safe_mode=True)
    query, body = push(account, text_message(FOLLOWER, "加密的问候 🔐"), safe_mode=True)
    assert b"<Encrypt>" in body
    assert "加密".encode() not in body
    r = await platform.post(path, params=query, content=body, headers=XML)
    assert r.status_code == 200, r.text
    [taken] = await rows(db_session, WeChatInbound)
    assert taken.fields["Content"] == "加密的问候 🔐"
    [message] = await rows(db_session, InboxMessage)
    assert message.text == "加密的问候 🔐"


async def test_a_safe_mode_push_with_a_bad_msg_signature_is_403_and_stores_nothing(
    client: httpx.AsyncClient,
    platform: httpx.AsyncClient,
    account: Account,
    db_session: AsyncSession,
) -> None:
    path = await connected(client, account, safe_mode=True)
    query, body = push(account, text_message(FOLLOWER, "你好"), safe_mode=True)
    r = await platform.post(path, params=query | {"msg_signature": "0" * 40}, content=body)
    assert_problem(r, 403)
    assert "`msg_signature` does not match" in r.json()["detail"]
    assert await count(db_session, WeChatInbound) == 0


async def test_safe_mode_and_plain_mode_refuse_each_others_pushes(
    client: httpx.AsyncClient,
    platform: httpx.AsyncClient,
    account: Account,
    db_session: AsyncSession,
) -> None:
    safe = await connected(client, account, safe_mode=True)
    query, body = push(account, text_message(FOLLOWER, "明文"))
    r = await platform.post(safe, params=query, content=body)
    assert_problem(r, 400)
    assert "safe mode" in r.json()["detail"]

    other = LocalWeChat().add_account()
    plain = await connected(client, other)
    query, body = push(other, text_message(FOLLOWER, "密文"), safe_mode=True)
    r = await platform.post(plain, params=query, content=body)
    assert_problem(r, 400)
    assert "no EncodingAESKey" in r.json()["detail"]
    assert await count(db_session, WeChatInbound) == 0


async def test_a_safe_mode_push_for_another_account_is_400(
    client: httpx.AsyncClient, platform: httpx.AsyncClient, account: Account
) -> None:
    path = await connected(client, account, safe_mode=True)
    # Same key and token, encrypted for another AppID: the envelope says so.
    impostor = Account(**{**account.__dict__, "app_id": "wx0000000000000001"})
    query, body = push(impostor, text_message(FOLLOWER, "你好"), safe_mode=True)
    r = await platform.post(path, params=query, content=body)
    assert_problem(r, 400)
    assert "another AppID" in r.json()["detail"]


XXE = (
    b'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<xml><ToUserName>gh_3f1c9a7e2b84</ToUserName><FromUserName>oA</FromUserName>"
    b"<CreateTime>1765440000</CreateTime><MsgType>text</MsgType><Content>&x;</Content>"
    b"<MsgId>1</MsgId></xml>"
)


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (XXE, "DTD or entities"),
        (b"<xml><Content>unclosed</xml>", "not well-formed"),
        (build_xml({"ToUserName": "gh_1", "MsgType": "text"}), "the push has no"),
    ],
    ids=["xxe", "malformed", "not-a-push"],
)
async def test_a_signed_push_that_is_not_the_platforms_xml_is_400_and_stores_nothing(
    client: httpx.AsyncClient,
    platform: httpx.AsyncClient,
    account: Account,
    db_session: AsyncSession,
    body: bytes,
    why: str,
) -> None:
    path = await connected(client, account)
    query, _ = push(account, text_message(FOLLOWER, "x"))
    r = await platform.post(path, params=query, content=body, headers=XML)
    assert_problem(r, 400)
    assert why in r.json()["detail"]
    assert "root:" not in r.text  # nothing of /etc/passwd
    assert await count(db_session, WeChatInbound) == 0


async def test_an_oversized_push_is_413_and_stores_nothing(
    client: httpx.AsyncClient,
    platform: httpx.AsyncClient,
    account: Account,
    db_session: AsyncSession,
) -> None:
    path = await connected(client, account)
    query, body = push(account, text_message(FOLLOWER, "长" * 30_000))  # 90,000 bytes of text
    r = await platform.post(path, params=query, content=body)
    assert_problem(r, 413)
    assert "65,536 bytes" in r.json()["detail"]

    async def chunked() -> Any:  # no Content-Length: refused as the bytes pass the cap
        for start in range(0, len(body), 8192):
            yield body[start : start + 8192]

    r = await platform.post(path, params=query, content=chunked())
    assert_problem(r, 413)
    assert await count(db_session, WeChatInbound) == 0


async def test_an_unknown_or_unconnected_channel_is_404(
    client: httpx.AsyncClient, platform: httpx.AsyncClient, account: Account
) -> None:
    weibo = await client.post(
        "/v1/channels", json={"platform": "weibo", "name": "微博", "handle": "brand"}
    )
    unconnected = await client.post(
        "/v1/channels", json={"platform": "wechat_oa", "name": "订阅号", "handle": "sub"}
    )
    query, body = push(account, text_message(FOLLOWER, "你好"))
    for channel_id in (
        "6f2c1a9e-4b7d-4e0f-9a51-3c8d2e7f1b40",
        weibo.json()["id"],
        unconnected.json()["id"],
    ):
        r = await platform.post(f"/v1/wechat/{channel_id}/callback", params=query, content=body)
        assert_problem(r, 404)
        assert "No WeChat channel" in r.json()["detail"]


async def test_an_idempotency_key_on_a_push_is_ignored(
    client: httpx.AsyncClient,
    platform: httpx.AsyncClient,
    account: Account,
    db_session: AsyncSession,
) -> None:
    path = await connected(client, account)
    query, body = push(account, text_message(FOLLOWER, "你好"))
    r = await platform.post(path, params=query, content=body, headers={"Idempotency-Key": "k-1"})
    assert r.status_code == 200, r.text
    assert await count(db_session, WeChatInbound) == 1


async def test_one_push_delivered_several_times_at_once_is_taken_once(
    committed_client_for: Callable[..., httpx.AsyncClient], engine: AsyncEngine
) -> None:
    client = committed_client_for()
    account = LocalWeChat().add_account()
    path = await connected(client, account)
    query, body = push(account, text_message(FOLLOWER, "同时到达", msg_id="24789301527640999"))

    answers = await asyncio.gather(
        *(client.post(path, params=query, content=body) for _ in range(6))
    )

    assert [(r.status_code, r.text) for r in answers] == [(200, "success")] * 6
    channel_id = uuid.UUID(path.split("/")[3])
    async with AsyncSession(engine) as session:
        taken = await session.scalar(
            select(func.count())
            .select_from(WeChatInbound)
            .where(WeChatInbound.channel_id == channel_id)
        )
        events = await session.scalar(
            select(func.count())
            .select_from(OutboxEvent)
            .where(
                OutboxEvent.event_type == "inbox.message_received",
                OutboxEvent.payload["channel_id"].astext == str(channel_id),
            )
        )
    assert (taken, events) == (1, 1)
