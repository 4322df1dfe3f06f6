from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.platform import Platform

T = TypeVar("T", bound="TrackingCodeRead")


@_attrs_define
class TrackingCodeRead:
    """What a tracking code stands for: the publication that carried it, and where.

    Attributes:
        code (str): The code as stored: upper case
        publication_id (UUID): The publication that carries the code.
        channel_id (UUID): The channel it went out on.
        post_id (UUID): The post it published.
        platform (Platform): The platform a channel publishes on; each has a profile of default limits.
    """

    code: str
    publication_id: UUID
    channel_id: UUID
    post_id: UUID
    platform: Platform
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        publication_id = str(self.publication_id)

        channel_id = str(self.channel_id)

        post_id = str(self.post_id)

        platform = self.platform.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "publication_id": publication_id,
                "channel_id": channel_id,
                "post_id": post_id,
                "platform": platform,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        publication_id = UUID(d.pop("publication_id"))

        channel_id = UUID(d.pop("channel_id"))

        post_id = UUID(d.pop("post_id"))

        platform = Platform(d.pop("platform"))

        tracking_code_read = cls(
            code=code,
            publication_id=publication_id,
            channel_id=channel_id,
            post_id=post_id,
            platform=platform,
        )

        tracking_code_read.additional_properties = d
        return tracking_code_read

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
