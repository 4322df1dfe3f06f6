from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WeChatAccountWrite")


@_attrs_define
class WeChatAccountWrite:
    """The channel's WeChat Official Account: what the callback checks pushes with and what the
    API is called with.

    The first time a channel is connected, ``app_id``, ``app_secret`` and ``callback_token`` are
    required. Later, only the fields sent change: a secret left out is kept; ``null`` clears
    ``encoding_aes_key`` (back to plain mode) or ``thumb_media_id``. Secrets are never shown
    again (reads say ``has_app_secret`` …).

        Attributes:
            app_id (None | str | Unset): The account's AppID (开发者ID), `wx` and 16 letters or digits, from the platform's
                设置与开发 → 基本配置.
            app_secret (None | str | Unset): The account's AppSecret (16 to 128 visible characters); write-only, kept to
                fetch access tokens. Omitted on a later change: the stored one is kept.
            callback_token (None | str | Unset): The Token (令牌) set in the account's server configuration, 3 to 32 letters
                or digits: every push is signed with it. Write-only.
            encoding_aes_key (None | str | Unset): The EncodingAESKey (消息加解密密钥), 43 letters and digits, for safe mode
                (安全模式): pushes must then be encrypted. Null or omitted on creation: plain mode. Write-only.
            api_base_url (None | str | Unset): Where the WeChat API is called; default `https://api.weixin.qq.com`. A public
                address (a local test server needs CONTENT_WEBHOOK_ALLOW_PRIVATE=true).
            thumb_media_id (None | str | Unset): The media_id of a permanent image material (永久素材) of the account, the cover
                every article gets; required to publish through WeChat.
    """

    app_id: None | str | Unset = UNSET
    app_secret: None | str | Unset = UNSET
    callback_token: None | str | Unset = UNSET
    encoding_aes_key: None | str | Unset = UNSET
    api_base_url: None | str | Unset = UNSET
    thumb_media_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        app_id: None | str | Unset
        if isinstance(self.app_id, Unset):
            app_id = UNSET
        else:
            app_id = self.app_id

        app_secret: None | str | Unset
        if isinstance(self.app_secret, Unset):
            app_secret = UNSET
        else:
            app_secret = self.app_secret

        callback_token: None | str | Unset
        if isinstance(self.callback_token, Unset):
            callback_token = UNSET
        else:
            callback_token = self.callback_token

        encoding_aes_key: None | str | Unset
        if isinstance(self.encoding_aes_key, Unset):
            encoding_aes_key = UNSET
        else:
            encoding_aes_key = self.encoding_aes_key

        api_base_url: None | str | Unset
        if isinstance(self.api_base_url, Unset):
            api_base_url = UNSET
        else:
            api_base_url = self.api_base_url

        thumb_media_id: None | str | Unset
        if isinstance(self.thumb_media_id, Unset):
            thumb_media_id = UNSET
        else:
            thumb_media_id = self.thumb_media_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if app_id is not UNSET:
            field_dict["app_id"] = app_id
        if app_secret is not UNSET:
            field_dict["app_secret"] = app_secret
        if callback_token is not UNSET:
            field_dict["callback_token"] = callback_token
        if encoding_aes_key is not UNSET:
            field_dict["encoding_aes_key"] = encoding_aes_key
        if api_base_url is not UNSET:
            field_dict["api_base_url"] = api_base_url
        if thumb_media_id is not UNSET:
            field_dict["thumb_media_id"] = thumb_media_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_app_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        app_id = _parse_app_id(d.pop("app_id", UNSET))

        def _parse_app_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        app_secret = _parse_app_secret(d.pop("app_secret", UNSET))

        def _parse_callback_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_token = _parse_callback_token(d.pop("callback_token", UNSET))

        def _parse_encoding_aes_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        encoding_aes_key = _parse_encoding_aes_key(d.pop("encoding_aes_key", UNSET))

        def _parse_api_base_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_base_url = _parse_api_base_url(d.pop("api_base_url", UNSET))

        def _parse_thumb_media_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        thumb_media_id = _parse_thumb_media_id(d.pop("thumb_media_id", UNSET))

        we_chat_account_write = cls(
            app_id=app_id,
            app_secret=app_secret,
            callback_token=callback_token,
            encoding_aes_key=encoding_aes_key,
            api_base_url=api_base_url,
            thumb_media_id=thumb_media_id,
        )

        return we_chat_account_write
