from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SnapshotRead")


@_attrs_define
class SnapshotRead:
    """A benchmark's numbers for one day, as stored.

    Attributes:
        benchmark_id (UUID): The benchmark the numbers are of.
        snapshot_date (datetime.date): The day the numbers are of.
        followers (int | None): Followers the account had that day (its public count); null: not known.
        posts (int | None): Posts it published that day; null: not known.
        avg_reads (float | None): Average reads per post it published that day (the day's reads ÷ its posts, as the
            platform or a ranking site shows them); null: not known.
        likes (int | None): Likes its posts got that day; null: not known.
        created_at (datetime.datetime): When the day was first entered.
        updated_at (datetime.datetime): When the day's numbers were last entered.
    """

    benchmark_id: UUID
    snapshot_date: datetime.date
    followers: int | None
    posts: int | None
    avg_reads: float | None
    likes: int | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        benchmark_id = str(self.benchmark_id)

        snapshot_date = self.snapshot_date.isoformat()

        followers: int | None
        followers = self.followers

        posts: int | None
        posts = self.posts

        avg_reads: float | None
        avg_reads = self.avg_reads

        likes: int | None
        likes = self.likes

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "benchmark_id": benchmark_id,
                "snapshot_date": snapshot_date,
                "followers": followers,
                "posts": posts,
                "avg_reads": avg_reads,
                "likes": likes,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        benchmark_id = UUID(d.pop("benchmark_id"))

        snapshot_date = datetime.date.fromisoformat(d.pop("snapshot_date"))

        def _parse_followers(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        followers = _parse_followers(d.pop("followers"))

        def _parse_posts(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        posts = _parse_posts(d.pop("posts"))

        def _parse_avg_reads(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        avg_reads = _parse_avg_reads(d.pop("avg_reads"))

        def _parse_likes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        likes = _parse_likes(d.pop("likes"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        snapshot_read = cls(
            benchmark_id=benchmark_id,
            snapshot_date=snapshot_date,
            followers=followers,
            posts=posts,
            avg_reads=avg_reads,
            likes=likes,
            created_at=created_at,
            updated_at=updated_at,
        )

        snapshot_read.additional_properties = d
        return snapshot_read

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
