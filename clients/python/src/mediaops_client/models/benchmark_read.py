from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.benchmark_platform import BenchmarkPlatform

T = TypeVar("T", bound="BenchmarkRead")


@_attrs_define
class BenchmarkRead:
    """A benchmark account.

    Attributes:
        id (UUID): The benchmark's id, set by the service.
        platform (BenchmarkPlatform): Where a benchmark account publishes: content-svc's channel platforms (its
            ``webhook`` publisher is no platform of an account one measures), or ``other``.
        handle (str): The account's id on the platform (a WeChat OA's 微信号, a Weibo or Xiaohongshu id), 1 to 100
            characters, spaces around it dropped; one benchmark per platform and handle.
        name (str): What the team calls it (1 to 200 characters).
        notes (str): Why it is a benchmark, what to watch (up to 2,000 characters).
        version (int): Set by the service, 1 at creation and +1 per change; also the `ETag`. Send it as `If-Match` when
            changing the benchmark so a concurrent change is not lost.
        created_at (datetime.datetime): When it was created (set by the service).
        updated_at (datetime.datetime): When it last changed (set by the service).
    """

    id: UUID
    platform: BenchmarkPlatform
    handle: str
    name: str
    notes: str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        platform = self.platform.value

        handle = self.handle

        name = self.name

        notes = self.notes

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "platform": platform,
                "handle": handle,
                "name": name,
                "notes": notes,
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

        platform = BenchmarkPlatform(d.pop("platform"))

        handle = d.pop("handle")

        name = d.pop("name")

        notes = d.pop("notes")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        benchmark_read = cls(
            id=id,
            platform=platform,
            handle=handle,
            name=name,
            notes=notes,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
        )

        benchmark_read.additional_properties = d
        return benchmark_read

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
