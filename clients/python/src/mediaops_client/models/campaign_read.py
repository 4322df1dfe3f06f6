from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.campaign_kind import CampaignKind
from ..models.campaign_status import CampaignStatus

if TYPE_CHECKING:
    from ..models.campaign_goal_read import CampaignGoalRead


T = TypeVar("T", bound="CampaignRead")


@_attrs_define
class CampaignRead:
    """A campaign as stored, its status read with the clock, its goals with live progress.

    Attributes:
        id (UUID): The campaign's id.
        name (str): The campaign's name as operators see it, 1 to 200 characters.
        kind (CampaignKind): What kind of activity a campaign is.
        status (CampaignStatus): Where a campaign stands: stored as an operator chose it, read with the clock applied.
        starts_at (datetime.datetime): When the campaign starts running, UTC.
        ends_at (datetime.datetime): When the campaign ends, UTC.
        budget_amount (int | None): The budget in minor units of `currency` (fen for CNY); null when none.
        currency (str): ISO 4217 code of the budget's currency.
        goals (list[CampaignGoalRead]): Each goal with its live progress from metrics-svc (cached ~30 s).
        channel_ids (list[str]): content-svc channels the campaign runs on.
        post_ids (list[str]): content-svc posts that promote it.
        group_ids (list[str]): community-svc groups it runs in.
        version (int): Counts the campaign's changes; the `ETag` carries it: send it back as `If-Match` to change the
            campaign only if nobody else has since.
        created_at (datetime.datetime): When the campaign was created, UTC.
        updated_at (datetime.datetime): When it last changed, UTC.
    """

    id: UUID
    name: str
    kind: CampaignKind
    status: CampaignStatus
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    budget_amount: int | None
    currency: str
    goals: list[CampaignGoalRead]
    channel_ids: list[str]
    post_ids: list[str]
    group_ids: list[str]
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        kind = self.kind.value

        status = self.status.value

        starts_at = self.starts_at.isoformat()

        ends_at = self.ends_at.isoformat()

        budget_amount: int | None
        budget_amount = self.budget_amount

        currency = self.currency

        goals = []
        for goals_item_data in self.goals:
            goals_item = goals_item_data.to_dict()
            goals.append(goals_item)

        channel_ids = self.channel_ids

        post_ids = self.post_ids

        group_ids = self.group_ids

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "kind": kind,
                "status": status,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "budget_amount": budget_amount,
                "currency": currency,
                "goals": goals,
                "channel_ids": channel_ids,
                "post_ids": post_ids,
                "group_ids": group_ids,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.campaign_goal_read import CampaignGoalRead

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        kind = CampaignKind(d.pop("kind"))

        status = CampaignStatus(d.pop("status"))

        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))

        def _parse_budget_amount(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        budget_amount = _parse_budget_amount(d.pop("budget_amount"))

        currency = d.pop("currency")

        goals = []
        _goals = d.pop("goals")
        for goals_item_data in _goals:
            goals_item = CampaignGoalRead.from_dict(goals_item_data)

            goals.append(goals_item)

        channel_ids = cast(list[str], d.pop("channel_ids"))

        post_ids = cast(list[str], d.pop("post_ids"))

        group_ids = cast(list[str], d.pop("group_ids"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        campaign_read = cls(
            id=id,
            name=name,
            kind=kind,
            status=status,
            starts_at=starts_at,
            ends_at=ends_at,
            budget_amount=budget_amount,
            currency=currency,
            goals=goals,
            channel_ids=channel_ids,
            post_ids=post_ids,
            group_ids=group_ids,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        campaign_read.additional_properties = d
        return campaign_read

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
