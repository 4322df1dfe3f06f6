from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CampaignSourceRead")


@_attrs_define
class CampaignSourceRead:
    """The source as stored: the ids the code stood for (none when content-svc could not be
    reached at the time: then only ``tracking_code``), and the publication's ``platform`` when
    a code was resolved (explicit ids name none).

        Attributes:
            tracking_code (None | str | Unset): The tracking code the write carried, upper case; null when it gave explicit
                ids.
            publication_id (None | str | Unset): The publication's id in content-svc (resolved from the code, or as sent);
                null when unknown, e.g. content-svc could not be asked at the time.
            channel_id (None | str | Unset): The channel's id in content-svc; null when unknown.
            post_id (None | str | Unset): The post's id in content-svc; null when unknown.
            platform (None | str | Unset): The publication's platform (wechat_oa, xiaohongshu, douyin…), known only when a
                tracking code was resolved; null for explicit ids.
    """

    tracking_code: None | str | Unset = UNSET
    publication_id: None | str | Unset = UNSET
    channel_id: None | str | Unset = UNSET
    post_id: None | str | Unset = UNSET
    platform: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tracking_code: None | str | Unset
        if isinstance(self.tracking_code, Unset):
            tracking_code = UNSET
        else:
            tracking_code = self.tracking_code

        publication_id: None | str | Unset
        if isinstance(self.publication_id, Unset):
            publication_id = UNSET
        else:
            publication_id = self.publication_id

        channel_id: None | str | Unset
        if isinstance(self.channel_id, Unset):
            channel_id = UNSET
        else:
            channel_id = self.channel_id

        post_id: None | str | Unset
        if isinstance(self.post_id, Unset):
            post_id = UNSET
        else:
            post_id = self.post_id

        platform: None | str | Unset
        if isinstance(self.platform, Unset):
            platform = UNSET
        else:
            platform = self.platform

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if tracking_code is not UNSET:
            field_dict["tracking_code"] = tracking_code
        if publication_id is not UNSET:
            field_dict["publication_id"] = publication_id
        if channel_id is not UNSET:
            field_dict["channel_id"] = channel_id
        if post_id is not UNSET:
            field_dict["post_id"] = post_id
        if platform is not UNSET:
            field_dict["platform"] = platform

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_tracking_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tracking_code = _parse_tracking_code(d.pop("tracking_code", UNSET))

        def _parse_publication_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        publication_id = _parse_publication_id(d.pop("publication_id", UNSET))

        def _parse_channel_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        channel_id = _parse_channel_id(d.pop("channel_id", UNSET))

        def _parse_post_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        post_id = _parse_post_id(d.pop("post_id", UNSET))

        def _parse_platform(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        platform = _parse_platform(d.pop("platform", UNSET))

        campaign_source_read = cls(
            tracking_code=tracking_code,
            publication_id=publication_id,
            channel_id=channel_id,
            post_id=post_id,
            platform=platform,
        )

        campaign_source_read.additional_properties = d
        return campaign_source_read

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
