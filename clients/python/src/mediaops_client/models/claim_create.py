from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.campaign_source_in import CampaignSourceIn


T = TypeVar("T", bound="ClaimCreate")


@_attrs_define
class ClaimCreate:
    """A customer claims one code of the batch.

    Attributes:
        customer_id (str): Who claims. The customer's id in the shop or user system (1 to 128 characters): the same id
            claims, redeems and appears in metrics as the actor.
        source (CampaignSourceIn | None | Unset): The publication that brought the customer: its tracking code, or
            explicit ids. Optional.
    """

    customer_id: str
    source: CampaignSourceIn | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.campaign_source_in import CampaignSourceIn

        customer_id = self.customer_id

        source: dict[str, Any] | None | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, CampaignSourceIn):
            source = self.source.to_dict()
        else:
            source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "customer_id": customer_id,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign_source_in import CampaignSourceIn

        d = dict(src_dict)
        customer_id = d.pop("customer_id")

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

        claim_create = cls(
            customer_id=customer_id,
            source=source,
        )

        return claim_create
