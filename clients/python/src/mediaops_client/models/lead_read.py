from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_source_read import CampaignSourceRead


T = TypeVar("T", bound="LeadRead")


@_attrs_define
class LeadRead:
    """A lead as the caller may see it: contact details masked without `leads:pii`.

    Attributes:
        id (UUID): The lead's id.
        campaign_id (UUID): The campaign that captured it.
        name (None | str): The person's name. Masked unless the caller holds `leads:pii` (张**).
        phone (None | str): E.164 phone number. Masked unless the caller holds `leads:pii` (138****5678).
        email (None | str): E-mail address. Masked unless the caller holds `leads:pii` (x***@example.com).
        wechat_id (None | str): WeChat id. Masked unless the caller holds `leads:pii` (z***6).
        source_channel_id (None | str): The channel that brought the lead (the same as source.channel_id); the list
            filters by it.
        consent_at (datetime.datetime): When the person gave consent (the capture), UTC.
        created_at (datetime.datetime): When the lead was captured, UTC.
        masked (bool): true unless the caller holds the leads:pii scope.
        source (CampaignSourceRead | None | Unset): Where the lead came from; null when the capture named none.
        customer_id (None | str | Unset): The person's customer id, where the activity knows it (their actor id in
            metrics; without it the lead is counted as lead:<lead id>).
        duplicate (bool | Unset): On capture: true when the person (same phone, e-mail or WeChat id) was already a lead
            of this campaign; the answer is that lead. Default: False.
    """

    id: UUID
    campaign_id: UUID
    name: None | str
    phone: None | str
    email: None | str
    wechat_id: None | str
    source_channel_id: None | str
    consent_at: datetime.datetime
    created_at: datetime.datetime
    masked: bool
    source: CampaignSourceRead | None | Unset = UNSET
    customer_id: None | str | Unset = UNSET
    duplicate: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_source_read import CampaignSourceRead

        id = str(self.id)

        campaign_id = str(self.campaign_id)

        name: None | str
        name = self.name

        phone: None | str
        phone = self.phone

        email: None | str
        email = self.email

        wechat_id: None | str
        wechat_id = self.wechat_id

        source_channel_id: None | str
        source_channel_id = self.source_channel_id

        consent_at = self.consent_at.isoformat()

        created_at = self.created_at.isoformat()

        masked = self.masked

        source: dict[str, Any] | None | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, CampaignSourceRead):
            source = self.source.to_dict()
        else:
            source = self.source

        customer_id: None | str | Unset
        if isinstance(self.customer_id, Unset):
            customer_id = UNSET
        else:
            customer_id = self.customer_id

        duplicate = self.duplicate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "campaign_id": campaign_id,
                "name": name,
                "phone": phone,
                "email": email,
                "wechat_id": wechat_id,
                "source_channel_id": source_channel_id,
                "consent_at": consent_at,
                "created_at": created_at,
                "masked": masked,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source
        if customer_id is not UNSET:
            field_dict["customer_id"] = customer_id
        if duplicate is not UNSET:
            field_dict["duplicate"] = duplicate

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign_source_read import CampaignSourceRead

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        campaign_id = UUID(d.pop("campaign_id"))

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

        def _parse_source_channel_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source_channel_id = _parse_source_channel_id(d.pop("source_channel_id"))

        consent_at = datetime.datetime.fromisoformat(d.pop("consent_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        masked = d.pop("masked")

        def _parse_source(data: object) -> CampaignSourceRead | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0 = CampaignSourceRead.from_dict(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignSourceRead | None | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_customer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_id = _parse_customer_id(d.pop("customer_id", UNSET))

        duplicate = d.pop("duplicate", UNSET)

        lead_read = cls(
            id=id,
            campaign_id=campaign_id,
            name=name,
            phone=phone,
            email=email,
            wechat_id=wechat_id,
            source_channel_id=source_channel_id,
            consent_at=consent_at,
            created_at=created_at,
            masked=masked,
            source=source,
            customer_id=customer_id,
            duplicate=duplicate,
        )

        lead_read.additional_properties = d
        return lead_read

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
