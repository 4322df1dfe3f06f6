from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PartnerContactRead")


@_attrs_define
class PartnerContactRead:
    """The contact as the caller may see it: masked without `leads:pii`.

    Attributes:
        name (None | str): The person's name; masked (陈**) without leads:pii.
        phone (None | str): E.164 phone; masked (139****8000) without leads:pii.
        email (None | str): E-mail; masked (x***@example.com) without leads:pii.
        wechat_id (None | str): WeChat id; masked (x***d) without leads:pii.
        masked (bool): true unless the caller holds the leads:pii scope.
    """

    name: None | str
    phone: None | str
    email: None | str
    wechat_id: None | str
    masked: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: None | str
        name = self.name

        phone: None | str
        phone = self.phone

        email: None | str
        email = self.email

        wechat_id: None | str
        wechat_id = self.wechat_id

        masked = self.masked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "phone": phone,
                "email": email,
                "wechat_id": wechat_id,
                "masked": masked,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_wechat_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        wechat_id = _parse_wechat_id(d.pop("wechat_id"))

        masked = d.pop("masked")

        partner_contact_read = cls(
            name=name,
            phone=phone,
            email=email,
            wechat_id=wechat_id,
            masked=masked,
        )

        partner_contact_read.additional_properties = d
        return partner_contact_read

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
