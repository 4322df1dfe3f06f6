from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.limits_override import LimitsOverride
    from ..models.manual_publisher_write import ManualPublisherWrite
    from ..models.prime_time_slot import PrimeTimeSlot
    from ..models.we_chat_account_write import WeChatAccountWrite
    from ..models.we_chat_publisher_write import WeChatPublisherWrite
    from ..models.webhook_publisher_write import WebhookPublisherWrite


T = TypeVar("T", bound="ChannelUpdate")


@_attrs_define
class ChannelUpdate:
    """Every field optional; only the fields sent are changed.

    ``limits`` replaces the channel's overrides as a whole (send ``{}`` to go back to the
    platform profile); ``prime_time_slots`` replaces the list.

        Attributes:
            name (None | str | Unset): New name (1 to 200 characters).
            handle (None | str | Unset): New handle; unique per platform in the workspace.
            timezone (None | str | Unset): New IANA time zone.
            limits (LimitsOverride | None | Unset): Replaces all the channel's overrides; `{}` goes back to the profile.
            prime_time_slots (list[PrimeTimeSlot] | None | Unset): Replaces the list of prime-time slots; `[]` clears it.
            publisher (ManualPublisherWrite | None | Unset | WebhookPublisherWrite | WeChatPublisherWrite): New publisher; a
                webhook without `secret` keeps the stored secret.
            wechat (None | Unset | WeChatAccountWrite): Connect the channel to its WeChat Official Account, or change the
                fields sent (secrets left out are kept); `null` disconnects it (not while the publisher is `wechat_oa`).
    """

    name: None | str | Unset = UNSET
    handle: None | str | Unset = UNSET
    timezone: None | str | Unset = UNSET
    limits: LimitsOverride | None | Unset = UNSET
    prime_time_slots: list[PrimeTimeSlot] | None | Unset = UNSET
    publisher: (
        ManualPublisherWrite | None | Unset | WebhookPublisherWrite | WeChatPublisherWrite
    ) = UNSET
    wechat: None | Unset | WeChatAccountWrite = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.limits_override import LimitsOverride
        from ..models.manual_publisher_write import ManualPublisherWrite
        from ..models.we_chat_account_write import WeChatAccountWrite
        from ..models.we_chat_publisher_write import WeChatPublisherWrite
        from ..models.webhook_publisher_write import WebhookPublisherWrite

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        handle: None | str | Unset
        if isinstance(self.handle, Unset):
            handle = UNSET
        else:
            handle = self.handle

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        limits: dict[str, Any] | None | Unset
        if isinstance(self.limits, Unset):
            limits = UNSET
        elif isinstance(self.limits, LimitsOverride):
            limits = self.limits.to_dict()
        else:
            limits = self.limits

        prime_time_slots: list[dict[str, Any]] | None | Unset
        if isinstance(self.prime_time_slots, Unset):
            prime_time_slots = UNSET
        elif isinstance(self.prime_time_slots, list):
            prime_time_slots = []
            for prime_time_slots_type_0_item_data in self.prime_time_slots:
                prime_time_slots_type_0_item = prime_time_slots_type_0_item_data.to_dict()
                prime_time_slots.append(prime_time_slots_type_0_item)

        else:
            prime_time_slots = self.prime_time_slots

        publisher: dict[str, Any] | None | Unset
        if isinstance(self.publisher, Unset):
            publisher = UNSET
        elif (
            isinstance(self.publisher, WebhookPublisherWrite)
            or isinstance(self.publisher, ManualPublisherWrite)
            or isinstance(self.publisher, WeChatPublisherWrite)
        ):
            publisher = self.publisher.to_dict()
        else:
            publisher = self.publisher

        wechat: dict[str, Any] | None | Unset
        if isinstance(self.wechat, Unset):
            wechat = UNSET
        elif isinstance(self.wechat, WeChatAccountWrite):
            wechat = self.wechat.to_dict()
        else:
            wechat = self.wechat

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if handle is not UNSET:
            field_dict["handle"] = handle
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if limits is not UNSET:
            field_dict["limits"] = limits
        if prime_time_slots is not UNSET:
            field_dict["prime_time_slots"] = prime_time_slots
        if publisher is not UNSET:
            field_dict["publisher"] = publisher
        if wechat is not UNSET:
            field_dict["wechat"] = wechat

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.limits_override import LimitsOverride
        from ..models.manual_publisher_write import ManualPublisherWrite
        from ..models.prime_time_slot import PrimeTimeSlot
        from ..models.we_chat_account_write import WeChatAccountWrite
        from ..models.we_chat_publisher_write import WeChatPublisherWrite
        from ..models.webhook_publisher_write import WebhookPublisherWrite

        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_handle(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        handle = _parse_handle(d.pop("handle", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        def _parse_limits(data: object) -> LimitsOverride | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                limits_type_0 = LimitsOverride.from_dict(data)

                return limits_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LimitsOverride | None | Unset, data)

        limits = _parse_limits(d.pop("limits", UNSET))

        def _parse_prime_time_slots(data: object) -> list[PrimeTimeSlot] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                prime_time_slots_type_0 = []
                _prime_time_slots_type_0 = data
                for prime_time_slots_type_0_item_data in _prime_time_slots_type_0:
                    prime_time_slots_type_0_item = PrimeTimeSlot.from_dict(
                        prime_time_slots_type_0_item_data
                    )

                    prime_time_slots_type_0.append(prime_time_slots_type_0_item)

                return prime_time_slots_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PrimeTimeSlot] | None | Unset, data)

        prime_time_slots = _parse_prime_time_slots(d.pop("prime_time_slots", UNSET))

        def _parse_publisher(
            data: object,
        ) -> ManualPublisherWrite | None | Unset | WebhookPublisherWrite | WeChatPublisherWrite:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                publisher_type_0_type_0 = WebhookPublisherWrite.from_dict(data)

                return publisher_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                publisher_type_0_type_1 = ManualPublisherWrite.from_dict(data)

                return publisher_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                publisher_type_0_type_2 = WeChatPublisherWrite.from_dict(data)

                return publisher_type_0_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                ManualPublisherWrite | None | Unset | WebhookPublisherWrite | WeChatPublisherWrite,
                data,
            )

        publisher = _parse_publisher(d.pop("publisher", UNSET))

        def _parse_wechat(data: object) -> None | Unset | WeChatAccountWrite:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                wechat_type_0 = WeChatAccountWrite.from_dict(data)

                return wechat_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WeChatAccountWrite, data)

        wechat = _parse_wechat(d.pop("wechat", UNSET))

        channel_update = cls(
            name=name,
            handle=handle,
            timezone=timezone,
            limits=limits,
            prime_time_slots=prime_time_slots,
            publisher=publisher,
            wechat=wechat,
        )

        return channel_update
