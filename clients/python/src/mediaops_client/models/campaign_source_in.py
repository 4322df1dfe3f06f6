from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CampaignSourceIn")


@_attrs_define
class CampaignSourceIn:
    """Either a publication's ``tracking_code`` (resolved through content-svc) or any of the
    explicit ``publication_id``, ``channel_id``, ``post_id``.

        Attributes:
            tracking_code (None | str | Unset): A publication's public tracking code as printed in its link, QR code or
                poster (4 to 32 letters and digits, case-insensitive), e.g. ABCD2345. content-svc resolves it to the
                publication's ids; an unknown code is a 422. Not together with explicit ids.
            publication_id (None | str | Unset): The content-svc publication (one post on one channel) that brought the
                person, when the caller knows it without a code.
            channel_id (None | str | Unset): The content-svc channel (account) that brought the person.
            post_id (None | str | Unset): The content-svc post that brought the person.
    """

    tracking_code: None | str | Unset = UNSET
    publication_id: None | str | Unset = UNSET
    channel_id: None | str | Unset = UNSET
    post_id: None | str | Unset = UNSET

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

        campaign_source_in = cls(
            tracking_code=tracking_code,
            publication_id=publication_id,
            channel_id=channel_id,
            post_id=post_id,
        )

        return campaign_source_in
