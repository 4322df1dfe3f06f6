from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.campaign_kind import CampaignKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.goal import Goal


T = TypeVar("T", bound="CampaignCreate")


@_attrs_define
class CampaignCreate:
    """A new campaign; it starts as a draft.

    Attributes:
        name (str): The campaign's name as operators see it, 1 to 200 characters.
        kind (CampaignKind): What kind of activity a campaign is.
        starts_at (datetime.datetime): When the campaign starts running (RFC 3339 with an offset; answered in UTC). A
            scheduled campaign runs from then without anyone touching it.
        ends_at (datetime.datetime): When the campaign ends (RFC 3339 with an offset; answered in UTC); after
            `starts_at`.
        budget_amount (int | None | Unset): The budget in minor units of `currency` (fen for CNY: 8000000 = ¥80,000), an
            integer. Optional.
        currency (str | Unset): ISO 4217 code of the budget's currency. Default: 'CNY'.
        goals (list[Goal] | Unset): Up to 20 targets for metrics-svc metrics over the campaign's window.
        channel_ids (list[str] | Unset): content-svc channels (accounts) the campaign runs on, up to 100.
        post_ids (list[str] | Unset): content-svc posts that promote the campaign, up to 500.
        group_ids (list[str] | Unset): community-svc groups (社群) the campaign runs in, up to 500.
    """

    name: str
    kind: CampaignKind
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    budget_amount: int | None | Unset = UNSET
    currency: str | Unset = "CNY"
    goals: list[Goal] | Unset = UNSET
    channel_ids: list[str] | Unset = UNSET
    post_ids: list[str] | Unset = UNSET
    group_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        kind = self.kind.value

        starts_at = self.starts_at.isoformat()

        ends_at = self.ends_at.isoformat()

        budget_amount: int | None | Unset
        if isinstance(self.budget_amount, Unset):
            budget_amount = UNSET
        else:
            budget_amount = self.budget_amount

        currency = self.currency

        goals: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.goals, Unset):
            goals = []
            for goals_item_data in self.goals:
                goals_item = goals_item_data.to_dict()
                goals.append(goals_item)

        channel_ids: list[str] | Unset = UNSET
        if not isinstance(self.channel_ids, Unset):
            channel_ids = self.channel_ids

        post_ids: list[str] | Unset = UNSET
        if not isinstance(self.post_ids, Unset):
            post_ids = self.post_ids

        group_ids: list[str] | Unset = UNSET
        if not isinstance(self.group_ids, Unset):
            group_ids = self.group_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "kind": kind,
                "starts_at": starts_at,
                "ends_at": ends_at,
            }
        )
        if budget_amount is not UNSET:
            field_dict["budget_amount"] = budget_amount
        if currency is not UNSET:
            field_dict["currency"] = currency
        if goals is not UNSET:
            field_dict["goals"] = goals
        if channel_ids is not UNSET:
            field_dict["channel_ids"] = channel_ids
        if post_ids is not UNSET:
            field_dict["post_ids"] = post_ids
        if group_ids is not UNSET:
            field_dict["group_ids"] = group_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.goal import Goal

        d = dict(src_dict)
        name = d.pop("name")

        kind = CampaignKind(d.pop("kind"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        def _parse_budget_amount(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        budget_amount = _parse_budget_amount(d.pop("budget_amount", UNSET))

        currency = d.pop("currency", UNSET)

        _goals = d.pop("goals", UNSET)
        goals: list[Goal] | Unset = UNSET
        if _goals is not UNSET:
            goals = []
            for goals_item_data in _goals:
                goals_item = Goal.from_dict(goals_item_data)

                goals.append(goals_item)

        channel_ids = cast(list[str], d.pop("channel_ids", UNSET))

        post_ids = cast(list[str], d.pop("post_ids", UNSET))

        group_ids = cast(list[str], d.pop("group_ids", UNSET))

        campaign_create = cls(
            name=name,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            budget_amount=budget_amount,
            currency=currency,
            goals=goals,
            channel_ids=channel_ids,
            post_ids=post_ids,
            group_ids=group_ids,
        )

        return campaign_create
