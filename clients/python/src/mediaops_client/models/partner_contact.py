from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PartnerContact")


@_attrs_define
class PartnerContact:
    """The person behind a partner's account; at least one field.

    Attributes:
        name (None | str | Unset): The person's name, up to 200 characters.
        phone (None | str | Unset): A phone number, stored as E.164 (a mainland China number may come without its
            country code).
        email (None | str | Unset): An e-mail address, stored lower case.
        wechat_id (None | str | Unset): A WeChat id: 6 to 20 letters, digits, _ or -, starting with a letter; stored
            lower case.
    """

    name: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    wechat_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        wechat_id: None | str | Unset
        if isinstance(self.wechat_id, Unset):
            wechat_id = UNSET
        else:
            wechat_id = self.wechat_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if email is not UNSET:
            field_dict["email"] = email
        if wechat_id is not UNSET:
            field_dict["wechat_id"] = wechat_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_wechat_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        wechat_id = _parse_wechat_id(d.pop("wechat_id", UNSET))

        partner_contact = cls(
            name=name,
            phone=phone,
            email=email,
            wechat_id=wechat_id,
        )

        return partner_contact
