"""Replies through the customer-service message API, against the local WeChat platform."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import AsyncIterator

import pytest

from content_svc.channels.models import Channel
from content_svc.publishing.egress import webhook_client
from content_svc.wechat.client import MemoryTokenStore, WeChatApi
from content_svc.wechat.models import WeChatAccount
from content_svc.wechat.replies import ReplyFailed, WeChatReplySender
from content_svc.wechat.testserver import Account, LocalWeChat, running_wechat

FOLLOWER = "oFollower0000000000000000001"
ANSWER = "您好，满减券在菜单「福利」里领取"  # noqa: RUF001 (Chinese punctuation)


def channel_of(account: Account, wechat: LocalWeChat) -> Channel:
    channel_id = uuid.uuid4()
    return Channel(
        id=channel_id,
        platform="wechat_oa",
        name="美妍研究所服务号",
        handle="meiyan_lab",
        wechat=WeChatAccount(
            channel_id=channel_id,
            app_id=account.app_id,
            app_secret=account.app_secret,
            callback_token=account.callback_token,
            api_base_url=wechat.url,
        ),
    )


@pytest.fixture
async def sender() -> AsyncIterator[WeChatReplySender]:
    async with webhook_client(2.0, allow_private=True) as http:
        yield WeChatReplySender(WeChatApi(http, MemoryTokenStore(), timeout_s=2.0))


async def test_a_reply_reaches_the_follower(wechat: LocalWeChat, sender: WeChatReplySender) -> None:
    account = wechat.add_account(followers=(FOLLOWER,))
    await sender.send(channel_of(account, wechat), FOLLOWER, ANSWER)
    assert wechat.sent == [{"touser": FOLLOWER, "msgtype": "text", "text": {"content": ANSWER}}]


async def test_an_expired_token_is_fetched_again_and_the_reply_sent_once(
    wechat: LocalWeChat, sender: WeChatReplySender
) -> None:
    account = wechat.add_account(followers=(FOLLOWER,))
    channel = channel_of(account, wechat)
    await sender.send(channel, FOLLOWER, "第一条")
    wechat.expire_tokens()
    await sender.send(channel, FOLLOWER, ANSWER)
    assert [m["text"]["content"] for m in wechat.sent] == ["第一条", ANSWER]
    assert [c.errcode for c in wechat.calls_to("message/custom/send")] == [0, 42001, 0]
    assert len(wechat.calls_to("token")) == 2


@pytest.mark.parametrize(
    ("errcode", "words"),
    [
        (45015, "more than 48 hours ago"),
        (45047, "too many customer-service messages in a row"),
        (48001, "not authorised for this API"),
    ],
)
async def test_a_refused_reply_says_why_and_that_resending_will_not_help(
    wechat: LocalWeChat, sender: WeChatReplySender, errcode: int, words: str
) -> None:
    account = wechat.add_account(followers=(FOLLOWER,))
    wechat.fail_next("message/custom/send", errcode)
    with pytest.raises(ReplyFailed) as refused:
        await sender.send(channel_of(account, wechat), FOLLOWER, ANSWER)
    assert refused.value.final
    assert words in str(refused.value)
    assert f"errcode {errcode}" in str(refused.value)
    assert wechat.sent == []


async def test_a_reply_to_someone_who_is_not_a_follower_is_refused(
    wechat: LocalWeChat, sender: WeChatReplySender
) -> None:
    account = wechat.add_account(followers=(FOLLOWER,))
    with pytest.raises(ReplyFailed, match="not a follower of this account"):
        await sender.send(channel_of(account, wechat), "oStranger000000000000000001", ANSWER)


async def test_an_unreachable_platform_is_worth_another_try(sender: WeChatReplySender) -> None:
    account = LocalWeChat().add_account()
    platform = LocalWeChat(url="http://127.0.0.1:1")  # nothing listens there
    with pytest.raises(ReplyFailed, match="WeChat token unreachable") as refused:
        await sender.send(channel_of(account, platform), FOLLOWER, ANSWER)
    assert not refused.value.final


async def test_neither_the_app_secret_nor_the_token_reaches_the_log(
    wechat: LocalWeChat, sender: WeChatReplySender, caplog: pytest.LogCaptureFixture
) -> None:
    account = wechat.add_account(followers=(FOLLOWER,))
    with caplog.at_level(logging.INFO, logger="httpx"):
        await sender.send(channel_of(account, wechat), FOLLOWER, ANSWER)
    lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert any("/cgi-bin/token" in line for line in lines)  # the calls are logged, blanked
    assert any("access_token=***" in line for line in lines)
    token = wechat.calls_to("message/custom/send")[0].query["access_token"]
    for line in lines:
        assert account.app_secret not in line
        assert token not in line


async def test_a_short_lived_token_is_renewed_before_the_platform_refuses_it(
    sender: WeChatReplySender,
) -> None:
    with running_wechat(token_ttl_s=1) as platform:  # the token lives one second
        account = platform.add_account(followers=(FOLLOWER,))
        channel = channel_of(account, platform)
        await sender.send(channel, FOLLOWER, "第一条")
        await asyncio.sleep(1.1)  # past its end: the platform would answer 42001
        await sender.send(channel, FOLLOWER, "第二条")
    assert len(platform.calls_to("token")) == 2
    assert [c.errcode for c in platform.calls_to("message/custom/send")] == [0, 0]
