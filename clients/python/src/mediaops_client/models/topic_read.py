from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.topic_status import TopicStatus

T = TypeVar("T", bound="TopicRead")


@_attrs_define
class TopicRead:
    """A topic idea (选题) and where it stands.

    Attributes:
        id (UUID): The topic's id, set by MediaOps.
        title (str): What the topic is about (1 to 200 characters).
        brief (str): The idea in a few lines, free text (up to 20,000 characters).
        audience (str): Who it is for (up to 20,000 characters).
        pain_point (str): The reader's problem it answers (up to 20,000 characters).
        tags (list[str]): The topic's tags, in the order written.
        priority (int): 1 (highest) to 5 (lowest).
        owner_id (None | str): Who drives the topic: a user id, as in a token's `sub`. null: nobody.
        due_date (datetime.date | None): When the topic's post should be ready, `YYYY-MM-DD`; null: no date.
        status (TopicStatus): Where a topic stands: proposed, then accepted or rejected; accepted ones end done.
        version (int): Goes up by one on every change; answered as the ETag, sent back as If-Match.
        created_at (datetime.datetime): When it was proposed (RFC 3339, UTC).
        updated_at (datetime.datetime): When it last changed (RFC 3339, UTC).
    """

    id: UUID
    title: str
    brief: str
    audience: str
    pain_point: str
    tags: list[str]
    priority: int
    owner_id: None | str
    due_date: datetime.date | None
    status: TopicStatus
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        title = self.title

        brief = self.brief

        audience = self.audience

        pain_point = self.pain_point

        tags = self.tags

        priority = self.priority

        owner_id: None | str
        owner_id = self.owner_id

        due_date: None | str
        if isinstance(self.due_date, datetime.date):
            due_date = self.due_date.isoformat()
        else:
            due_date = self.due_date

        status = self.status.value

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "brief": brief,
                "audience": audience,
                "pain_point": pain_point,
                "tags": tags,
                "priority": priority,
                "owner_id": owner_id,
                "due_date": due_date,
                "status": status,
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

        title = d.pop("title")

        brief = d.pop("brief")

        audience = d.pop("audience")

        pain_point = d.pop("pain_point")

        tags = cast(list[str], d.pop("tags"))

        priority = d.pop("priority")

        def _parse_owner_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        owner_id = _parse_owner_id(d.pop("owner_id"))

        def _parse_due_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_date_type_0 = datetime.date.fromisoformat(data)

                return due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_date = _parse_due_date(d.pop("due_date"))

        status = TopicStatus(d.pop("status"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        topic_read = cls(
            id=id,
            title=title,
            brief=brief,
            audience=audience,
            pain_point=pain_point,
            tags=tags,
            priority=priority,
            owner_id=owner_id,
            due_date=due_date,
            status=status,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        topic_read.additional_properties = d
        return topic_read

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
