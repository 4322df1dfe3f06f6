from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.partner_platform import PartnerPlatform
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.partner_contact import PartnerContact


T = TypeVar("T", bound="PartnerUpdate")


@_attrs_define
class PartnerUpdate:
    """Only the fields sent change; null clears an optional one (audience, follower_count,
    price_per_post, contact, notes).

        Attributes:
            platform (None | PartnerPlatform | Unset): The platform the account is on, in content-svc's channel words
                (wechat_oa, weibo, xiaohongshu, douyin, kuaishou, zhihu, bilibili, douban, tiktok, webhook, other). Omit to
                leave it unchanged.
            handle (None | str | Unset): The account's handle on its platform, 1 to 100 characters (a leading @ is dropped);
                one partner per platform and handle in a workspace. Omit to leave it unchanged.
            display_name (None | str | Unset): The account's name as its audience sees it, 1 to 200 characters. Omit to
                leave it unchanged.
            audience (None | str | Unset): Whom the account speaks to (who follows it, what they buy), up to 4000
                characters. Omit to leave it unchanged. null clears it.
            tone_tags (list[str] | None | Unset): Words for the account's tone and field (温柔, 测评, 平价…), up to 20 of 1 to 32
                characters, each once; the list filters by one (`?tag=`). Replaces the list. Omit to leave it unchanged.
            follower_count (int | None | Unset): How many followers the account has, as last looked up; an integer ≥ 0. Omit
                to leave it unchanged. null clears it.
            price_per_post (int | None | Unset): The account's price for one post in minor units of `currency` (fen for CNY:
                300000 = ¥3,000.00), an integer ≥ 0; a collaboration's agreed price defaults to it. Omit to leave it unchanged.
                null clears it.
            currency (None | str | Unset): ISO 4217 code of the money's currency. Omit to leave it unchanged.
            contact (None | PartnerContact | Unset): How to reach the person behind the account: name, phone, e-mail, WeChat
                id (normalised as a lead's). Read back masked unless the caller holds `leads:pii`. Replaces the whole contact.
                Omit to leave it unchanged. null clears it.
            notes (None | str | Unset): The team's own notes on the partner, up to 4000 characters. Omit to leave it
                unchanged. null clears it.
    """

    platform: None | PartnerPlatform | Unset = UNSET
    handle: None | str | Unset = UNSET
    display_name: None | str | Unset = UNSET
    audience: None | str | Unset = UNSET
    tone_tags: list[str] | None | Unset = UNSET
    follower_count: int | None | Unset = UNSET
    price_per_post: int | None | Unset = UNSET
    currency: None | str | Unset = UNSET
    contact: None | PartnerContact | Unset = UNSET
    notes: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.partner_contact import PartnerContact

        platform: None | str | Unset
        if isinstance(self.platform, Unset):
            platform = UNSET
        elif isinstance(self.platform, PartnerPlatform):
            platform = self.platform.value
        else:
            platform = self.platform

        handle: None | str | Unset
        if isinstance(self.handle, Unset):
            handle = UNSET
        else:
            handle = self.handle

        display_name: None | str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        audience: None | str | Unset
        if isinstance(self.audience, Unset):
            audience = UNSET
        else:
            audience = self.audience

        tone_tags: list[str] | None | Unset
        if isinstance(self.tone_tags, Unset):
            tone_tags = UNSET
        elif isinstance(self.tone_tags, list):
            tone_tags = self.tone_tags

        else:
            tone_tags = self.tone_tags

        follower_count: int | None | Unset
        if isinstance(self.follower_count, Unset):
            follower_count = UNSET
        else:
            follower_count = self.follower_count

        price_per_post: int | None | Unset
        if isinstance(self.price_per_post, Unset):
            price_per_post = UNSET
        else:
            price_per_post = self.price_per_post

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        contact: dict[str, Any] | None | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, PartnerContact):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if platform is not UNSET:
            field_dict["platform"] = platform
        if handle is not UNSET:
            field_dict["handle"] = handle
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if audience is not UNSET:
            field_dict["audience"] = audience
        if tone_tags is not UNSET:
            field_dict["tone_tags"] = tone_tags
        if follower_count is not UNSET:
            field_dict["follower_count"] = follower_count
        if price_per_post is not UNSET:
            field_dict["price_per_post"] = price_per_post
        if currency is not UNSET:
            field_dict["currency"] = currency
        if contact is not UNSET:
            field_dict["contact"] = contact
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.partner_contact import PartnerContact

        d = dict(src_dict)

        def _parse_platform(data: object) -> None | PartnerPlatform | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                platform_type_0 = PartnerPlatform(data)

                return platform_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PartnerPlatform | Unset, data)

        platform = _parse_platform(d.pop("platform", UNSET))

        def _parse_handle(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        handle = _parse_handle(d.pop("handle", UNSET))

        def _parse_display_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))

        def _parse_audience(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audience = _parse_audience(d.pop("audience", UNSET))

        def _parse_tone_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tone_tags_type_0 = cast(list[str], data)

                return tone_tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tone_tags = _parse_tone_tags(d.pop("tone_tags", UNSET))

        def _parse_follower_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        follower_count = _parse_follower_count(d.pop("follower_count", UNSET))

        def _parse_price_per_post(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        price_per_post = _parse_price_per_post(d.pop("price_per_post", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_contact(data: object) -> None | PartnerContact | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = PartnerContact.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PartnerContact | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        partner_update = cls(
            platform=platform,
            handle=handle,
            display_name=display_name,
            audience=audience,
            tone_tags=tone_tags,
            follower_count=follower_count,
            price_per_post=price_per_post,
            currency=currency,
            contact=contact,
            notes=notes,
        )

        return partner_update
