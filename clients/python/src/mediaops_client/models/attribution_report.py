from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.attribution_model import AttributionModel
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.actor_chains import ActorChains
    from ..models.attribution_steps import AttributionSteps
    from ..models.channel_attribution import ChannelAttribution
    from ..models.conversion_counts import ConversionCounts
    from ..models.publication_attribution import PublicationAttribution


T = TypeVar("T", bound="AttributionReport")


@_attrs_define
class AttributionReport:
    """Which publications brought a campaign's (or a group's) leads, joins, coupon claims,
    redemptions and GMV; or what given publications brought.

        Attributes:
            campaign_id (None | str): The campaign reported on, as asked.
            group_id (None | str): The group reported on, as asked.
            model (AttributionModel): Which of an actor's touches a conversion without its own publication is credited to:
                the earliest in the window before it, or the latest.
            tz (str): The time zone dates in `from`/`to` were read in.
            window_start (datetime.datetime): `from`, as read (inclusive).
            window_end (datetime.datetime): `to`, as read (exclusive).
            publications (list[PublicationAttribution]): Each publication credited with a conversion or carrying the scope's
                impressions or clicks, by id.
            channels (list[ChannelAttribution]): The publications added up per channel, by id (unknown channel first).
            unattributed (AttributionSteps): The chain from a post to a purchase, and the conversion between consecutive
                steps
                (null when the step before counted 0).
            total (AttributionSteps): The chain from a post to a purchase, and the conversion between consecutive steps
                (null when the step before counted 0).
            conversions (ConversionCounts): The scope's conversion events (leads, joins, claims, redemptions, purchases,
                refunds)
                by whether a publication was credited.
            actors (ActorChains): The campaign's (or group's) converting actors: those with at least one conversion
                credited to a publication, and those with none (conversions without an actor_id are in
                ``conversions`` only).
            publication_ids (list[str] | Unset): The publications reported on, as asked (each once, by id); empty for a
                campaign's or a group's report.
    """

    campaign_id: None | str
    group_id: None | str
    model: AttributionModel
    tz: str
    window_start: datetime.datetime
    window_end: datetime.datetime
    publications: list[PublicationAttribution]
    channels: list[ChannelAttribution]
    unattributed: AttributionSteps
    total: AttributionSteps
    conversions: ConversionCounts
    actors: ActorChains
    publication_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign_id: None | str
        campaign_id = self.campaign_id

        group_id: None | str
        group_id = self.group_id

        model = self.model.value

        tz = self.tz

        window_start = self.window_start.isoformat()

        window_end = self.window_end.isoformat()

        publications = []
        for publications_item_data in self.publications:
            publications_item = publications_item_data.to_dict()
            publications.append(publications_item)

        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.to_dict()
            channels.append(channels_item)

        unattributed = self.unattributed.to_dict()

        total = self.total.to_dict()

        conversions = self.conversions.to_dict()

        actors = self.actors.to_dict()

        publication_ids: list[str] | Unset = UNSET
        if not isinstance(self.publication_ids, Unset):
            publication_ids = self.publication_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaign_id": campaign_id,
                "group_id": group_id,
                "model": model,
                "tz": tz,
                "window_start": window_start,
                "window_end": window_end,
                "publications": publications,
                "channels": channels,
                "unattributed": unattributed,
                "total": total,
                "conversions": conversions,
                "actors": actors,
            }
        )
        if publication_ids is not UNSET:
            field_dict["publication_ids"] = publication_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.actor_chains import ActorChains
        from ..models.attribution_steps import AttributionSteps
        from ..models.channel_attribution import ChannelAttribution
        from ..models.conversion_counts import ConversionCounts
        from ..models.publication_attribution import PublicationAttribution

        d = dict(src_dict)

        def _parse_campaign_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id"))

        def _parse_group_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        group_id = _parse_group_id(d.pop("group_id"))

        model = AttributionModel(d.pop("model"))

        tz = d.pop("tz")

        window_start = datetime.datetime.fromisoformat(d.pop("window_start"))

        window_end = datetime.datetime.fromisoformat(d.pop("window_end"))

        publications = []
        _publications = d.pop("publications")
        for publications_item_data in _publications:
            publications_item = PublicationAttribution.from_dict(publications_item_data)

            publications.append(publications_item)

        channels = []
        _channels = d.pop("channels")
        for channels_item_data in _channels:
            channels_item = ChannelAttribution.from_dict(channels_item_data)

            channels.append(channels_item)

        unattributed = AttributionSteps.from_dict(d.pop("unattributed"))

        total = AttributionSteps.from_dict(d.pop("total"))

        conversions = ConversionCounts.from_dict(d.pop("conversions"))

        actors = ActorChains.from_dict(d.pop("actors"))

        publication_ids = cast(list[str], d.pop("publication_ids", UNSET))

        attribution_report = cls(
            campaign_id=campaign_id,
            group_id=group_id,
            model=model,
            tz=tz,
            window_start=window_start,
            window_end=window_end,
            publications=publications,
            channels=channels,
            unattributed=unattributed,
            total=total,
            conversions=conversions,
            actors=actors,
            publication_ids=publication_ids,
        )

        attribution_report.additional_properties = d
        return attribution_report

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
