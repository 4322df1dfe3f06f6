from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CommunitySourceRead")


@_attrs_define
class CommunitySourceRead:
    """Where the member came from; a tracking code content-svc could not resolve at the join
    stands alone (no ids), and ``platform`` is the publication's when a code was resolved
    (explicit ids name none).

        Attributes:
            tracking_code (None | str): The tracking code given at the join (upper case); null when ids were given.
            publication_id (None | UUID): content-svc's id of the publication (a post on a channel). Null when the code
                could not be resolved.
            channel_id (None | UUID): content-svc's id of the channel it was published on.
            post_id (None | UUID): content-svc's id of the post.
            platform (None | str): the publication's platform, when a tracking code was resolved
    """

    tracking_code: None | str
    publication_id: None | UUID
    channel_id: None | UUID
    post_id: None | UUID
    platform: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tracking_code: None | str
        tracking_code = self.tracking_code

        publication_id: None | str
        if isinstance(self.publication_id, UUID):
            publication_id = str(self.publication_id)
        else:
            publication_id = self.publication_id

        channel_id: None | str
        if isinstance(self.channel_id, UUID):
            channel_id = str(self.channel_id)
        else:
            channel_id = self.channel_id

        post_id: None | str
        if isinstance(self.post_id, UUID):
            post_id = str(self.post_id)
        else:
            post_id = self.post_id

        platform: None | str
        platform = self.platform

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tracking_code": tracking_code,
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

        def _parse_tracking_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tracking_code = _parse_tracking_code(d.pop("tracking_code"))

        def _parse_publication_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publication_id_type_0 = UUID(data)

                return publication_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        publication_id = _parse_publication_id(d.pop("publication_id"))

        def _parse_channel_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_id_type_0 = UUID(data)

                return channel_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        channel_id = _parse_channel_id(d.pop("channel_id"))

        def _parse_post_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                post_id_type_0 = UUID(data)

                return post_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        post_id = _parse_post_id(d.pop("post_id"))

        def _parse_platform(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        platform = _parse_platform(d.pop("platform"))

        community_source_read = cls(
            tracking_code=tracking_code,
            publication_id=publication_id,
            channel_id=channel_id,
            post_id=post_id,
            platform=platform,
        )

        community_source_read.additional_properties = d
        return community_source_read

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
