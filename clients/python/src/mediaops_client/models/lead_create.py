from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_source_in import CampaignSourceIn


T = TypeVar("T", bound="LeadCreate")


@_attrs_define
class LeadCreate:
    """Contact details a person left in an activity, with their consent.

    Attributes:
        campaign_id (UUID): The campaign that captured the lead; it must be of the caller's workspace.
        consent (bool): The person agreed to be contacted; must be true. At least one of phone, email or wechat_id is
            needed too.
        name (None | str | Unset): The person's name as they gave it, up to 200 characters.
        phone (None | str | Unset): A phone number, stored as E.164: a mainland China number may come without its
            country code (138 1234 5678, 010-8888 6666), any other needs its +code.
        email (None | str | Unset): An e-mail address, stored in lower case.
        wechat_id (None | str | Unset): A WeChat id: 6 to 20 letters, digits, _ or -, starting with a letter; stored in
            lower case.
        source_channel_id (None | str | Unset): The older spelling of source.channel_id: the content-svc channel that
            brought the lead. Prefer `source`.
        source (CampaignSourceIn | None | Unset): The publication that brought the lead: its tracking code, or explicit
            ids. Optional.
        customer_id (None | str | Unset): The person's customer id, where the activity knows it (their actor id in
            metrics; without it the lead is counted as lead:<lead id>).
    """

    campaign_id: UUID
    consent: bool
    name: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    wechat_id: None | str | Unset = UNSET
    source_channel_id: None | str | Unset = UNSET
    source: CampaignSourceIn | None | Unset = UNSET
    customer_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_source_in import CampaignSourceIn

        campaign_id = str(self.campaign_id)

        consent = self.consent

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

        source_channel_id: None | str | Unset
        if isinstance(self.source_channel_id, Unset):
            source_channel_id = UNSET
        else:
            source_channel_id = self.source_channel_id

        source: dict[str, Any] | None | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, CampaignSourceIn):
            source = self.source.to_dict()
        else:
            source = self.source

        customer_id: None | str | Unset
        if isinstance(self.customer_id, Unset):
            customer_id = UNSET
        else:
            customer_id = self.customer_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "campaign_id": campaign_id,
                "consent": consent,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if email is not UNSET:
            field_dict["email"] = email
        if wechat_id is not UNSET:
            field_dict["wechat_id"] = wechat_id
        if source_channel_id is not UNSET:
            field_dict["source_channel_id"] = source_channel_id
        if source is not UNSET:
            field_dict["source"] = source
        if customer_id is not UNSET:
            field_dict["customer_id"] = customer_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign_source_in import CampaignSourceIn

        d = dict(src_dict)
        campaign_id = UUID(d.pop("campaign_id"))

        consent = d.pop("consent")

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

        def _parse_source_channel_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_channel_id = _parse_source_channel_id(d.pop("source_channel_id", UNSET))

        def _parse_source(data: object) -> CampaignSourceIn | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                source_type_0 = CampaignSourceIn.from_dict(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignSourceIn | None | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_customer_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        customer_id = _parse_customer_id(d.pop("customer_id", UNSET))

        lead_create = cls(
            campaign_id=campaign_id,
            consent=consent,
            name=name,
            phone=phone,
            email=email,
            wechat_id=wechat_id,
            source_channel_id=source_channel_id,
            source=source,
            customer_id=customer_id,
        )

        return lead_create
