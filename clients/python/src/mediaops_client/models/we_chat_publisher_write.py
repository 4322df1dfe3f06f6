from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="WeChatPublisherWrite")


@_attrs_define
class WeChatPublisherWrite:
    """The publisher worker publishes through the channel's WeChat Official Account: a draft
    (``draft/add``), then a publish job (``freepublish/submit``), until the article's URL is
    known. The channel needs its ``wechat`` account (with a ``thumb_media_id`` cover).

        Attributes:
            kind (Literal['wechat_oa']): `wechat_oa`: publications go out through the channel's Official Account API.
    """

    kind: Literal["wechat_oa"]

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = cast(Literal["wechat_oa"], d.pop("kind"))
        if kind != "wechat_oa":
            raise ValueError(f"kind must match const 'wechat_oa', got '{kind}'")

        we_chat_publisher_write = cls(
            kind=kind,
        )

        return we_chat_publisher_write
