from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TopicUpdate")


@_attrs_define
class TopicUpdate:
    """Every field optional; only the fields sent are changed (status moves by transitions).

    Only ``owner_id`` and ``due_date`` may be cleared with null.

        Attributes:
            title (None | str | Unset): What the topic is about (1 to 200 characters).
            brief (None | str | Unset): The idea in a few lines, free text (up to 20,000 characters).
            audience (None | str | Unset): Who it is for (up to 20,000 characters).
            pain_point (None | str | Unset): The reader's problem it answers (up to 20,000 characters).
            tags (list[str] | None | Unset): Up to 30 tags of 1 to 50 characters each. Replaces the list.
            priority (int | None | Unset): 1 (highest) to 5 (lowest).
            owner_id (None | str | Unset): Who drives the topic: a user id, as in a token's `sub`. null: nobody.
            due_date (datetime.date | None | Unset): When the topic's post should be ready, `YYYY-MM-DD`; null: no date.
    """

    title: None | str | Unset = UNSET
    brief: None | str | Unset = UNSET
    audience: None | str | Unset = UNSET
    pain_point: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    priority: int | None | Unset = UNSET
    owner_id: None | str | Unset = UNSET
    due_date: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        brief: None | str | Unset
        if isinstance(self.brief, Unset):
            brief = UNSET
        else:
            brief = self.brief

        audience: None | str | Unset
        if isinstance(self.audience, Unset):
            audience = UNSET
        else:
            audience = self.audience

        pain_point: None | str | Unset
        if isinstance(self.pain_point, Unset):
            pain_point = UNSET
        else:
            pain_point = self.pain_point

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        priority: int | None | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        else:
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

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
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

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_brief(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        brief = _parse_brief(d.pop("brief", UNSET))

        def _parse_audience(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        audience = _parse_audience(d.pop("audience", UNSET))

        def _parse_pain_point(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pain_point = _parse_pain_point(d.pop("pain_point", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_priority(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

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

        topic_update = cls(
            title=title,
            brief=brief,
            audience=audience,
            pain_point=pain_point,
            tags=tags,
            priority=priority,
            owner_id=owner_id,
            due_date=due_date,
        )

        return topic_update
