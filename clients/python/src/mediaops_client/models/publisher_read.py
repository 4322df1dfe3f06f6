from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.publisher_kind import PublisherKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="PublisherRead")


@_attrs_define
class PublisherRead:
    """How the channel's publications go out; the webhook secret itself never leaves the
    service.

        Attributes:
            kind (PublisherKind): How a channel's publications go out: by an operator's hand, POSTed to a webhook, or
                through the WeChat Official Account API (draft, then publish).
            url (None | str | Unset): The webhook's address; null for the others.
            has_secret (bool | Unset): Whether a webhook secret is stored. Default: False.
    """

    kind: PublisherKind
    url: None | str | Unset = UNSET
    has_secret: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        url: None | str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        has_secret = self.has_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
            }
        )
        if url is not UNSET:
            field_dict["url"] = url
        if has_secret is not UNSET:
            field_dict["has_secret"] = has_secret

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = PublisherKind(d.pop("kind"))

        def _parse_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

        has_secret = d.pop("has_secret", UNSET)

        publisher_read = cls(
            kind=kind,
            url=url,
            has_secret=has_secret,
        )

        publisher_read.additional_properties = d
        return publisher_read

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
