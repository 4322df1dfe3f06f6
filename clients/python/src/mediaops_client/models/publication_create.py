from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.schedule import Schedule
from ..types import UNSET, Unset

T = TypeVar("T", bound="PublicationCreate")


@_attrs_define
class PublicationCreate:
    """An approved post to go out on one channel, now, at a time, or at the channel's next
    best slot; it must meet the channel's limits.

        Attributes:
            post_id (UUID): The approved post to publish; one of the workspace's.
            channel_id (UUID): The channel to publish on; one of the workspace's.
            title_override (None | str | Unset): This channel's title instead of the post's; null: the post's.
            body_override (None | str | Unset): This channel's body instead of the post's (Markdown); null: the post's.
            scheduled_at (datetime.datetime | None | Unset): When to publish (RFC 3339 with an offset); omitted (and no
                schedule) = now
            schedule (None | Schedule | Unset): Instead of scheduled_at: next_best_slot = the next occurrence of the
                channel's best slot (GET /v1/channels/{id}/best-times: learned by metrics-svc, else the channel's prime time)
    """

    post_id: UUID
    channel_id: UUID
    title_override: None | str | Unset = UNSET
    body_override: None | str | Unset = UNSET
    scheduled_at: datetime.datetime | None | Unset = UNSET
    schedule: None | Schedule | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        post_id = str(self.post_id)

        channel_id = str(self.channel_id)

        title_override: None | str | Unset
        if isinstance(self.title_override, Unset):
            title_override = UNSET
        else:
            title_override = self.title_override

        body_override: None | str | Unset
        if isinstance(self.body_override, Unset):
            body_override = UNSET
        else:
            body_override = self.body_override

        scheduled_at: None | str | Unset
        if isinstance(self.scheduled_at, Unset):
            scheduled_at = UNSET
        elif isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        schedule: None | str | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        elif isinstance(self.schedule, Schedule):
            schedule = self.schedule.value
        else:
            schedule = self.schedule

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "post_id": post_id,
                "channel_id": channel_id,
            }
        )
        if title_override is not UNSET:
            field_dict["title_override"] = title_override
        if body_override is not UNSET:
            field_dict["body_override"] = body_override
        if scheduled_at is not UNSET:
            field_dict["scheduled_at"] = scheduled_at
        if schedule is not UNSET:
            field_dict["schedule"] = schedule

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        post_id = UUID(d.pop("post_id"))

        channel_id = UUID(d.pop("channel_id"))

        def _parse_title_override(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title_override = _parse_title_override(d.pop("title_override", UNSET))

        def _parse_body_override(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body_override = _parse_body_override(d.pop("body_override", UNSET))

        def _parse_scheduled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at", UNSET))

        def _parse_schedule(data: object) -> None | Schedule | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schedule_type_0 = Schedule(data)

                return schedule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Schedule | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))

        publication_create = cls(
            post_id=post_id,
            channel_id=channel_id,
            title_override=title_override,
            body_override=body_override,
            scheduled_at=scheduled_at,
            schedule=schedule,
        )

        return publication_create
