from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.campaign_kind import CampaignKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.goal import Goal


T = TypeVar("T", bound="CampaignUpdate")


@_attrs_define
class CampaignUpdate:
    """Every field optional; only the fields sent are changed.

    Attributes:
        name (None | str | Unset): The campaign's name as operators see it, 1 to 200 characters. Omit to leave it
            unchanged.
        kind (CampaignKind | None | Unset): What kind of activity it is (group_buy, flash_sale, holiday_promo, …). Omit
            to leave it unchanged.
        starts_at (datetime.datetime | None | Unset): When the campaign starts running (RFC 3339 with an offset;
            answered in UTC). A scheduled campaign runs from then without anyone touching it. Omit to leave it unchanged.
        ends_at (datetime.datetime | None | Unset): When the campaign ends (RFC 3339 with an offset; answered in UTC);
            after `starts_at`. Omit to leave it unchanged.
        budget_amount (int | None | Unset): The budget in minor units of `currency` (fen for CNY: 8000000 = ¥80,000), an
            integer. Omit to leave it unchanged.
        goals (list[Goal] | None | Unset): Up to 20 targets for metrics-svc metrics over the campaign's window. Replaces
            the list. Omit to leave it unchanged.
        channel_ids (list[str] | None | Unset): content-svc channels (accounts) the campaign runs on, up to 100.
            Replaces the list. Omit to leave it unchanged.
        post_ids (list[str] | None | Unset): content-svc posts that promote the campaign, up to 500. Replaces the list.
            Omit to leave it unchanged.
        group_ids (list[str] | None | Unset): community-svc groups (社群) the campaign runs in, up to 500. Replaces the
            list. Omit to leave it unchanged.
    """

    name: None | str | Unset = UNSET
    kind: CampaignKind | None | Unset = UNSET
    starts_at: datetime.datetime | None | Unset = UNSET
    ends_at: datetime.datetime | None | Unset = UNSET
    budget_amount: int | None | Unset = UNSET
    goals: list[Goal] | None | Unset = UNSET
    channel_ids: list[str] | None | Unset = UNSET
    post_ids: list[str] | None | Unset = UNSET
    group_ids: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        elif isinstance(self.kind, CampaignKind):
            kind = self.kind.value
        else:
            kind = self.kind

        starts_at: None | str | Unset
        if isinstance(self.starts_at, Unset):
            starts_at = UNSET
        elif isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        elif isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        budget_amount: int | None | Unset
        if isinstance(self.budget_amount, Unset):
            budget_amount = UNSET
        else:
            budget_amount = self.budget_amount

        goals: list[dict[str, Any]] | None | Unset
        if isinstance(self.goals, Unset):
            goals = UNSET
        elif isinstance(self.goals, list):
            goals = []
            for goals_type_0_item_data in self.goals:
                goals_type_0_item = goals_type_0_item_data.to_dict()
                goals.append(goals_type_0_item)

        else:
            goals = self.goals

        channel_ids: list[str] | None | Unset
        if isinstance(self.channel_ids, Unset):
            channel_ids = UNSET
        elif isinstance(self.channel_ids, list):
            channel_ids = self.channel_ids

        else:
            channel_ids = self.channel_ids

        post_ids: list[str] | None | Unset
        if isinstance(self.post_ids, Unset):
            post_ids = UNSET
        elif isinstance(self.post_ids, list):
            post_ids = self.post_ids

        else:
            post_ids = self.post_ids

        group_ids: list[str] | None | Unset
        if isinstance(self.group_ids, Unset):
            group_ids = UNSET
        elif isinstance(self.group_ids, list):
            group_ids = self.group_ids

        else:
            group_ids = self.group_ids

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if kind is not UNSET:
            field_dict["kind"] = kind
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if budget_amount is not UNSET:
            field_dict["budget_amount"] = budget_amount
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

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_kind(data: object) -> CampaignKind | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_0 = CampaignKind(data)

                return kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignKind | None | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_starts_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_at_type_0 = datetime.datetime.fromisoformat(data)

                return starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        starts_at = _parse_starts_at(d.pop("starts_at", UNSET))

        def _parse_ends_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ends_at = _parse_ends_at(d.pop("ends_at", UNSET))

        def _parse_budget_amount(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        budget_amount = _parse_budget_amount(d.pop("budget_amount", UNSET))

        def _parse_goals(data: object) -> list[Goal] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                goals_type_0 = []
                _goals_type_0 = data
                for goals_type_0_item_data in _goals_type_0:
                    goals_type_0_item = Goal.from_dict(goals_type_0_item_data)

                    goals_type_0.append(goals_type_0_item)

                return goals_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Goal] | None | Unset, data)

        goals = _parse_goals(d.pop("goals", UNSET))

        def _parse_channel_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                channel_ids_type_0 = cast(list[str], data)

                return channel_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        channel_ids = _parse_channel_ids(d.pop("channel_ids", UNSET))

        def _parse_post_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                post_ids_type_0 = cast(list[str], data)

                return post_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        post_ids = _parse_post_ids(d.pop("post_ids", UNSET))

        def _parse_group_ids(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                group_ids_type_0 = cast(list[str], data)

                return group_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        group_ids = _parse_group_ids(d.pop("group_ids", UNSET))

        campaign_update = cls(
            name=name,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            budget_amount=budget_amount,
            goals=goals,
            channel_ids=channel_ids,
            post_ids=post_ids,
            group_ids=group_ids,
        )

        return campaign_update
