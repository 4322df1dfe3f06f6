from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MetricFilters")


@_attrs_define
class MetricFilters:
    """Restrict a metric to one channel, post, publication, campaign and/or group.

    Attributes:
        channel_id (None | str | Unset): Only events of this content-svc channel.
        post_id (None | str | Unset): Only events of this content-svc post (on any channel).
        publication_id (None | str | Unset): Only events of this content-svc publication.
        campaign_id (None | str | Unset): Only events of this campaign-svc campaign.
        group_id (None | str | Unset): Only events of this community-svc group.
    """

    channel_id: None | str | Unset = UNSET
    post_id: None | str | Unset = UNSET
    publication_id: None | str | Unset = UNSET
    campaign_id: None | str | Unset = UNSET
    group_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
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

        publication_id: None | str | Unset
        if isinstance(self.publication_id, Unset):
            publication_id = UNSET
        else:
            publication_id = self.publication_id

        campaign_id: None | str | Unset
        if isinstance(self.campaign_id, Unset):
            campaign_id = UNSET
        else:
            campaign_id = self.campaign_id

        group_id: None | str | Unset
        if isinstance(self.group_id, Unset):
            group_id = UNSET
        else:
            group_id = self.group_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if channel_id is not UNSET:
            field_dict["channel_id"] = channel_id
        if post_id is not UNSET:
            field_dict["post_id"] = post_id
        if publication_id is not UNSET:
            field_dict["publication_id"] = publication_id
        if campaign_id is not UNSET:
            field_dict["campaign_id"] = campaign_id
        if group_id is not UNSET:
            field_dict["group_id"] = group_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

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

        def _parse_publication_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        publication_id = _parse_publication_id(d.pop("publication_id", UNSET))

        def _parse_campaign_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id", UNSET))

        def _parse_group_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        group_id = _parse_group_id(d.pop("group_id", UNSET))

        metric_filters = cls(
            channel_id=channel_id,
            post_id=post_id,
            publication_id=publication_id,
            campaign_id=campaign_id,
            group_id=group_id,
        )

        return metric_filters
