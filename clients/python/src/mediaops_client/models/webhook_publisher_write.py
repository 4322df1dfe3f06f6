from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookPublisherWrite")


@_attrs_define
class WebhookPublisherWrite:
    """The publisher worker POSTs each due publication to ``url``, signed with HMAC-SHA256.

    Attributes:
        kind (Literal['webhook']): `webhook`: publications are POSTed to `url`.
        url (str): Where the worker POSTs the rendered piece; a public http(s) address.
        secret (None | str | Unset): HMAC-SHA256 key (16 to 512 characters) the receiver checks X-MediaOps-Signature
            with; never shown again. Required when a channel first gets a webhook; omitted on a later change, the stored one
            is kept.
    """

    kind: Literal["webhook"]
    url: str
    secret: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        url = self.url

        secret: None | str | Unset
        if isinstance(self.secret, Unset):
            secret = UNSET
        else:
            secret = self.secret

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "url": url,
            }
        )
        if secret is not UNSET:
            field_dict["secret"] = secret

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = cast(Literal["webhook"], d.pop("kind"))
        if kind != "webhook":
            raise ValueError(f"kind must match const 'webhook', got '{kind}'")

        url = d.pop("url")

        def _parse_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret = _parse_secret(d.pop("secret", UNSET))

        webhook_publisher_write = cls(
            kind=kind,
            url=url,
            secret=secret,
        )

        return webhook_publisher_write
