from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.partner_platform import PartnerPlatform
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.partner_contact import PartnerContact


T = TypeVar("T", bound="PartnerCreate")


@_attrs_define
class PartnerCreate:
    """A partner account the team may pay to carry a post.

    Attributes:
        platform (PartnerPlatform): The platform a partner's account is on: the words content-svc's channels use
            (``tests/test_platform_vocabulary.py`` at the repository's root holds them equal), so a
            partner and the channel its post goes out on speak of a platform alike.
        handle (str): The account's handle on its platform, 1 to 100 characters (a leading @ is dropped); one partner
            per platform and handle in a workspace.
        display_name (str): The account's name as its audience sees it, 1 to 200 characters.
        audience (None | str | Unset): Whom the account speaks to (who follows it, what they buy), up to 4000
            characters. Optional.
        tone_tags (list[str] | Unset): Words for the account's tone and field (温柔, 测评, 平价…), up to 20 of 1 to 32
            characters, each once; the list filters by one (`?tag=`).
        follower_count (int | None | Unset): How many followers the account has, as last looked up; an integer ≥ 0.
            Optional.
        price_per_post (int | None | Unset): The account's price for one post in minor units of `currency` (fen for CNY:
            300000 = ¥3,000.00), an integer ≥ 0; a collaboration's agreed price defaults to it. Optional.
        currency (str | Unset): ISO 4217 code of the money's currency. Default CNY. Default: 'CNY'.
        contact (None | PartnerContact | Unset): How to reach the person behind the account: name, phone, e-mail, WeChat
            id (normalised as a lead's). Read back masked unless the caller holds `leads:pii`. Optional.
        notes (None | str | Unset): The team's own notes on the partner, up to 4000 characters. Optional.
    """

    platform: PartnerPlatform
    handle: str
    display_name: str
    audience: None | str | Unset = UNSET
    tone_tags: list[str] | Unset = UNSET
    follower_count: int | None | Unset = UNSET
    price_per_post: int | None | Unset = UNSET
    currency: str | Unset = "CNY"
    contact: None | PartnerContact | Unset = UNSET
    notes: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.partner_contact import PartnerContact

        platform = self.platform.value

        handle = self.handle

        display_name = self.display_name

        audience: None | str | Unset
        if isinstance(self.audience, Unset):
            audience = UNSET
        else:
            audience = self.audience

        tone_tags: list[str] | Unset = UNSET
        if not isinstance(self.tone_tags, Unset):
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

        field_dict.update(
            {
                "platform": platform,
                "handle": handle,
                "display_name": display_name,
            }
        )
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
        platform = PartnerPlatform(d.pop("platform"))

        handle = d.pop("handle")

        display_name = d.pop("display_name")

        def _parse_audience(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audience = _parse_audience(d.pop("audience", UNSET))

        tone_tags = cast(list[str], d.pop("tone_tags", UNSET))

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

        currency = d.pop("currency", UNSET)

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

        partner_create = cls(
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

        return partner_create
