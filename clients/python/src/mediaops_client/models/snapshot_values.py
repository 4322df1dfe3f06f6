from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SnapshotValues")


@_attrs_define
class SnapshotValues:
    """A benchmark's public numbers for one day; each may be null (not known). A `PUT` replaces
    the day's numbers whole: a field left out is null afterwards.

        Attributes:
            followers (int | None | Unset): Followers the account had that day (its public count); null: not known.
            posts (int | None | Unset): Posts it published that day; null: not known.
            avg_reads (float | None | Unset): Average reads per post it published that day (the day's reads ÷ its posts, as
                the platform or a ranking site shows them); null: not known.
            likes (int | None | Unset): Likes its posts got that day; null: not known.
    """

    followers: int | None | Unset = UNSET
    posts: int | None | Unset = UNSET
    avg_reads: float | None | Unset = UNSET
    likes: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        followers: int | None | Unset
        if isinstance(self.followers, Unset):
            followers = UNSET
        else:
            followers = self.followers

        posts: int | None | Unset
        if isinstance(self.posts, Unset):
            posts = UNSET
        else:
            posts = self.posts

        avg_reads: float | None | Unset
        if isinstance(self.avg_reads, Unset):
            avg_reads = UNSET
        else:
            avg_reads = self.avg_reads

        likes: int | None | Unset
        if isinstance(self.likes, Unset):
            likes = UNSET
        else:
            likes = self.likes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if followers is not UNSET:
            field_dict["followers"] = followers
        if posts is not UNSET:
            field_dict["posts"] = posts
        if avg_reads is not UNSET:
            field_dict["avg_reads"] = avg_reads
        if likes is not UNSET:
            field_dict["likes"] = likes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_followers(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        followers = _parse_followers(d.pop("followers", UNSET))

        def _parse_posts(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        posts = _parse_posts(d.pop("posts", UNSET))

        def _parse_avg_reads(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        avg_reads = _parse_avg_reads(d.pop("avg_reads", UNSET))

        def _parse_likes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        likes = _parse_likes(d.pop("likes", UNSET))

        snapshot_values = cls(
            followers=followers,
            posts=posts,
            avg_reads=avg_reads,
            likes=likes,
        )

        return snapshot_values
