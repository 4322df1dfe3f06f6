from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.partner_platform import PartnerPlatform

if TYPE_CHECKING:
    from ..models.partner_contact_read import PartnerContactRead


T = TypeVar("T", bound="PartnerRead")


@_attrs_define
class PartnerRead:
    """A partner account, its contact masked unless the caller holds `leads:pii`.

    Attributes:
        id (UUID): The partner's id.
        platform (PartnerPlatform): The platform a partner's account is on: the words content-svc's channels use
            (``tests/test_platform_vocabulary.py`` at the repository's root holds them equal), so a
            partner and the channel its post goes out on speak of a platform alike.
        handle (str): The account's handle on its platform (without @).
        display_name (str): The account's name as its audience sees it, 1 to 200 characters.
        audience (None | str): Whom the account speaks to (who follows it, what they buy), up to 4000 characters. null
            when not given.
        tone_tags (list[str]): Words for the account's tone and field (温柔, 测评, 平价…), up to 20 of 1 to 32 characters,
            each once; the list filters by one (`?tag=`).
        follower_count (int | None): How many followers the account has, as last looked up; an integer ≥ 0. null when
            not given.
        price_per_post (int | None): The account's price for one post in minor units of `currency` (fen for CNY: 300000
            = ¥3,000.00), an integer ≥ 0; a collaboration's agreed price defaults to it. null when not given.
        currency (str): ISO 4217 code of the money's currency.
        contact (None | PartnerContactRead): How to reach the person behind the account: name, phone, e-mail, WeChat id
            (normalised as a lead's). Read back masked unless the caller holds `leads:pii`. null when none.
        notes (None | str): The team's own notes on the partner, up to 4000 characters. null when none.
        version (int): Counts the partner's changes; the `ETag` carries it: send it back as `If-Match` to change the
            partner only if nobody else has since.
        created_at (datetime.datetime): When the partner was added, UTC.
        updated_at (datetime.datetime): When it last changed, UTC.
    """

    id: UUID
    platform: PartnerPlatform
    handle: str
    display_name: str
    audience: None | str
    tone_tags: list[str]
    follower_count: int | None
    price_per_post: int | None
    currency: str
    contact: None | PartnerContactRead
    notes: None | str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.partner_contact_read import PartnerContactRead

        id = str(self.id)

        platform = self.platform.value

        handle = self.handle

        display_name = self.display_name

        audience: None | str
        audience = self.audience

        tone_tags = self.tone_tags

        follower_count: int | None
        follower_count = self.follower_count

        price_per_post: int | None
        price_per_post = self.price_per_post

        currency = self.currency

        contact: dict[str, Any] | None
        if isinstance(self.contact, PartnerContactRead):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        notes: None | str
        notes = self.notes

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "platform": platform,
                "handle": handle,
                "display_name": display_name,
                "audience": audience,
                "tone_tags": tone_tags,
                "follower_count": follower_count,
                "price_per_post": price_per_post,
                "currency": currency,
                "contact": contact,
                "notes": notes,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.partner_contact_read import PartnerContactRead

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        platform = PartnerPlatform(d.pop("platform"))

        handle = d.pop("handle")

        display_name = d.pop("display_name")

        def _parse_audience(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        audience = _parse_audience(d.pop("audience"))

        tone_tags = cast(list[str], d.pop("tone_tags"))

        def _parse_follower_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        follower_count = _parse_follower_count(d.pop("follower_count"))

        def _parse_price_per_post(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        price_per_post = _parse_price_per_post(d.pop("price_per_post"))

        currency = d.pop("currency")

        def _parse_contact(data: object) -> None | PartnerContactRead:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_0 = PartnerContactRead.from_dict(data)

                return contact_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PartnerContactRead, data)

        contact = _parse_contact(d.pop("contact"))

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        partner_read = cls(
            id=id,
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
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        partner_read.additional_properties = d
        return partner_read

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
