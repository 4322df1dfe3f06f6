from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WeChatAccountRead")


@_attrs_define
class WeChatAccountRead:
    """The channel's WeChat Official Account, without its secrets.

    Attributes:
        app_id (str): The account's AppID.
        api_base_url (str): Where the WeChat API is called.
        thumb_media_id (None | str): The cover every article gets; null: publishing through WeChat fails until it is
            set.
        has_app_secret (bool): Whether an AppSecret is stored (always, once set).
        has_callback_token (bool): Whether a callback token is stored.
        safe_mode (bool): Whether an EncodingAESKey is stored: pushes must then be AES-encrypted.
        callback_path (str): The path to give the platform as the server URL (服务器地址), after the gateway's public
            address: `https://<gateway>` + this.
    """

    app_id: str
    api_base_url: str
    thumb_media_id: None | str
    has_app_secret: bool
    has_callback_token: bool
    safe_mode: bool
    callback_path: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        app_id = self.app_id

        api_base_url = self.api_base_url

        thumb_media_id: None | str
        thumb_media_id = self.thumb_media_id

        has_app_secret = self.has_app_secret

        has_callback_token = self.has_callback_token

        safe_mode = self.safe_mode

        callback_path = self.callback_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "app_id": app_id,
                "api_base_url": api_base_url,
                "thumb_media_id": thumb_media_id,
                "has_app_secret": has_app_secret,
                "has_callback_token": has_callback_token,
                "safe_mode": safe_mode,
                "callback_path": callback_path,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        app_id = d.pop("app_id")

        api_base_url = d.pop("api_base_url")

        def _parse_thumb_media_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        thumb_media_id = _parse_thumb_media_id(d.pop("thumb_media_id"))

        has_app_secret = d.pop("has_app_secret")

        has_callback_token = d.pop("has_callback_token")

        safe_mode = d.pop("safe_mode")

        callback_path = d.pop("callback_path")

        we_chat_account_read = cls(
            app_id=app_id,
            api_base_url=api_base_url,
            thumb_media_id=thumb_media_id,
            has_app_secret=has_app_secret,
            has_callback_token=has_callback_token,
            safe_mode=safe_mode,
            callback_path=callback_path,
        )

        we_chat_account_read.additional_properties = d
        return we_chat_account_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
