from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CollaborationCreate")


@_attrs_define
class CollaborationCreate:
    """A collaboration with a partner; it starts as proposed.

    Attributes:
        partner_id (UUID): The partner who carries the post; of the caller's workspace.
        brief (str): What the partner is asked to post: message, must-haves, the code to carry; 1 to 4000.
        due_date (datetime.date): The day the post is due to go out (YYYY-MM-DD, 1970-01-01 to 2200-01-01).
        campaign_id (None | Unset | UUID): The campaign the collaboration works for, of the caller's workspace;
            optional.
        agreed_price (int | None | Unset): The price agreed for the post in minor units of `currency` (fen for CNY:
            250000 = ¥2,500.00), an integer ≥ 0: the collaboration's cost in its return. Default: the partner's
            price_per_post (422 when it has none).
        currency (None | str | Unset): ISO 4217 code of the money's currency. Default: the partner's currency.
        publication_id (None | Unset | UUID): content-svc's publication that carries the post (the partner's post
            recorded as a publication, whose tracking code its links, QR codes and coupons carry): what the collaboration's
            return is counted by. Another workspace's or an unknown publication is a 404. Optional: link it later with
            PATCH.
    """

    partner_id: UUID
    brief: str
    due_date: datetime.date
    campaign_id: None | Unset | UUID = UNSET
    agreed_price: int | None | Unset = UNSET
    currency: None | str | Unset = UNSET
    publication_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        partner_id = str(self.partner_id)

        brief = self.brief

        due_date = self.due_date.isoformat()

        campaign_id: None | str | Unset
        if isinstance(self.campaign_id, Unset):
            campaign_id = UNSET
        elif isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        agreed_price: int | None | Unset
        if isinstance(self.agreed_price, Unset):
            agreed_price = UNSET
        else:
            agreed_price = self.agreed_price

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        publication_id: None | str | Unset
        if isinstance(self.publication_id, Unset):
            publication_id = UNSET
        elif isinstance(self.publication_id, UUID):
            publication_id = str(self.publication_id)
        else:
            publication_id = self.publication_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "partner_id": partner_id,
                "brief": brief,
                "due_date": due_date,
            }
        )
        if campaign_id is not UNSET:
            field_dict["campaign_id"] = campaign_id
        if agreed_price is not UNSET:
            field_dict["agreed_price"] = agreed_price
        if currency is not UNSET:
            field_dict["currency"] = currency
        if publication_id is not UNSET:
            field_dict["publication_id"] = publication_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        partner_id = UUID(d.pop("partner_id"))

        brief = d.pop("brief")

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        def _parse_campaign_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)

                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id", UNSET))

        def _parse_agreed_price(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        agreed_price = _parse_agreed_price(d.pop("agreed_price", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_publication_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publication_id_type_0 = UUID(data)

                return publication_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        publication_id = _parse_publication_id(d.pop("publication_id", UNSET))

        collaboration_create = cls(
            partner_id=partner_id,
            brief=brief,
            due_date=due_date,
            campaign_id=campaign_id,
            agreed_price=agreed_price,
            currency=currency,
            publication_id=publication_id,
        )

        return collaboration_create
