"""A channel's WeChat Official Account through the channel API: connected with its AppID,
AppSecret and callback token, read without its secrets, changed field by field, and the
``wechat_oa`` publisher only where an account is."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content_svc.channels.models import Channel
from content_svc.wechat.models import WeChatAccount

from ..helpers import assert_problem, count_rows

APP_ID = "wx5f3a9c1e7b2d4068"
SECRET = "9c1e7b2d40685f3a9c1e7b2d40685f3a"
TOKEN = "meiyanLab2026"
AES_KEY = "q8Vw3nL0sT5yK2bR7fH1mZ4xC6vN9pJ0dG3aE8uW2tY"
WECHAT = {"app_id": APP_ID, "app_secret": SECRET, "callback_token": TOKEN}
CHANNEL = {"platform": "wechat_oa", "name": "美妍研究所服务号", "handle": "meiyan_lab"}


async def create(client: httpx.AsyncClient, **extra: Any) -> httpx.Response:
    return await client.post("/v1/channels", json=CHANNEL | extra)


async def test_a_connected_channel_reads_without_its_secrets(client: httpx.AsyncClient) -> None:
    r = await create(
        client,
        wechat=WECHAT | {"encoding_aes_key": AES_KEY, "thumb_media_id": "Lr1cW2Yq0cV8"},
        publisher={"kind": "wechat_oa"},
    )
    assert r.status_code == 201, r.text
    channel = r.json()
    assert channel["publisher"] == {"kind": "wechat_oa", "url": None, "has_secret": False}
    assert channel["wechat"] == {
        "app_id": APP_ID,
        "api_base_url": "https://api.weixin.qq.com",
        "thumb_media_id": "Lr1cW2Yq0cV8",
        "has_app_secret": True,
        "has_callback_token": True,
        "safe_mode": True,
        "callback_path": f"/v1/wechat/{channel['id']}/callback",
    }
    got = await client.get(f"/v1/channels/{channel['id']}")
    listed = await client.get("/v1/channels")
    # The reads answer the channel exactly as the write did, its account included.
    assert got.json() == channel
    assert [c for c in listed.json()["items"] if c["id"] == channel["id"]] == [channel]
    for secret in (SECRET, TOKEN, AES_KEY):
        assert secret not in r.text
        assert secret not in got.text
        assert secret not in listed.text


@pytest.mark.parametrize(
    ("body", "loc", "words"),
    [
        (
            {"platform": "weibo", "wechat": WECHAT},
            ["body", "wechat"],
            "only a wechat_oa channel",
        ),
        (
            {"wechat": {"app_id": APP_ID, "app_secret": SECRET}},
            ["body", "wechat", "callback_token"],
            "required",
        ),
        (
            {"publisher": {"kind": "wechat_oa"}},
            ["body", "publisher", "kind"],
            "needs the channel's",
        ),
        (
            {"platform": "weibo", "publisher": {"kind": "wechat_oa"}},
            ["body", "publisher", "kind"],
            "only a wechat_oa channel",
        ),
        (
            {"wechat": WECHAT | {"api_base_url": "http://127.0.0.1:8102/"}},
            ["body", "wechat", "api_base_url"],
            "loopback",
        ),
        (
            {"wechat": WECHAT | {"app_id": "gh_3f1c9a7e2b84"}},
            ["body", "wechat", "app_id"],
            "pattern",
        ),
        (
            {"wechat": WECHAT | {"encoding_aes_key": "too-short"}},
            ["body", "wechat", "encoding_aes_key"],
            "pattern",
        ),
        (
            {"wechat": WECHAT | {"callback_token": "有中文"}},
            ["body", "wechat", "callback_token"],
            "pattern",
        ),
    ],
)
async def test_a_bad_wechat_account_is_422_naming_the_field_and_stores_nothing(
    client: httpx.AsyncClient,
    db_session: AsyncSession,
    body: dict[str, Any],
    loc: list[str],
    words: str,
) -> None:
    r = await client.post("/v1/channels", json=CHANNEL | body)
    assert_problem(r, 422)
    error = r.json()["errors"][0]
    assert error["loc"] == loc
    assert words in error["msg"]
    assert await count_rows(db_session, Channel) == 0
    assert await count_rows(db_session, WeChatAccount) == 0


async def test_a_change_touches_the_fields_sent_and_keeps_the_secrets(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    channel = (await create(client, wechat=WECHAT)).json()
    url = f"/v1/channels/{channel['id']}"
    r = await client.patch(
        url, json={"wechat": {"thumb_media_id": "cover-2", "encoding_aes_key": AES_KEY}}
    )
    assert r.status_code == 200, r.text
    assert r.json()["version"] == channel["version"] + 1  # the account is part of the channel
    assert r.json()["wechat"]["thumb_media_id"] == "cover-2"
    assert r.json()["wechat"]["safe_mode"] is True
    account = (await db_session.scalars(select(WeChatAccount))).one()
    assert (account.app_secret, account.callback_token) == (SECRET, TOKEN)

    r = await client.patch(url, json={"wechat": {"encoding_aes_key": None}})
    assert r.json()["wechat"]["safe_mode"] is False
    r = await client.patch(url, json={"wechat": {"app_secret": None}})
    assert_problem(r, 422)
    assert r.json()["errors"][0]["loc"] == ["body", "wechat", "app_secret"]


async def test_a_new_app_secret_forgets_the_cached_access_token(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    channel = (await create(client, wechat=WECHAT)).json()
    account = (await db_session.scalars(select(WeChatAccount))).one()
    account.access_token = "cached-token"
    await db_session.flush()
    r = await client.patch(
        f"/v1/channels/{channel['id']}", json={"wechat": {"thumb_media_id": "cover-2"}}
    )
    assert r.status_code == 200
    await db_session.refresh(account)
    assert account.access_token == "cached-token"  # same credentials: still good
    r = await client.patch(
        f"/v1/channels/{channel['id']}", json={"wechat": {"app_secret": "n" * 32}}
    )
    assert r.status_code == 200
    await db_session.refresh(account)
    assert account.access_token is None


async def test_an_account_is_kept_while_the_channel_publishes_through_it(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    channel = (await create(client, wechat=WECHAT, publisher={"kind": "wechat_oa"})).json()
    url = f"/v1/channels/{channel['id']}"
    r = await client.patch(url, json={"wechat": None})
    assert_problem(r, 422)
    assert "switch the publisher" in r.json()["detail"]
    assert await count_rows(db_session, WeChatAccount) == 1

    r = await client.patch(url, json={"wechat": None, "publisher": {"kind": "manual"}})
    assert r.status_code == 200, r.text
    assert r.json()["wechat"] is None
    assert await count_rows(db_session, WeChatAccount) == 0


async def test_a_channel_connected_later_and_deleted_takes_its_account_along(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    channel = (await create(client)).json()
    assert channel["wechat"] is None
    url = f"/v1/channels/{channel['id']}"
    r = await client.patch(url, json={"wechat": WECHAT, "publisher": {"kind": "wechat_oa"}})
    assert r.status_code == 200, r.text
    assert r.json()["publisher"]["kind"] == "wechat_oa"
    assert (await client.delete(url)).status_code == 204
    assert await count_rows(db_session, WeChatAccount) == 0


async def test_a_channel_is_pointed_back_at_the_real_platform_with_a_null_api_base_url(
    client: httpx.AsyncClient,
) -> None:
    local = WECHAT | {"api_base_url": "https://93.184.215.14/wechat/"}
    channel = (await create(client, wechat=local)).json()
    assert channel["wechat"]["api_base_url"] == "https://93.184.215.14/wechat"  # no slash kept
    r = await client.patch(f"/v1/channels/{channel['id']}", json={"wechat": {"api_base_url": None}})
    assert r.status_code == 200, r.text
    assert r.json()["wechat"]["api_base_url"] == "https://api.weixin.qq.com"
