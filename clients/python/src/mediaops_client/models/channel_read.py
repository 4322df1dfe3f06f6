from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.platform import Platform

if TYPE_CHECKING:
    from ..models.channel_read_limit_overrides import ChannelReadLimitOverrides
    from ..models.limits import Limits
    from ..models.prime_time_slot import PrimeTimeSlot
    from ..models.publisher_read import PublisherRead
    from ..models.we_chat_account_read import WeChatAccountRead


T = TypeVar("T", bound="ChannelRead")


@_attrs_define
class ChannelRead:
    """One brand account on one platform, with the limits its publications must meet.

    Attributes:
        id (UUID): The channel's id, set by MediaOps.
        platform (Platform): The platform a channel publishes on; each has a profile of default limits.
        name (str): What operators call the channel.
        handle (str): The account's handle or id on the platform.
        timezone (str): IANA time zone of the channel's calendar and slots.
        limits (Limits): Effective limits, in characters (title, body, summary) and items (media, tags); null
            means no limit is enforced.

            A publication that breaks one is refused with a 422 naming the rule.
        limit_overrides (ChannelReadLimitOverrides): Only the limits this channel overrides (null: lifted), by rule
            name.
        prime_time_slots (list[PrimeTimeSlot]): Recurring good moments to publish, in week order.
        publisher (PublisherRead): How the channel's publications go out; the webhook secret itself never leaves the
            service.
        wechat (None | WeChatAccountRead): The channel's WeChat Official Account, without its secrets; null: not
            connected.
        version (int): Goes up by one on every change; answered as the ETag, sent back as If-Match.
        created_at (datetime.datetime): When the channel was created (RFC 3339, UTC).
        updated_at (datetime.datetime): When it last changed (RFC 3339, UTC).
    """

    id: UUID
    platform: Platform
    name: str
    handle: str
    timezone: str
    limits: Limits
    limit_overrides: ChannelReadLimitOverrides
    prime_time_slots: list[PrimeTimeSlot]
    publisher: PublisherRead
    wechat: None | WeChatAccountRead
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.we_chat_account_read import WeChatAccountRead

        id = str(self.id)

        platform = self.platform.value

        name = self.name

        handle = self.handle

        timezone = self.timezone

        limits = self.limits.to_dict()

        limit_overrides = self.limit_overrides.to_dict()

        prime_time_slots = []
        for prime_time_slots_item_data in self.prime_time_slots:
            prime_time_slots_item = prime_time_slots_item_data.to_dict()
            prime_time_slots.append(prime_time_slots_item)

        publisher = self.publisher.to_dict()

        wechat: dict[str, Any] | None
        if isinstance(self.wechat, WeChatAccountRead):
            wechat = self.wechat.to_dict()
        else:
            wechat = self.wechat

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "platform": platform,
                "name": name,
                "handle": handle,
                "timezone": timezone,
                "limits": limits,
                "limit_overrides": limit_overrides,
                "prime_time_slots": prime_time_slots,
                "publisher": publisher,
                "wechat": wechat,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.channel_read_limit_overrides import ChannelReadLimitOverrides
        from ..models.limits import Limits
        from ..models.prime_time_slot import PrimeTimeSlot
        from ..models.publisher_read import PublisherRead
        from ..models.we_chat_account_read import WeChatAccountRead

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        platform = Platform(d.pop("platform"))

        name = d.pop("name")

        handle = d.pop("handle")

        timezone = d.pop("timezone")

        limits = Limits.from_dict(d.pop("limits"))

        limit_overrides = ChannelReadLimitOverrides.from_dict(d.pop("limit_overrides"))

        prime_time_slots = []
        _prime_time_slots = d.pop("prime_time_slots")
        for prime_time_slots_item_data in _prime_time_slots:
            prime_time_slots_item = PrimeTimeSlot.from_dict(prime_time_slots_item_data)

            prime_time_slots.append(prime_time_slots_item)

        publisher = PublisherRead.from_dict(d.pop("publisher"))

        def _parse_wechat(data: object) -> None | WeChatAccountRead:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                wechat_type_0 = WeChatAccountRead.from_dict(data)

                return wechat_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | WeChatAccountRead, data)

        wechat = _parse_wechat(d.pop("wechat"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        channel_read = cls(
            id=id,
            platform=platform,
            name=name,
            handle=handle,
            timezone=timezone,
            limits=limits,
            limit_overrides=limit_overrides,
            prime_time_slots=prime_time_slots,
            publisher=publisher,
            wechat=wechat,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        channel_read.additional_properties = d
        return channel_read

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
