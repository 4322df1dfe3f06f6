from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ComparedNumbers")


@_attrs_define
class ComparedNumbers:
    """The numbers compared, for one side of one day (or their gap or ratio); null where the
    side has no number that day.

        Attributes:
            followers (float | None): Followers at the end of the day. Benchmark: the snapshot's. Own: follow - unfollow
                events of the channel from the beginning of MediaOps' history through the day (the true count only when its
                events cover the account's whole life); null until the channel's first follow or unfollow event.
            follower_growth (float | None): Followers gained that day. Benchmark: the day's followers - the day before's
                (null unless both days have a snapshot with followers). Own: follow - unfollow that day (null until the
                channel's first follow or unfollow event).
            posts (float | None): Posts published that day. Own: the channel's `publish` events.
            avg_reads (float | None): Average reads per post published that day. Own: the channel's `view` events that day ÷
                its posts that day (null on a day it published nothing).
            likes (float | None): Likes that day. Own: the channel's `like` events.
    """

    followers: float | None
    follower_growth: float | None
    posts: float | None
    avg_reads: float | None
    likes: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        followers: float | None
        followers = self.followers

        follower_growth: float | None
        follower_growth = self.follower_growth

        posts: float | None
        posts = self.posts

        avg_reads: float | None
        avg_reads = self.avg_reads

        likes: float | None
        likes = self.likes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "followers": followers,
                "follower_growth": follower_growth,
                "posts": posts,
                "avg_reads": avg_reads,
                "likes": likes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_followers(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        followers = _parse_followers(d.pop("followers"))

        def _parse_follower_growth(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        follower_growth = _parse_follower_growth(d.pop("follower_growth"))

        def _parse_posts(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        posts = _parse_posts(d.pop("posts"))

        def _parse_avg_reads(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        avg_reads = _parse_avg_reads(d.pop("avg_reads"))

        def _parse_likes(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        likes = _parse_likes(d.pop("likes"))

        compared_numbers = cls(
            followers=followers,
            follower_growth=follower_growth,
            posts=posts,
            avg_reads=avg_reads,
            likes=likes,
        )

        compared_numbers.additional_properties = d
        return compared_numbers

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
