from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.publication_status import PublicationStatus

T = TypeVar("T", bound="PublicationRead")


@_attrs_define
class PublicationRead:
    """One post on one channel, and how its publishing went.

    Attributes:
        id (UUID): The publication's id, set by MediaOps.
        post_id (UUID): The post that goes out.
        channel_id (UUID): The channel it goes out on.
        title_override (None | str): This channel's title instead of the post's; null: the post's.
        body_override (None | str): This channel's body instead of the post's (Markdown); null: the post's.
        status (PublicationStatus): scheduled → publishing → published | failed; scheduled or failed → cancelled.
        scheduled_at (datetime.datetime): When it is due to go out (RFC 3339, UTC).
        next_attempt_at (datetime.datetime): When the worker tries next (after a failed attempt: later, with backoff).
        attempts (int): Delivery attempts made so far; retry starts again at 0.
        last_error (None | str): Why the last attempt failed, as the worker saw it; null if none failed.
        delivery_id (UUID): Sent with every webhook attempt (X-MediaOps-Delivery), the same on each, so a receiver can
            de-duplicate.
        external_id (None | str): The platform's id of the published piece, once it is known.
        url (None | str): Where the piece can be read on the platform. Set once published.
        published_at (datetime.datetime | None): When it went out (RFC 3339, UTC); null until published.
        created_by (None | str): Who scheduled it (a token's `sub`).
        tracking_code (str): The publication's public code for links, QR codes and posters; never changes (resolve it
            with GET /v1/tracking-codes/{code})
        created_at (datetime.datetime): When it was scheduled (RFC 3339, UTC).
        updated_at (datetime.datetime): When it last changed (RFC 3339, UTC).
    """

    id: UUID
    post_id: UUID
    channel_id: UUID
    title_override: None | str
    body_override: None | str
    status: PublicationStatus
    scheduled_at: datetime.datetime
    next_attempt_at: datetime.datetime
    attempts: int
    last_error: None | str
    delivery_id: UUID
    external_id: None | str
    url: None | str
    published_at: datetime.datetime | None
    created_by: None | str
    tracking_code: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        post_id = str(self.post_id)

        channel_id = str(self.channel_id)

        title_override: None | str
        title_override = self.title_override

        body_override: None | str
        body_override = self.body_override

        status = self.status.value

        scheduled_at = self.scheduled_at.isoformat()

        next_attempt_at = self.next_attempt_at.isoformat()

        attempts = self.attempts

        last_error: None | str
        last_error = self.last_error

        delivery_id = str(self.delivery_id)

        external_id: None | str
        external_id = self.external_id

        url: None | str
        url = self.url

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        created_by: None | str
        created_by = self.created_by

        tracking_code = self.tracking_code

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "post_id": post_id,
                "channel_id": channel_id,
                "title_override": title_override,
                "body_override": body_override,
                "status": status,
                "scheduled_at": scheduled_at,
                "next_attempt_at": next_attempt_at,
                "attempts": attempts,
                "last_error": last_error,
                "delivery_id": delivery_id,
                "external_id": external_id,
                "url": url,
                "published_at": published_at,
                "created_by": created_by,
                "tracking_code": tracking_code,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        post_id = UUID(d.pop("post_id"))

        channel_id = UUID(d.pop("channel_id"))

        def _parse_title_override(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        title_override = _parse_title_override(d.pop("title_override"))

        def _parse_body_override(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        body_override = _parse_body_override(d.pop("body_override"))

        status = PublicationStatus(d.pop("status"))

        scheduled_at = datetime.datetime.fromisoformat(d.pop("scheduled_at"))

        next_attempt_at = datetime.datetime.fromisoformat(d.pop("next_attempt_at"))

        attempts = d.pop("attempts")

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        delivery_id = UUID(d.pop("delivery_id"))

        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))

        def _parse_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        url = _parse_url(d.pop("url"))

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        tracking_code = d.pop("tracking_code")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        publication_read = cls(
            id=id,
            post_id=post_id,
            channel_id=channel_id,
            title_override=title_override,
            body_override=body_override,
            status=status,
            scheduled_at=scheduled_at,
            next_attempt_at=next_attempt_at,
            attempts=attempts,
            last_error=last_error,
            delivery_id=delivery_id,
            external_id=external_id,
            url=url,
            published_at=published_at,
            created_by=created_by,
            tracking_code=tracking_code,
            created_at=created_at,
            updated_at=updated_at,
        )

        publication_read.additional_properties = d
        return publication_read

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
