from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.collaboration_status import CollaborationStatus

if TYPE_CHECKING:
    from ..models.collaboration_numbers import CollaborationNumbers


T = TypeVar("T", bound="CollaborationRoi")


@_attrs_define
class CollaborationRoi:
    """A collaboration's cost and what its publication brought: leads, joins, coupon claims,
    redemptions and GMV, its return on investment and cost per lead.

        Attributes:
            collaboration_id (UUID): The collaboration measured.
            partner_id (UUID): Its partner.
            status (CollaborationStatus): proposed → agreed → published → paid; any but paid → cancelled. Paid and cancelled
                are
                final (``partners.service.TRANSITIONS``).
            publication_id (None | UUID): The publication whose numbers count; null when none is linked.
            tracking_code (None | str): That publication's tracking code; null without one or while content-svc cannot be
                asked.
            currency (str): The currency of cost (and, as sold, of gmv).
            cost (int): The agreed price, minor units: what the post cost.
            tz (str): The time zone the window's days are read in.
            window_start (datetime.datetime): The window's start: `from` at midnight in `tz`, as an instant.
            window_end (datetime.datetime): The window's end (exclusive): the day after `to` at midnight in `tz`.
            numbers (CollaborationNumbers): What a collaboration's publication brought in the window, from metrics-svc's
                attribution, against its cost.
    """

    collaboration_id: UUID
    partner_id: UUID
    status: CollaborationStatus
    publication_id: None | UUID
    tracking_code: None | str
    currency: str
    cost: int
    tz: str
    window_start: datetime.datetime
    window_end: datetime.datetime
    numbers: CollaborationNumbers
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        collaboration_id = str(self.collaboration_id)

        partner_id = str(self.partner_id)

        status = self.status.value

        publication_id: None | str
        if isinstance(self.publication_id, UUID):
            publication_id = str(self.publication_id)
        else:
            publication_id = self.publication_id

        tracking_code: None | str
        tracking_code = self.tracking_code

        currency = self.currency

        cost = self.cost

        tz = self.tz

        window_start = self.window_start.isoformat()

        window_end = self.window_end.isoformat()

        numbers = self.numbers.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "collaboration_id": collaboration_id,
                "partner_id": partner_id,
                "status": status,
                "publication_id": publication_id,
                "tracking_code": tracking_code,
                "currency": currency,
                "cost": cost,
                "tz": tz,
                "window_start": window_start,
                "window_end": window_end,
                "numbers": numbers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.collaboration_numbers import CollaborationNumbers

        d = dict(src_dict)
        collaboration_id = UUID(d.pop("collaboration_id"))

        partner_id = UUID(d.pop("partner_id"))

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

        currency = d.pop("currency")

        cost = d.pop("cost")

        tz = d.pop("tz")

        window_start = datetime.datetime.fromisoformat(d.pop("window_start"))

        window_end = datetime.datetime.fromisoformat(d.pop("window_end"))

        numbers = CollaborationNumbers.from_dict(d.pop("numbers"))

        collaboration_roi = cls(
            collaboration_id=collaboration_id,
            partner_id=partner_id,
            status=status,
            publication_id=publication_id,
            tracking_code=tracking_code,
            currency=currency,
            cost=cost,
            tz=tz,
            window_start=window_start,
            window_end=window_end,
            numbers=numbers,
        )

        collaboration_roi.additional_properties = d
        return collaboration_roi

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
