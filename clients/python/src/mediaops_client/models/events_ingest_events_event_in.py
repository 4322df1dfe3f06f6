from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.events_ingest_events_event_in_props import EventsIngestEventsEventInProps


T = TypeVar("T", bound="EventsIngestEventsEventIn")


@_attrs_define
class EventsIngestEventsEventIn:
    """One event as sent; ``value`` is dwell seconds for ``read`` and the amount for
    ``purchase``/``refund``. For ``referral_accept`` the actor is the invitee and
    ``props.referrer_id`` names the referrer.

        Attributes:
            id (UUID): Set by the sender, once per event (a UUID made when it happened): the de-duplication key of the
                workspace, so a re-sent event counts once, however late.
            type_ (str): What happened: one of the `EventType` words (impression, view, read, click, …, purchase, refund,
                referral_accept, publish, reply) or `custom.<name>` (lower case letters, digits, `_ . -`).
            occurred_at (datetime.datetime): When it happened, RFC 3339 with an offset (`2026-11-20T12:00:09Z`): at most a
                few minutes ahead of the server's clock (`METRICS_MAX_FUTURE_SKEW_S`, default 300 s) and at most 10 years old.
                Late and out-of-order events are fine.
            actor_id (None | str | Unset): Who did it, as the sender names people (an app user id, a WeChat openid), up to
                128 characters; needed by funnels, retention and distinct-actor metrics. For `referral_accept`, the invitee.
            channel_id (None | str | Unset): Resources of the other services are named by their ids (up to 64 characters):
                the content-svc channel it happened on.
            post_id (None | str | Unset): Resources of the other services are named by their ids (up to 64 characters): the
                content-svc post it concerns.
            publication_id (None | str | Unset): Resources of the other services are named by their ids (up to 64
                characters): the content-svc publication (a post on a channel) it came through, e.g. read from a tracking code;
                what attribution credits.
            campaign_id (None | str | Unset): Resources of the other services are named by their ids (up to 64 characters):
                the campaign-svc campaign it belongs to.
            group_id (None | str | Unset): Resources of the other services are named by their ids (up to 64 characters): the
                community-svc group it happened in.
            value (float | None | Unset): The event's number: dwell seconds for `read`, the order's amount for `purchase`
                and `refund` (GMV adds them as sent: send one currency), the seconds the answered message waited for `reply`; a
                finite number from -1e15 to 1e15. Other types leave it out.
            props (EventsIngestEventsEventInProps | Unset): Any JSON object the sender wants kept with the event (order id,
                app version, …). For `referral_accept`, `referrer_id` (text of 1 to 128 characters) names the referrer's actor
                id, which the fission rate counts; for `sop_run_start`, `template_id` (1 to 64 characters) the SOP template, and
                for `group_stage`, `stage` (1 to 32 characters) the group's new stage, which the replication success rate reads.
    """

    id: UUID
    type_: str
    occurred_at: datetime.datetime
    actor_id: None | str | Unset = UNSET
    channel_id: None | str | Unset = UNSET
    post_id: None | str | Unset = UNSET
    publication_id: None | str | Unset = UNSET
    campaign_id: None | str | Unset = UNSET
    group_id: None | str | Unset = UNSET
    value: float | None | Unset = UNSET
    props: EventsIngestEventsEventInProps | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        type_ = self.type_

        occurred_at = self.occurred_at.isoformat()

        actor_id: None | str | Unset
        if isinstance(self.actor_id, Unset):
            actor_id = UNSET
        else:
            actor_id = self.actor_id

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

        value: float | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        props: dict[str, Any] | Unset = UNSET
        if not isinstance(self.props, Unset):
            props = self.props.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "type": type_,
                "occurred_at": occurred_at,
            }
        )
        if actor_id is not UNSET:
            field_dict["actor_id"] = actor_id
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
        if value is not UNSET:
            field_dict["value"] = value
        if props is not UNSET:
            field_dict["props"] = props

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.events_ingest_events_event_in_props import EventsIngestEventsEventInProps

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        type_ = d.pop("type")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_actor_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor_id = _parse_actor_id(d.pop("actor_id", UNSET))

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

        def _parse_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        _props = d.pop("props", UNSET)
        props: EventsIngestEventsEventInProps | Unset
        if isinstance(_props, Unset):
            props = UNSET
        else:
            props = EventsIngestEventsEventInProps.from_dict(_props)

        events_ingest_events_event_in = cls(
            id=id,
            type_=type_,
            occurred_at=occurred_at,
            actor_id=actor_id,
            channel_id=channel_id,
            post_id=post_id,
            publication_id=publication_id,
            campaign_id=campaign_id,
            group_id=group_id,
            value=value,
            props=props,
        )

        return events_ingest_events_event_in
