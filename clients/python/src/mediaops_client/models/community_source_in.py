from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CommunitySourceIn")


@_attrs_define
class CommunitySourceIn:
    """Which publication brought the person: its ``tracking_code``, or the ids themselves.

    Attributes:
        tracking_code (None | str | Unset): The publication's public tracking code (on its link, QR code or poster; 4 to
            32 letters and digits, case-insensitive), resolved through content-svc. Not together with the ids.
        publication_id (None | Unset | UUID): content-svc's id of the publication (a post on a channel).
        channel_id (None | Unset | UUID): content-svc's id of the channel it was published on.
        post_id (None | Unset | UUID): content-svc's id of the post.
    """

    tracking_code: None | str | Unset = UNSET
    publication_id: None | Unset | UUID = UNSET
    channel_id: None | Unset | UUID = UNSET
    post_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        tracking_code: None | str | Unset
        if isinstance(self.tracking_code, Unset):
            tracking_code = UNSET
        else:
            tracking_code = self.tracking_code

        publication_id: None | str | Unset
        if isinstance(self.publication_id, Unset):
            publication_id = UNSET
        elif isinstance(self.publication_id, UUID):
            publication_id = str(self.publication_id)
        else:
            publication_id = self.publication_id

        channel_id: None | str | Unset
        if isinstance(self.channel_id, Unset):
            channel_id = UNSET
        elif isinstance(self.channel_id, UUID):
            channel_id = str(self.channel_id)
        else:
            channel_id = self.channel_id

        post_id: None | str | Unset
        if isinstance(self.post_id, Unset):
            post_id = UNSET
        elif isinstance(self.post_id, UUID):
            post_id = str(self.post_id)
        else:
            post_id = self.post_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if tracking_code is not UNSET:
            field_dict["tracking_code"] = tracking_code
        if publication_id is not UNSET:
            field_dict["publication_id"] = publication_id
        if channel_id is not UNSET:
            field_dict["channel_id"] = channel_id
        if post_id is not UNSET:
            field_dict["post_id"] = post_id

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

        def _parse_publication_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publication_id_type_0 = UUID(data)

                return publication_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        publication_id = _parse_publication_id(d.pop("publication_id", UNSET))

        def _parse_channel_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_id_type_0 = UUID(data)

                return channel_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        channel_id = _parse_channel_id(d.pop("channel_id", UNSET))

        def _parse_post_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                post_id_type_0 = UUID(data)

                return post_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        post_id = _parse_post_id(d.pop("post_id", UNSET))

        community_source_in = cls(
            tracking_code=tracking_code,
            publication_id=publication_id,
            channel_id=channel_id,
            post_id=post_id,
        )

        return community_source_in
