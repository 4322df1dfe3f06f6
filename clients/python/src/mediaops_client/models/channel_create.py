from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.platform import Platform
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.limits_override import LimitsOverride
    from ..models.manual_publisher_write import ManualPublisherWrite
    from ..models.prime_time_slot import PrimeTimeSlot
    from ..models.we_chat_account_write import WeChatAccountWrite
    from ..models.we_chat_publisher_write import WeChatPublisherWrite
    from ..models.webhook_publisher_write import WebhookPublisherWrite


T = TypeVar("T", bound="ChannelCreate")


@_attrs_define
class ChannelCreate:
    """A brand account on one platform, and how its publications go out.

    Attributes:
        platform (Platform): The platform a channel publishes on; each has a profile of default limits.
        name (str): What operators call the channel (1 to 200 characters).
        handle (str): The account's handle or id on the platform (1 to 200 characters); unique per platform in the
            workspace.
        timezone (str | Unset): IANA time zone of the channel's calendar days, prime-time slots and best times. Default:
            'Asia/Shanghai'.
        limits (LimitsOverride | None | Unset): Overrides of the platform's limits; omitted: the profile as it is.
        prime_time_slots (list[PrimeTimeSlot] | Unset): Recurring good moments to publish, in `timezone` (at most 100;
            repeats are dropped); the fallback of best times.
        publisher (ManualPublisherWrite | Unset | WebhookPublisherWrite | WeChatPublisherWrite): How publications go
            out: `manual` (the default), a signed `webhook`, or `wechat_oa` (through the channel's `wechat` account).
        wechat (None | Unset | WeChatAccountWrite): The WeChat Official Account of a `wechat_oa` channel: its pushes
            reach MediaOps at `wechat.callback_path`, and replies and the `wechat_oa` publisher call its API. Omitted: not
            connected.
    """

    platform: Platform
    name: str
    handle: str
    timezone: str | Unset = "Asia/Shanghai"
    limits: LimitsOverride | None | Unset = UNSET
    prime_time_slots: list[PrimeTimeSlot] | Unset = UNSET
    publisher: ManualPublisherWrite | Unset | WebhookPublisherWrite | WeChatPublisherWrite = UNSET
    wechat: None | Unset | WeChatAccountWrite = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.limits_override import LimitsOverride
        from ..models.manual_publisher_write import ManualPublisherWrite
        from ..models.we_chat_account_write import WeChatAccountWrite
        from ..models.webhook_publisher_write import WebhookPublisherWrite

        platform = self.platform.value

        name = self.name

        handle = self.handle

        timezone = self.timezone

        limits: dict[str, Any] | None | Unset
        if isinstance(self.limits, Unset):
            limits = UNSET
        elif isinstance(self.limits, LimitsOverride):
            limits = self.limits.to_dict()
        else:
            limits = self.limits

        prime_time_slots: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.prime_time_slots, Unset):
            prime_time_slots = []
            for prime_time_slots_item_data in self.prime_time_slots:
                prime_time_slots_item = prime_time_slots_item_data.to_dict()
                prime_time_slots.append(prime_time_slots_item)

        publisher: dict[str, Any] | Unset
        if isinstance(self.publisher, Unset):
            publisher = UNSET
        elif isinstance(self.publisher, WebhookPublisherWrite) or isinstance(
            self.publisher, ManualPublisherWrite
        ):
            publisher = self.publisher.to_dict()
        else:
            publisher = self.publisher.to_dict()

        wechat: dict[str, Any] | None | Unset
        if isinstance(self.wechat, Unset):
            wechat = UNSET
        elif isinstance(self.wechat, WeChatAccountWrite):
            wechat = self.wechat.to_dict()
        else:
            wechat = self.wechat

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "platform": platform,
                "name": name,
                "handle": handle,
            }
        )
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
        platform = Platform(d.pop("platform"))

        name = d.pop("name")

        handle = d.pop("handle")

        timezone = d.pop("timezone", UNSET)

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

        _prime_time_slots = d.pop("prime_time_slots", UNSET)
        prime_time_slots: list[PrimeTimeSlot] | Unset = UNSET
        if _prime_time_slots is not UNSET:
            prime_time_slots = []
            for prime_time_slots_item_data in _prime_time_slots:
                prime_time_slots_item = PrimeTimeSlot.from_dict(prime_time_slots_item_data)

                prime_time_slots.append(prime_time_slots_item)

        def _parse_publisher(
            data: object,
        ) -> ManualPublisherWrite | Unset | WebhookPublisherWrite | WeChatPublisherWrite:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                publisher_type_0 = WebhookPublisherWrite.from_dict(data)

                return publisher_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                publisher_type_1 = ManualPublisherWrite.from_dict(data)

                return publisher_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            publisher_type_2 = WeChatPublisherWrite.from_dict(data)

            return publisher_type_2

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

        channel_create = cls(
            platform=platform,
            name=name,
            handle=handle,
            timezone=timezone,
            limits=limits,
            prime_time_slots=prime_time_slots,
            publisher=publisher,
            wechat=wechat,
        )

        return channel_create
