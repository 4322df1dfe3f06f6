from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.collaboration_status import CollaborationStatus

T = TypeVar("T", bound="CollaborationRead")


@_attrs_define
class CollaborationRead:
    """A collaboration with a partner, and the publication that carries it.

    Attributes:
        id (UUID): The collaboration's id.
        partner_id (UUID): The partner who carries the post; of the caller's workspace.
        campaign_id (None | UUID): The campaign it works for; null if none.
        brief (str): What the partner is asked to post: message, must-haves, the code to carry; 1 to 4000.
        agreed_price (int): The price agreed for the post in minor units of `currency` (fen for CNY: 250000 =
            ¥2,500.00), an integer ≥ 0: the collaboration's cost in its return.
        currency (str): ISO 4217 code of the money's currency.
        due_date (datetime.date): The day the post is due to go out.
        status (CollaborationStatus): proposed → agreed → published → paid; any but paid → cancelled. Paid and cancelled
            are
            final (``partners.service.TRANSITIONS``).
        publication_id (None | UUID): content-svc's publication that carries the post; null until linked.
        tracking_code (None | str): That publication's tracking code, as content-svc tells it: what the people the post
            brings carry (source.tracking_code of a lead, claim or redemption). null without a publication, or while
            content-svc cannot be asked.
        version (int): Counts the collaboration's changes; the `ETag` carries it, for `If-Match`.
        created_at (datetime.datetime): When it was proposed, UTC.
        updated_at (datetime.datetime): When it last changed, UTC.
    """

    id: UUID
    partner_id: UUID
    campaign_id: None | UUID
    brief: str
    agreed_price: int
    currency: str
    due_date: datetime.date
    status: CollaborationStatus
    publication_id: None | UUID
    tracking_code: None | str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        partner_id = str(self.partner_id)

        campaign_id: None | str
        if isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        brief = self.brief

        agreed_price = self.agreed_price

        currency = self.currency

        due_date = self.due_date.isoformat()

        status = self.status.value

        publication_id: None | str
        if isinstance(self.publication_id, UUID):
            publication_id = str(self.publication_id)
        else:
            publication_id = self.publication_id

        tracking_code: None | str
        tracking_code = self.tracking_code

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "partner_id": partner_id,
                "campaign_id": campaign_id,
                "brief": brief,
                "agreed_price": agreed_price,
                "currency": currency,
                "due_date": due_date,
                "status": status,
                "publication_id": publication_id,
                "tracking_code": tracking_code,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        partner_id = UUID(d.pop("partner_id"))

        def _parse_campaign_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)

                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id"))

        brief = d.pop("brief")

        agreed_price = d.pop("agreed_price")

        currency = d.pop("currency")

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        status = CollaborationStatus(d.pop("status"))

        def _parse_publication_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publication_id_type_0 = UUID(data)

                return publication_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        publication_id = _parse_publication_id(d.pop("publication_id"))

        def _parse_tracking_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tracking_code = _parse_tracking_code(d.pop("tracking_code"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        collaboration_read = cls(
            id=id,
            partner_id=partner_id,
            campaign_id=campaign_id,
            brief=brief,
            agreed_price=agreed_price,
            currency=currency,
            due_date=due_date,
            status=status,
            publication_id=publication_id,
            tracking_code=tracking_code,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        collaboration_read.additional_properties = d
        return collaboration_read

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
