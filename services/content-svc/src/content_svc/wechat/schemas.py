"""A channel's WeChat Official Account, as the channel API writes and reads it."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field, StringConstraints

from content_svc.examples import CHANNEL_ID
from content_svc.wechat.models import DEFAULT_API_BASE_URL, WeChatAccount
from servicekit.bodies import RequestBody

AppId = Annotated[str, StringConstraints(pattern=r"^wx[0-9A-Za-z]{16}$")]
AppSecret = Annotated[str, StringConstraints(pattern=r"^[\x21-\x7e]{16,128}$")]
CallbackToken = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{3,32}$")]
EncodingAesKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{43}$")]
MediaId = Annotated[str, StringConstraints(pattern=r"^[\x21-\x7e]{1,200}$")]

CALLBACK_PATH = "/v1/wechat/{channel_id}/callback"

WRITE_EXAMPLE: dict[str, Any] = {
    "app_id": "wx5f3a9c1e7b2d4068",
    "app_secret": "9c1e7b2d40685f3a9c1e7b2d40685f3a",
    "callback_token": "meiyanLab2026",
    "encoding_aes_key": "q8Vw3nL0sT5yK2bR7fH1mZ4xC6vN9pJ0dG3aE8uW2tY",
    "thumb_media_id": "Lr1cW2Yq0cV8tS9Jd3oK7mX4nB6vQ2pZ5aE1uH8gF0s",
}


READ_EXAMPLE: dict[str, Any] = {
    "app_id": WRITE_EXAMPLE["app_id"],
    "api_base_url": DEFAULT_API_BASE_URL,
    "thumb_media_id": WRITE_EXAMPLE["thumb_media_id"],
    "has_app_secret": True,
    "has_callback_token": True,
    "safe_mode": True,
    "callback_path": CALLBACK_PATH.format(channel_id=CHANNEL_ID),
}


class WeChatAccountWrite(RequestBody):
    """The channel's WeChat Official Account: what the callback checks pushes with and what the
    API is called with.

    The first time a channel is connected, ``app_id``, ``app_secret`` and ``callback_token`` are
    required. Later, only the fields sent change: a secret left out is kept; ``null`` clears
    ``encoding_aes_key`` (back to plain mode) or ``thumb_media_id``. Secrets are never shown
    again (reads say ``has_app_secret`` …).
    """

    model_config = ConfigDict(json_schema_extra={"examples": [WRITE_EXAMPLE]})

    app_id: AppId | None = Field(
        None,
        description="The account's AppID (开发者ID), `wx` and 16 letters or digits, from the "
        "platform's 设置与开发 → 基本配置.",
    )
    app_secret: AppSecret | None = Field(
        None,
        description="The account's AppSecret (16 to 128 visible characters); write-only, kept to "
        "fetch access tokens. Omitted on a later change: the stored one is kept.",
    )
    callback_token: CallbackToken | None = Field(
        None,
        description="The Token (令牌) set in the account's server configuration, 3 to 32 letters "
        "or digits: every push is signed with it. Write-only.",
    )
    encoding_aes_key: EncodingAesKey | None = Field(
        None,
        description="The EncodingAESKey (消息加解密密钥), 43 letters and digits, for safe mode "
        "(安全模式): pushes must then be encrypted. Null or omitted on creation: plain mode. "
        "Write-only.",
    )
    api_base_url: AnyHttpUrl | None = Field(
        None,
        description="Where the WeChat API is called; default `https://api.weixin.qq.com`. A "
        "public address (a local test server needs CONTENT_WEBHOOK_ALLOW_PRIVATE=true).",
    )
    thumb_media_id: MediaId | None = Field(
        None,
        description="The media_id of a permanent image material (永久素材) of the account, the "
        "cover every article gets; required to publish through WeChat.",
    )


class WeChatAccountRead(BaseModel):
    """The channel's WeChat Official Account, without its secrets."""

    model_config = ConfigDict(json_schema_extra={"examples": [READ_EXAMPLE]})

    app_id: str = Field(description="The account's AppID.")
    api_base_url: str = Field(description="Where the WeChat API is called.")
    thumb_media_id: str | None = Field(
        description="The cover every article gets; null: publishing through WeChat fails until "
        "it is set."
    )
    has_app_secret: bool = Field(description="Whether an AppSecret is stored (always, once set).")
    has_callback_token: bool = Field(description="Whether a callback token is stored.")
    safe_mode: bool = Field(
        description="Whether an EncodingAESKey is stored: pushes must then be AES-encrypted."
    )
    callback_path: str = Field(
        description="The path to give the platform as the server URL (服务器地址), after the "
        "gateway's public address: `https://<gateway>` + this."
    )

    @classmethod
    def of(cls, account: WeChatAccount) -> WeChatAccountRead:
        return cls(
            app_id=account.app_id,
            api_base_url=account.api_base_url,
            thumb_media_id=account.thumb_media_id,
            has_app_secret=bool(account.app_secret),
            has_callback_token=bool(account.callback_token),
            safe_mode=account.encoding_aes_key is not None,
            callback_path=CALLBACK_PATH.format(channel_id=account.channel_id),
        )
