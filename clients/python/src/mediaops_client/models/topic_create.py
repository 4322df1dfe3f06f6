from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TopicCreate")


@_attrs_define
class TopicCreate:
    """A topic idea (选题) to propose; it starts `proposed`.

    Attributes:
        title (str): What the topic is about (1 to 200 characters).
        brief (str | Unset): The idea in a few lines, free text (up to 20,000 characters). Default: ''.
        audience (str | Unset): Who it is for (up to 20,000 characters). Default: ''.
        pain_point (str | Unset): The reader's problem it answers (up to 20,000 characters). Default: ''.
        tags (list[str] | Unset): Up to 30 tags of 1 to 50 characters each.
        priority (int | Unset): 1 (highest) to 5 (lowest). Default 3. Default: 3.
        owner_id (None | str | Unset): Who drives the topic: a user id, as in a token's `sub`. Omitted: the caller.
        due_date (datetime.date | None | Unset): When the topic's post should be ready, `YYYY-MM-DD`; null: no date.
    """

    title: str
    brief: str | Unset = ""
    audience: str | Unset = ""
    pain_point: str | Unset = ""
    tags: list[str] | Unset = UNSET
    priority: int | Unset = 3
    owner_id: None | str | Unset = UNSET
    due_date: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        brief = self.brief

        audience = self.audience

        pain_point = self.pain_point

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        priority = self.priority

        owner_id: None | str | Unset
        if isinstance(self.owner_id, Unset):
            owner_id = UNSET
        else:
            owner_id = self.owner_id

        due_date: None | str | Unset
        if isinstance(self.due_date, Unset):
            due_date = UNSET
        elif isinstance(self.due_date, datetime.date):
            due_date = self.due_date.isoformat()
        else:
            due_date = self.due_date

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
        if brief is not UNSET:
            field_dict["brief"] = brief
        if audience is not UNSET:
            field_dict["audience"] = audience
        if pain_point is not UNSET:
            field_dict["pain_point"] = pain_point
        if tags is not UNSET:
            field_dict["tags"] = tags
        if priority is not UNSET:
            field_dict["priority"] = priority
        if owner_id is not UNSET:
            field_dict["owner_id"] = owner_id
        if due_date is not UNSET:
            field_dict["due_date"] = due_date

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        title = d.pop("title")

        brief = d.pop("brief", UNSET)

        audience = d.pop("audience", UNSET)

        pain_point = d.pop("pain_point", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        priority = d.pop("priority", UNSET)

        def _parse_owner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        owner_id = _parse_owner_id(d.pop("owner_id", UNSET))

        def _parse_due_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_date_type_0 = datetime.date.fromisoformat(data)

                return due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_date = _parse_due_date(d.pop("due_date", UNSET))

        topic_create = cls(
            title=title,
            brief=brief,
            audience=audience,
            pain_point=pain_point,
            tags=tags,
            priority=priority,
            owner_id=owner_id,
            due_date=due_date,
        )

        return topic_create
